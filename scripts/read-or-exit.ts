import { ResultFileError, readResultFile, type LoadedResult } from '../src/results/read.js';

/** A result file for a script; one that cannot be read is one line on stderr and exit 2, not a stack trace. */
export function readOrExit(file: string): LoadedResult {
  try {
    return readResultFile(file);
  } catch (error) {
    if (!(error instanceof ResultFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
