import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { readResultFile, ResultFileError, type LoadedResult } from '../results/read.js';
import { sameRun } from '../results/same-run.js';
import { UsageError } from './errors.js';

/** Reads a result file for a command: a bad file is a usage error (exit 2) with one line naming it. */
export function loadResultForCommand(path: string): LoadedResult {
  try {
    return readResultFile(path);
  } catch (error) {
    if (error instanceof ResultFileError) throw new UsageError(error.message);
    throw error;
  }
}

export interface NamedResult {
  readonly path: string;
  readonly result: LoadedResult;
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Why two inputs are one run given twice (the same file by path, or the same
 * samples under another name), or undefined. Comparing a run with itself says
 * nothing, and pooling it twice doubles its samples and narrows every interval.
 */
export function sameRunProblem(a: NamedResult, b: NamedResult): string | undefined {
  if (canonical(a.path) === canonical(b.path)) return `${a.path} and ${b.path} are the same file`;
  if (sameRun(a.result, b.result)) return `${a.path} and ${b.path} hold the same run (every case they share has identical samples)`;
  return undefined;
}
