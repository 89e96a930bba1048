import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { InputSpec } from '../inputs/types.js';
import type { CaseResult } from '../results/types.js';
import type { ParentMessage } from './child.js';
import { SuiteCollector } from './collector.js';
import type { SuiteEvent } from './events.js';
import type { CodecCasePlan } from './matrix.js';
import type { CodecSuiteOptions } from './options.js';

export interface SupervisorOptions {
  /** A case (or a dataset's preparation) silent for longer than this is killed and recorded as failed. */
  readonly caseTimeoutMs: number;
  /** V8 heap limit of the measuring process; a case that exceeds it is recorded as out of memory. */
  readonly heapLimitMb: number;
  readonly onEvent?: (event: SuiteEvent) => void;
  readonly signal?: AbortSignal;
  /** Codec modules (`--plugin`) the measuring process loads too. */
  readonly plugins?: readonly string[];
  /** A user's files (`--input`), resolved once: the measuring process opens the same datasets from them. */
  readonly inputs?: readonly InputSpec[];
}

export interface SuiteOutcome {
  readonly cases: CaseResult[];
  readonly interrupted: boolean;
  /** False when interrupted or when any case is not ok. */
  readonly complete: boolean;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

/** Why a child died, in words a user can act on. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string, timedOutMs: number | undefined, heapLimitMb: number): string {
  if (timedOutMs !== undefined) return `timed out: no result after ${(timedOutMs / 1000).toFixed(0)} s (the per-case limit; raise it with --case-timeout)`;
  if (/heap out of memory|Allocation failed/i.test(stderrTail)) return `ran out of memory (heap limit ${heapLimitMb} MB; raise it with --heap-limit)`;
  const lastLine = stderrTail.trim().split('\n').at(-1) ?? '';
  return `the measuring process died (${signal ?? `exit code ${code}`})${lastLine ? `: ${lastLine.slice(0, 200)}` : ''}`;
}

interface ChildRun {
  readonly interrupted: boolean;
  /** The case (or cases of a dataset being prepared) that were running when the child died, and why. */
  readonly casualty?: { readonly ids: readonly string[]; readonly reason: string };
}

function runChild(round: number, plans: readonly CodecCasePlan[], pending: readonly string[], options: CodecSuiteOptions, collector: SuiteCollector, supervisor: SupervisorOptions): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${supervisor.heapLimitMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderrTail = '';
    let finished: boolean | undefined;
    let running: readonly string[] = [];
    let timedOutMs: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ids: readonly string[]): void => {
      running = ids;
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOutMs = supervisor.caseTimeoutMs;
        child.kill('SIGKILL');
      }, supervisor.caseTimeoutMs);
    };
    const onAbort = (): void => {
      if (child.connected) child.send({ type: 'abort' } satisfies ParentMessage);
    };
    supervisor.signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-4000);
    });
    child.on('message', (event: SuiteEvent) => {
      collector.apply(event);
      supervisor.onEvent?.(event);
      if (event.type === 'prepare') arm(pending.filter((id) => plans.find((p) => p.id === id)?.dataset === event.dataset));
      else if (event.type === 'case-start') arm([event.id]);
      else if (event.type === 'finished') finished = event.interrupted;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      supervisor.signal?.removeEventListener('abort', onAbort);
      if (finished !== undefined) return resolve({ interrupted: finished });
      const reason = describeExit(code, signal, stderrTail, timedOutMs, supervisor.heapLimitMb);
      resolve({ interrupted: supervisor.signal?.aborted ?? false, casualty: { ids: running.length > 0 ? running : pending, reason } });
    });
    child.send({ type: 'run', options, caseIds: pending, round, roundsDone: collector.roundsDone(), withSizes: round === 1, plugins: supervisor.plugins ?? [], inputs: supervisor.inputs ?? [] } satisfies ParentMessage);
    if (supervisor.signal?.aborted) onAbort();
  });
}

/**
 * Runs the codec suite in child processes, one per round, so each case's
 * samples span several processes (JIT decisions, heap layout, address-space
 * luck differ between them: run-to-run noise that rounds inside one process
 * cannot show). When a child dies (timeout, out of memory, crash), the case it
 * was on is recorded as failed with the reason and a new child carries on.
 */
export async function runSupervisedSuite(plans: readonly CodecCasePlan[], options: CodecSuiteOptions, supervisor: SupervisorOptions): Promise<SuiteOutcome> {
  const collector = new SuiteCollector(plans);
  let interrupted = false;
  for (let round = 1; round <= options.rounds && !interrupted; round++) {
    for (let pending = collector.pending(round); pending.length > 0 && !interrupted; pending = collector.pending(round)) {
      const run = await runChild(round, plans, pending, options, collector, supervisor);
      interrupted = run.interrupted || (supervisor.signal?.aborted ?? false);
      if (run.casualty && !interrupted) for (const id of run.casualty.ids) collector.fail(id, run.casualty.reason);
      if (!run.casualty) break;
    }
  }
  const cases = collector.results(interrupted);
  return { cases, interrupted, complete: !interrupted && cases.every((c) => c.status === 'ok') };
}
