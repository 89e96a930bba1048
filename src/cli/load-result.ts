import { readResultFile, ResultFileError, type LoadedResult } from '../results/read.js';
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
