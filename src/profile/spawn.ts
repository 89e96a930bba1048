import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BoundedRunRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  /** stdout and stderr go here (the tool's log in the case directory). */
  readonly logPath: string;
  readonly signal?: AbortSignal;
}

export type BoundedRunOutcome =
  | { readonly kind: 'exited'; readonly pid: number; readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly elapsedMs: number }
  | { readonly kind: 'timed-out'; readonly elapsedMs: number }
  | { readonly kind: 'aborted'; readonly elapsedMs: number }
  | { readonly kind: 'failed-to-start'; readonly error: string };

/** Process groups still running, killed if this process exits first (a second Ctrl-C, a crash). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid);
  });
}

/**
 * Runs a command in its own process group with no stdin (clinic and 0x wait
 * for input or a TTY otherwise), its output in a log file, and a hard time
 * limit: on timeout or abort the whole group (the tool and the node it started)
 * is killed.
 */
export function runBounded(request: BoundedRunRequest): Promise<BoundedRunOutcome> {
  installExitHook();
  mkdirSync(dirname(request.logPath), { recursive: true });
  const log = openSync(request.logPath, 'a');
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let ending: 'timed-out' | 'aborted' | undefined;
    const child = spawn(request.command, [...request.args], {
      cwd: request.cwd,
      env: request.env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    const finish = (outcome: BoundedRunOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      closeSync(log);
      resolve(outcome);
    };
    const stop = (why: 'timed-out' | 'aborted'): void => {
      ending ??= why;
      if (child.pid !== undefined) killGroup(child.pid);
    };
    const onAbort = (): void => stop('aborted');
    const timer = setTimeout(() => stop('timed-out'), request.timeoutMs);
    if (child.pid !== undefined) liveGroups.add(child.pid);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();
    child.once('error', (error) => finish({ kind: 'failed-to-start', error: error.message }));
    child.once('close', (code, signal) => {
      // The tool may have left children behind in its group (clinic's sampled process).
      if (child.pid !== undefined) killGroup(child.pid);
      if (ending) finish({ kind: ending, elapsedMs: elapsed() });
      else finish({ kind: 'exited', pid: child.pid ?? 0, code, signal, elapsedMs: elapsed() });
    });
  });
}

/** A one-line description of an outcome that did not end with exit code 0. */
export function describeOutcome(outcome: BoundedRunOutcome, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'exited':
      return outcome.signal ? `killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
    case 'timed-out':
      return `did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`;
    case 'aborted':
      return 'interrupted';
    case 'failed-to-start':
      return `could not start: ${outcome.error}`;
  }
}
