import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.js';

/**
 * Where a command will write, checked before it measures or computes anything: a run
 * that takes minutes must not end with "EISDIR" and nothing saved. A path that is
 * fine now can still fail at the end (disk full, permissions changed); the commands
 * that measure keep their measurements in a fallback file then (run-outputs.ts).
 */
export interface OutputTarget {
  /** How the user named it: `--out`, `--reports-dir`, or a description of a default path. */
  readonly label: string;
  readonly path: string;
  readonly kind: 'file' | 'dir';
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why `path` cannot be created inside the nearest existing ancestor directory, or undefined when it can. */
function creatableProblem(path: string): string | undefined {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    const stat = statOrUndefined(dir);
    if (!stat) {
      if (dirname(dir) === dir) return `cannot be created: ${dir} does not exist`;
      continue;
    }
    if (!stat.isDirectory()) return `cannot be created: ${dir} is a file, not a directory`;
    if (!writable(dir)) return `cannot be created: ${dir} is not writable`;
    return undefined;
  }
}

/** What is wrong with writing to `target`, in words, or undefined when nothing is. */
export function outputProblem(target: OutputTarget): string | undefined {
  const stat = statOrUndefined(target.path);
  if (!stat) return creatableProblem(target.path);
  if (target.kind === 'file') {
    if (stat.isDirectory()) return 'is a directory; name a file';
    // Files are written to a temporary name beside the target, then renamed: the directory must be writable.
    const dir = dirname(resolve(target.path));
    return writable(dir) ? undefined : `cannot be replaced: ${dir} is not writable`;
  }
  if (!stat.isDirectory()) return 'is a file, not a directory';
  return writable(target.path) ? undefined : 'is not writable';
}

/** Throws a one-line UsageError (exit 2) for the first target that cannot be written. */
export function checkOutputs(targets: readonly OutputTarget[]): void {
  for (const target of targets) {
    const problem = outputProblem(target);
    if (problem) throw new UsageError(`${target.label} ${target.path}: ${problem}`);
  }
}

/** A `--out` value that must name a JSON file (bench, bench:pipeline, merge): one rule, one message. */
export function checkJsonOut(out: string | undefined, flag = '--out'): void {
  if (out !== undefined && !out.endsWith('.json')) throw new UsageError(`${flag} must name a .json file, got '${out}'`);
}
