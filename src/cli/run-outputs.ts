import os from 'node:os';
import { join } from 'node:path';
import { describeThrown } from '../codecs/types.js';
import { timestampForFile, writeJsonAtomic, writeResultFiles } from '../results/write.js';
import { CommandFailure } from './errors.js';
import type { OutputTarget } from './output-paths.js';

/** Where a bench command writes its result: `--out`, or a stamped file and a "latest" copy in `dir`. */
export interface ResultTarget {
  readonly out?: string | undefined;
  readonly dir: string;
  readonly prefix: string;
  readonly latest: string;
}

/** The result file's paths, to check before the run (output-paths.ts). */
export function resultTargets(target: ResultTarget): OutputTarget[] {
  if (target.out) return [{ label: '--out', path: target.out, kind: 'file' }];
  return [
    { label: 'results directory', path: target.dir, kind: 'dir' },
    { label: 'result file', path: join(target.dir, target.latest), kind: 'file' },
  ];
}

/** The reports directory and the files a command writes in it, to check before the run. */
export function reportTargets(reportsDir: string, files: readonly string[]): OutputTarget[] {
  return [{ label: '--reports-dir', path: reportsDir, kind: 'dir' }, ...files.map((name) => ({ label: 'report file', path: join(reportsDir, name), kind: 'file' as const }))];
}

/** Where measurements go when the result file cannot be written at the end of a run. */
export function fallbackPath(prefix: string, now = new Date()): string {
  return join(os.tmpdir(), `serbench-unsaved-${prefix}-${timestampForFile(now)}.json`);
}

/**
 * Writes a run's result file(s). When that fails after the run (disk full, the
 * directory gone or read-only), the measurements are written to a fallback file in
 * the temporary directory and the one-line error names it (exit 1): minutes of
 * measuring are never lost to a write.
 */
export function saveResult(result: { readonly meta: { readonly createdAt: string } }, target: ResultTarget): string[] {
  try {
    return writeResultFiles(result, target);
  } catch (error) {
    const where = target.out ?? target.dir;
    const fallback = fallbackPath(target.prefix);
    try {
      writeJsonAtomic(fallback, result);
    } catch (second) {
      throw new CommandFailure(`cannot write the result to ${where} (${describeThrown(error)}), nor to ${fallback} (${describeThrown(second)})`);
    }
    throw new CommandFailure(`cannot write the result to ${where} (${describeThrown(error)}); the measurements are kept in ${fallback}`);
  }
}

/** Writes a run's reports; when that fails, the one-line error says how to make them from the result file that was written. */
export function saveReports(reportsDir: string, resultFile: string, write: () => string[]): string[] {
  try {
    return write();
  } catch (error) {
    throw new CommandFailure(`cannot write the reports to ${reportsDir} (${describeThrown(error)}); every measurement is in ${resultFile}: npm run report -- ${resultFile} --reports-dir DIR`);
  }
}
