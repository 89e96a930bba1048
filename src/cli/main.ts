import { UnknownNameError } from '../registry.js';
import { ResultFileError } from '../results/read.js';
import { PluginError } from '../codecs/plugins.js';
import { InputError } from '../inputs/types.js';
import { CommandFailure, UsageError } from './errors.js';

/** An error from the operating system (a write to a full disk, a path that became a directory): `code` and `syscall` say what. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * Runs a command's main function: user errors print one line (no stack trace)
 * and exit 2 (usage) or 1 (failure); so does an error from the operating system,
 * which is about the machine, not serbench. Any other error prints its stack, since
 * that is a serbench bug worth reporting.
 */
export function runMain(main: (argv: readonly string[]) => Promise<number | void>, name: string): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof UsageError || error instanceof UnknownNameError || error instanceof ResultFileError || error instanceof PluginError || error instanceof InputError) {
        process.stderr.write(`${name}: ${error.message}\n`);
        process.exitCode = 2;
      } else if (error instanceof CommandFailure || isSystemError(error)) {
        process.stderr.write(`${name}: ${error.message}\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      }
    },
  );
}
