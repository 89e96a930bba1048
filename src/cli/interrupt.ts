/**
 * SIGINT/SIGTERM handling for long runs: the first signal aborts the run (the
 * current case stops, what finished is written with `complete: false`); a second
 * one exits at once with 130. Files are written atomically, so neither leaves a
 * truncated result.
 *
 * The npm scripts `exec` node (package.json), so whichever process of the chain
 * gets the signal, this one sees it: npm forwards SIGINT and SIGTERM to its child.
 * A Ctrl-C in a terminal therefore arrives twice, once from the terminal (to the
 * whole process group) and once forwarded by npm, a few milliseconds apart: a
 * repeat within REPEAT_WINDOW_MS is that echo, not a user asking to exit now.
 */
export interface Interrupt {
  readonly signal: AbortSignal;
  dispose(): void;
}

export const REPEAT_WINDOW_MS = 500;

export function onInterrupt(notify: (message: string) => void = (m) => process.stderr.write(`${m}\n`), now: () => number = () => performance.now()): Interrupt {
  const controller = new AbortController();
  let firstAt = 0;
  const handler = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      if (now() - firstAt < REPEAT_WINDOW_MS) return;
      notify(`${name} again: exiting now`);
      process.exit(INTERRUPTED_EXIT_CODE);
    }
    firstAt = now();
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
