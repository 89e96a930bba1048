/** A mistake in how a command was called (flags, values, missing files): exit 2, one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** The command ran but what it was asked to do failed (e.g. a file would not decode): exit 1, one line. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  readonly exitCode = 1;
}
