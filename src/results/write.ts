import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that a reader never sees half of it: the content goes to a
 * temporary file beside the target, which is then renamed over it (atomic on POSIX).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`);
}

/** An ISO time as a file-name-safe stamp (`:` becomes `-`; milliseconds kept, so runs do not collide). */
export function timestampForFile(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

/**
 * Where the test suite collects a copy of every result file a test writes, to check
 * each against docs/result.schema.json (scripts/test.mjs sets it; unset, nothing is copied).
 */
export const RESULT_COPIES_ENV = 'SERBENCH_RESULT_COPIES';

/** Writes one result file atomically (and its copy for the test suite's schema check). */
export function writeResultFile(path: string, result: unknown): void {
  writeJsonAtomic(path, result);
  const copies = process.env[RESULT_COPIES_ENV];
  if (copies) writeJsonAtomic(join(copies, `${process.pid}-${Date.now()}-${basename(path)}`), result);
}

/**
 * Writes a suite's result: to `out` when given, otherwise to
 * `<dir>/<prefix>-<time>.json` and `<dir>/<latest>` (the copy reports read by default).
 * Returns the paths written.
 */
export function writeResultFiles(result: { readonly meta: { readonly createdAt: string } }, target: { readonly out?: string | undefined; readonly dir: string; readonly prefix: string; readonly latest: string }): string[] {
  if (target.out) {
    writeResultFile(target.out, result);
    return [target.out];
  }
  const stamped = join(target.dir, `${target.prefix}-${timestampForFile(new Date(result.meta.createdAt))}.json`);
  const latest = join(target.dir, target.latest);
  writeResultFile(stamped, result);
  writeJsonAtomic(latest, result);
  return [stamped, latest];
}
