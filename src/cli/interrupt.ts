/**
 * SIGINT/SIGTERM handling for long runs: the first signal aborts the run (the
 * current case stops, what finished is written with `complete: false`); a second
 * one exits at once with 130. Files are written atomically, so neither leaves a
 * truncated result.
 */
export interface Interrupt {
  readonly signal: AbortSignal;
  dispose(): void;
}

export function onInterrupt(notify: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Interrupt {
  const controller = new AbortController();
  const handler = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      notify(`${name} again: exiting now`);
      process.exit(130);
    }
    notify(`${name}: stopping the current case and writing what finished (again to exit now)`);
    controller.abort(new Error(`interrupted by ${name}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export const INTERRUPTED_EXIT_CODE = 130;
