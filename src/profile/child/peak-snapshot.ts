import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { writeJsonAtomic } from '../../results/write.js';
import { ARTEFACT } from '../artefact-names.js';
import { PROFILE_DEFAULTS } from '../options.js';

/** What heap-peak.json records about the snapshot kept. */
export interface HeapPeakRecord {
  /** Heap in use (live and not yet collected) when the kept snapshot was taken. */
  readonly snapshotHeapUsedBytes: number;
  /** The highest heap use seen by any poll during the run. */
  readonly peakHeapUsedBytes: number;
  /** When the kept snapshot was taken, ms after watching began. */
  readonly snapshotAtMs: number;
  readonly snapshotsTaken: number;
  readonly trigger: 'peak' | 'exit';
}

export interface PeakWatchOptions {
  readonly pollMs: number;
  readonly minGrowth: number;
  readonly maxSnapshots: number;
}

/**
 * Takes a heap snapshot at the highest heap use seen: heap use is polled on a
 * timer; each time it exceeds the last snapshot's by `minGrowth` a new snapshot
 * replaces the old one (at most `maxSnapshots`, since each pauses the process).
 * A snapshot forces a full GC first, so it shows what was live at that peak.
 * If no poll ran (a loop that never yields), one snapshot is taken at exit.
 */
export function watchHeapPeak(path: string, options: PeakWatchOptions = PROFILE_DEFAULTS.peakSnapshot): () => void {
  const started = performance.now();
  let taken = 0;
  let lastSnapshotUsed = 0;
  let peak = 0;
  let record: HeapPeakRecord | undefined;

  const snapshot = (used: number, trigger: HeapPeakRecord['trigger']): void => {
    const temporary = join(dirname(path), `.${process.pid}.${taken}.heapsnapshot.tmp`);
    const at = performance.now() - started;
    try {
      writeHeapSnapshot(temporary);
      renameSync(temporary, path);
    } catch {
      rmSync(temporary, { force: true });
      return;
    }
    taken += 1;
    lastSnapshotUsed = used;
    record = { snapshotHeapUsedBytes: used, peakHeapUsedBytes: peak, snapshotAtMs: Math.round(at), snapshotsTaken: taken, trigger };
  };

  const poll = (): void => {
    const used = getHeapStatistics().used_heap_size;
    peak = Math.max(peak, used);
    if (taken < options.maxSnapshots && used > lastSnapshotUsed * options.minGrowth) snapshot(used, 'peak');
  };

  const timer = setInterval(poll, options.pollMs);
  timer.unref();
  const finish = (): void => {
    clearInterval(timer);
    const used = getHeapStatistics().used_heap_size;
    peak = Math.max(peak, used);
    if (taken === 0) snapshot(used, 'exit');
    if (record) writeJsonAtomic(join(dirname(path), ARTEFACT.heapPeak), { ...record, peakHeapUsedBytes: peak });
  };
  process.once('exit', finish);
  return () => {
    process.off('exit', finish);
    finish();
  };
}
