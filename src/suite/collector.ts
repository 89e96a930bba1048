import type { FailureKind } from '../results/failure.js';
import type { CaseResult, SampleUnit } from '../results/types.js';
import { caseFigure, roundsMissingFastMode, SET_ASIDE_FIELD } from '../results/figures.js';
import { summarize } from '../stats/summary.js';
import type { SuiteEvent } from './events.js';
import { groupPlans, type CodecCasePlan } from './matrix.js';
import { groupRunPrecision } from './precision.js';
import { fnv1a32 } from './shard.js';
import type { EncodedSizes } from './sizes.js';

interface CaseState {
  readonly plan: CodecCasePlan;
  prepared?: { bytesPerCall: number; sizes?: EncodedSizes };
  samples: number[];
  /** Samples contributed by each round, in order (compare uses them to see run-to-run noise). */
  roundSizes: number[];
  /** Which process each round ran in: cases with the same id in a round were measured side by side. */
  roundIds: string[];
  callsPerSample: number;
  /** Instructions run under Valgrind over all rounds, warm-up included (what the case costs a shard). */
  spentInstructions: number;
  /** Wall time of that counting, callgrind's dumps included: what `--shard` balances. */
  countingMs: number;
  /** Which cases shared the counting process, as ids (hashes) of their ordered lists, one per distinct process make-up. */
  processCases: string[];
  roundsDone: number;
  /** Rounds that the precision target ended before their time budget. */
  preciseRounds: number;
  error?: string;
  failure?: FailureKind;
}

/** Builds case results from suite events, in plan order. */
export class SuiteCollector {
  readonly #cases = new Map<string, CaseState>();

  readonly #plans: readonly CodecCasePlan[];

  constructor(
    plans: readonly CodecCasePlan[],
    private readonly unit: SampleUnit = 'ns',
  ) {
    this.#plans = plans;
    for (const plan of plans) this.#cases.set(plan.id, { plan, samples: [], roundSizes: [], roundIds: [], callsPerSample: 1, spentInstructions: 0, countingMs: 0, processCases: [], roundsDone: 0, preciseRounds: 0 });
  }

  apply(event: SuiteEvent): void {
    switch (event.type) {
      case 'prepared': {
        const state = this.#state(event.plan.id);
        // A restarted child prepares again; the sizes of the first preparation are kept.
        const sizes = event.ok ? (event.sizes ?? state.prepared?.sizes) : undefined;
        if (event.ok) state.prepared = { bytesPerCall: event.bytesPerCall, ...(sizes ? { sizes } : {}) };
        else this.fail(event.plan.id, event.error, event.failure);
        return;
      }
      case 'case-round': {
        const state = this.#state(event.id);
        state.samples.push(...event.samples);
        state.roundSizes.push(event.samples.length);
        state.roundIds.push(event.roundId);
        state.callsPerSample = event.callsPerSample;
        state.spentInstructions += event.spentInstructions ?? 0;
        state.countingMs += event.countingMs ?? 0;
        state.roundsDone = Math.max(state.roundsDone, event.round);
        if (event.precise) state.preciseRounds++;
        return;
      }
      case 'case-failed':
        this.fail(event.id, event.error);
        return;
      default:
        return;
    }
  }

  /**
   * Records that these cases are counted in one process, in this order: a count
   * depends a little on what ran before it there, so compare checks the make-up matches.
   */
  countedTogether(ids: readonly string[]): void {
    const made = processCasesId(ids);
    for (const id of ids) {
      const state = this.#state(id);
      if (!state.processCases.includes(made)) state.processCases.push(made);
    }
  }

  /** Records why a case has no measurement; anything but a fidelity-gate refusal is an `error`. */
  fail(id: string, error: string, failure: FailureKind = 'error'): void {
    const state = this.#state(id);
    state.error = error;
    state.failure = failure;
  }

  /** Rounds each case has finished: what a restarted child must not run again. */
  roundsDone(): Record<string, number> {
    return Object.fromEntries([...this.#cases].map(([id, s]) => [id, s.roundsDone]));
  }

  /** Case ids that still need round `round` (neither failed nor done with it); only among `among` when given. */
  pending(round: number, among?: ReadonlySet<string>): string[] {
    return [...this.#cases.values()].filter((s) => s.error === undefined && s.roundsDone < round && (!among || among.has(s.plan.id))).map((s) => s.plan.id);
  }

  /**
   * The cases of every group (one dataset, op and batch size) whose run-to-run
   * interval is still wider than `precision`: what an extra round should measure.
   */
  imprecise(precision: number): Set<string> {
    const ids = new Set<string>();
    const setAside = this.#setAside();
    for (const group of groupPlans(this.#plans)) {
      const live = group.map((plan) => this.#state(plan.id)).filter((s) => s.error === undefined && s.samples.length > 0);
      if (live.length > 0 && groupRunPrecision(live, setAside) > precision) for (const state of live) ids.add(state.plan.id);
    }
    return ids;
  }

  results(interrupted: boolean): CaseResult[] {
    const setAside = this.#setAside();
    return [...this.#cases.values()].map((state) => toResult(state, interrupted, this.unit, setAside));
  }

  /** Rounds that missed the machine's fast mode, judged over every case measured so far. */
  #setAside(): Set<string> {
    const measured = [...this.#cases.values()].filter((s) => s.error === undefined && s.samples.length > 0);
    return new Set(roundsMissingFastMode(measured.map((s) => ({ samples: s.samples, unit: this.unit, extra: { roundSizes: s.roundSizes, roundIds: s.roundIds } }))));
  }

  #state(id: string): CaseState {
    const state = this.#cases.get(id);
    if (!state) throw new Error(`suite event for a case that was not planned: ${id}`);
    return state;
  }
}

function toResult(state: CaseState, interrupted: boolean, unit: SampleUnit, setAside: ReadonlySet<string>): CaseResult {
  const { plan } = state;
  const base = { id: plan.id, suite: 'codec' as const, dataset: plan.dataset, codec: plan.codec, op: plan.op, records: plan.records, unit };
  if (state.error !== undefined) return { ...base, status: 'failed', error: state.error, failure: state.failure ?? 'error', samples: state.samples };
  if (state.samples.length === 0 || !state.prepared) return { ...base, status: 'skipped', error: interrupted ? 'interrupted before it was measured' : 'not measured', samples: [] };
  const stats = summarize(state.samples);
  const aside = state.roundIds.filter((id) => setAside.has(id));
  const rounds = { rounds: state.roundSizes.length, roundSizes: state.roundSizes, roundIds: state.roundIds, preciseRounds: state.preciseRounds, ...(aside.length > 0 ? { [SET_ASIDE_FIELD]: aside } : {}) };
  // Throughput and per-record figures follow the reported figure (results/figures.ts), not the sample median.
  const figure = caseFigure({ samples: state.samples, unit, extra: rounds }).value;
  const seconds = figure / 1e9;
  const common = { callsPerSample: state.callsPerSample, bytesPerCall: state.prepared.bytesPerCall, ...rounds };
  return {
    ...base,
    status: 'ok',
    samples: state.samples,
    stats,
    ...(unit === 'ns' ? { throughput: { recordsPerSec: plan.records / seconds, bytesPerSec: state.prepared.bytesPerCall / seconds } } : {}),
    ...(state.prepared.sizes ? { bytes: state.prepared.sizes } : {}),
    extra: unit === 'ns' ? { nsPerRecord: figure / plan.records, ...common } : { instructionsPerRecord: figure / plan.records, spentInstructions: state.spentInstructions, countingMs: Math.round(state.countingMs), ...processCasesField(state), ...common },
  };
}

/** An id for the ordered list of cases a process counted: equal lists, equal ids, on any machine. */
export function processCasesId(ids: readonly string[]): string {
  return fnv1a32(ids.join('\n')).toString(16).padStart(8, '0');
}

function processCasesField(state: CaseState): { processCases?: string } {
  return state.processCases.length > 0 ? { processCases: state.processCases.join('+') } : {};
}
