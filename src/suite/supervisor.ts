import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputSpec } from '../inputs/types.js';
import type { CaseResult } from '../results/types.js';
import type { ParentMessage } from './child.js';
import { SuiteCollector } from './collector.js';
import type { SuiteEvent } from './events.js';
import { COMPILED_NODE_FLAGS, compileProject } from './instructions/compiled.js';
import { countingCostOf } from './instructions/costs.js';
import { CALLGRIND_DIR_ENV } from './instructions/phases.js';
import { callgrindArgs, DETERMINISTIC_ENV, DETERMINISTIC_V8_FLAGS, valgrindCommand } from './instructions/valgrind.js';
import { splitForJobs } from './jobs.js';
import type { CodecCasePlan } from './matrix.js';
import { INSTRUCTION_DEFAULTS, type CodecSuiteOptions } from './options.js';

export interface SupervisorOptions {
  /** A case (or a dataset's preparation) silent for longer than this is killed and recorded as failed. */
  readonly caseTimeoutMs: number;
  /** V8 heap limit of the measuring process; a case that exceeds it is recorded as out of memory. */
  readonly heapLimitMb: number;
  readonly onEvent?: (event: SuiteEvent) => void;
  readonly signal?: AbortSignal;
  /** Codec modules (`--plugin`) the measuring process loads too. */
  readonly plugins?: readonly string[];
  /** `--measure instructions`: Valgrind processes at once (default: one per core). */
  readonly jobs?: number;
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
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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

/** How a measuring process is started: Node itself, or Node under Valgrind. */
type Launch = () => ChildProcess;

interface Work {
  readonly round: number;
  readonly pending: readonly string[];
  readonly withSizes: boolean;
  readonly prepareOnly: boolean;
}

function nodeArgs(heapLimitMb: number): string[] {
  return ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${heapLimitMb}`];
}

function launchNode(supervisor: SupervisorOptions): Launch {
  return () => fork(CHILD, [], { execArgv: nodeArgs(supervisor.heapLimitMb), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

/** The measuring child compiled to JavaScript (instructions/compiled.ts), under callgrind: no tsx, no loader thread. */
function launchUnderCallgrind(supervisor: SupervisorOptions, dir: string, child: string): Launch {
  return () =>
    spawn(valgrindCommand(), [...callgrindArgs(dir), process.execPath, ...COMPILED_NODE_FLAGS, ...DETERMINISTIC_V8_FLAGS, '--expose-gc', `--max-old-space-size=${supervisor.heapLimitMb}`, child], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, ...DETERMINISTIC_ENV, [CALLGRIND_DIR_ENV]: dir },
    });
}

function runChild(launch: Launch, work: Work, plans: readonly CodecCasePlan[], options: CodecSuiteOptions, collector: SuiteCollector, supervisor: SupervisorOptions): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = launch();
    let stderrTail = '';
    let finished: boolean | undefined;
    let running: readonly string[] = [];
    let timedOutMs: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ids: readonly string[], extraMs = 0): void => {
      running = ids;
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOutMs = supervisor.caseTimeoutMs + extraMs;
        child.kill('SIGKILL');
      }, supervisor.caseTimeoutMs + extraMs);
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
      if (event.type === 'prepare') arm(work.pending.filter((id) => plans.find((p) => p.id === id)?.dataset === event.dataset));
      else if (event.type === 'case-start') arm([event.id]);
      else if (event.type === 'case-progress') arm([event.id]);
      else if (event.type === 'slices') arm(event.ids, event.budgetMs);
      else if (event.type === 'finished') finished = event.interrupted;
    });
    child.on('error', (error) => {
      stderrTail += `\n${error.message}`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      supervisor.signal?.removeEventListener('abort', onAbort);
      if (finished !== undefined) return resolve({ interrupted: finished });
      const reason = describeExit(code, signal, stderrTail, timedOutMs, supervisor.heapLimitMb);
      resolve({ interrupted: supervisor.signal?.aborted ?? false, casualty: { ids: running.length > 0 ? running : work.pending, reason } });
    });
    const message: ParentMessage = {
      type: 'run',
      options,
      caseIds: work.pending,
      round: work.round,
      roundId: randomUUID().slice(0, 8),
      roundsDone: collector.roundsDone(),
      withSizes: work.withSizes,
      prepareOnly: work.prepareOnly,
      plugins: supervisor.plugins ?? [],
      inputs: supervisor.inputs ?? [],
    };
    child.send(message);
    if (supervisor.signal?.aborted) onAbort();
  });
}

interface RoundRun {
  readonly launch: Launch;
  readonly round: number;
  readonly among?: ReadonlySet<string>;
  readonly withSizes: boolean;
  readonly prepareOnly?: boolean;
}

/**
 * Runs one round of the pending cases; when a child dies (timeout, out of
 * memory, crash), the case it was on is recorded as failed with the reason and a
 * new child carries on with the rest. Resolves true when interrupted.
 */
async function runRound(run: RoundRun, plans: readonly CodecCasePlan[], options: CodecSuiteOptions, collector: SuiteCollector, supervisor: SupervisorOptions): Promise<boolean> {
  const pendingNow = (): string[] => collector.pending(run.round, run.among);
  let interrupted = false;
  for (let pending = pendingNow(); pending.length > 0 && !interrupted; pending = pendingNow()) {
    const work: Work = { round: run.round, pending, withSizes: run.withSizes, prepareOnly: run.prepareOnly ?? false };
    const child = await runChild(run.launch, work, plans, options, collector, supervisor);
    interrupted = child.interrupted || (supervisor.signal?.aborted ?? false);
    if (child.casualty && !interrupted) for (const id of child.casualty.ids) collector.fail(id, child.casualty.reason);
    if (!child.casualty) break;
  }
  return interrupted;
}

/**
 * Wall clock: every case in `rounds` rounds, each round in a fresh process (JIT
 * decisions, heap layout and address-space luck differ between processes:
 * run-to-run noise that one process cannot show), then extra rounds, up to
 * `maxRounds`, for the groups whose run-to-run interval is still wider than
 * `precision`, while the run stays within `budgetS` (extraRoundFits).
 */
async function runTimeRounds(plans: readonly CodecCasePlan[], options: CodecSuiteOptions, collector: SuiteCollector, supervisor: SupervisorOptions): Promise<boolean> {
  const launch = launchNode(supervisor);
  const started = performance.now();
  let last = { ms: 0, cases: plans.length };
  for (let round = 1; round <= Math.max(options.rounds, options.maxRounds); round++) {
    let among: Set<string> | undefined;
    if (round > options.rounds) {
      if (options.precision <= 0) break;
      among = collector.imprecise(options.precision);
      if (among.size === 0 || !extraRoundFits(options.budgetS, performance.now() - started, last, among.size)) break;
    }
    const roundStarted = performance.now();
    if (await runRound({ launch, round, withSizes: round === 1, ...(among ? { among } : {}) }, plans, options, collector, supervisor)) return true;
    last = { ms: performance.now() - roundStarted, cases: among?.size ?? plans.length };
  }
  return false;
}

/**
 * Whether an extra round of `cases` cases still fits in the run's budget: its
 * length estimated from the last round's, per case.
 */
export function extraRoundFits(budgetS: number, elapsedMs: number, last: { readonly ms: number; readonly cases: number }, cases: number): boolean {
  if (budgetS <= 0) return true;
  const nextMs = last.cases > 0 ? (last.ms * cases) / last.cases : 0;
  return elapsedMs + nextMs <= budgetS * 1000;
}

/**
 * Instructions: the fidelity gate and sizes in one ordinary process first (fast,
 * and a case that cannot run fails there), then the cases counted under
 * callgrind, split over `jobs` Valgrind processes running at once (a count does
 * not depend on what else the machine does), once per round.
 */
async function runInstructionRound(plans: readonly CodecCasePlan[], options: CodecSuiteOptions, collector: SuiteCollector, supervisor: SupervisorOptions): Promise<boolean> {
  const all = new Set(plans.map((p) => p.id));
  if (await runRound({ launch: launchNode(supervisor), round: 1, among: all, withSizes: true, prepareOnly: true }, plans, options, collector, supervisor)) return true;
  const dir = mkdtempSync(join(tmpdir(), 'serbench-callgrind-'));
  const compiled = await compileProject(ROOT, supervisor.plugins ?? []);
  try {
    const launch = launchUnderCallgrind(supervisor, dir, compiled.locate(CHILD));
    const counting = { ...supervisor, plugins: (supervisor.plugins ?? []).map(compiled.locate) };
    const jobs = supervisor.jobs || INSTRUCTION_DEFAULTS.jobs || availableParallelism();
    const costOf = countingCostOf();
    for (let round = 1; round <= options.rounds; round++) {
      const parts = splitForJobs(plans.filter((p) => collector.pending(round).includes(p.id)), jobs, costOf).map((part) => new Set(part.map((p) => p.id)));
      for (const part of parts) collector.countedTogether(plans.filter((p) => part.has(p.id)).map((p) => p.id));
      const interrupted = await Promise.all(parts.map((among) => runRound({ launch, round, among, withSizes: false }, plans, options, collector, counting)));
      if (interrupted.some(Boolean)) return true;
    }
    return false;
  } finally {
    rmSync(compiled.dir, { recursive: true, force: true });
    if (!process.env.SERBENCH_KEEP_DUMPS) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the codec suite in supervised child processes and collects every case's result. */
export async function runSupervisedSuite(plans: readonly CodecCasePlan[], options: CodecSuiteOptions, supervisor: SupervisorOptions): Promise<SuiteOutcome> {
  const collector = new SuiteCollector(plans, options.measure === 'instructions' ? 'instructions' : 'ns');
  const interrupted =
    options.measure === 'instructions' ? await runInstructionRound(plans, options, collector, supervisor) : await runTimeRounds(plans, options, collector, supervisor);
  const cases = collector.results(interrupted);
  return { cases, interrupted, complete: !interrupted && cases.every((c) => c.status === 'ok') };
}
