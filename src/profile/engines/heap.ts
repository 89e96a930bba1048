import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTEFACT } from '../artefact-names.js';
import { formatBytes } from '../markdown.js';
import type { HeapPeakRecord } from '../child/peak-snapshot.js';
import { PROFILE_DEFAULTS } from '../options.js';
import { mergeSourceMapDumps } from '../source-map-store.js';
import { childCommand } from '../target.js';
import { collectNamedProfiles, threadArtefacts } from './cpu.js';
import { elapsedOf, logPath, removeScratch, runChild, unsuccessful } from './common.js';
import type { Artefact, EngineOutcome, EngineTask, ProfileEngine } from './types.js';

export function readHeapPeak(caseDir: string): HeapPeakRecord | undefined {
  const path = join(caseDir, ARTEFACT.heapPeak);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as HeapPeakRecord;
  } catch {
    return undefined;
  }
}

/**
 * One run with the sampling heap profiler on every thread (objects collected
 * later included) and a heap snapshot of the main thread at its peak heap use.
 * Kept apart from the CPU run: a snapshot pauses the process for a while.
 */
export const heapEngine: ProfileEngine = {
  name: 'heap',
  description: 'sampling heap profile per thread and a heap snapshot at peak heap use (node:inspector, v8.writeHeapSnapshot)',
  requires: [],
  detect() {
    return { ok: true, version: `node ${process.versions.node}` };
  },
  async run(task: EngineTask): Promise<EngineOutcome> {
    const scratch = join(task.caseDir, '.heap');
    const sourceMapsDir = join(task.caseDir, '.heap-source-maps');
    const snapshotPath = join(task.caseDir, ARTEFACT.heapSnapshot);
    const command = childCommand(task.target, task.durationMs, scratch, { heapDir: scratch, snapshotPath, sourceMapsDir });
    // Snapshots take about a second each on top of the run.
    const timeoutMs = task.durationMs + PROFILE_DEFAULTS.warmupMs + PROFILE_DEFAULTS.timeouts.captureSlackMs;
    const log = logPath(task.caseDir, 'heap');
    const outcome = await runChild(command, { timeoutMs, log, ...(task.signal ? { signal: task.signal } : {}) });
    try {
      const failure = unsuccessful(outcome, timeoutMs, log, 'the profiled process');
      if (failure) return failure;
      if (existsSync(scratch)) collectNamedProfiles(scratch, task.caseDir, 'heap');
      mergeSourceMapDumps(task.caseDir, sourceMapsDir);
      const artefacts: Artefact[] = [];
      const peak = readHeapPeak(task.caseDir);
      if (existsSync(snapshotPath)) {
        const when = peak ? `at ${formatBytes(peak.snapshotHeapUsedBytes)} heap used${peak.trigger === 'exit' ? ', at exit' : ''}` : 'at peak';
        artefacts.push({ file: ARTEFACT.heapSnapshot, label: `heap snapshot of the main thread ${when}` });
      }
      const profiles = threadArtefacts(task.caseDir, 'heap', 'sampling heap profile');
      artefacts.push(...profiles);
      const missing = [...(existsSync(snapshotPath) ? [] : ['heap snapshot']), ...(profiles.length > 0 ? [] : ['heap profile'])];
      if (missing.length > 0) return { status: 'failed', reason: `the profiled process exited without writing its ${missing.join(' and ')}`, artefacts, elapsedMs: elapsedOf(outcome) };
      return { status: 'ok', artefacts, elapsedMs: elapsedOf(outcome) };
    } finally {
      removeScratch(scratch);
      removeScratch(sourceMapsDir);
    }
  },
};
