import { Random } from '../datasets/random.js';
import { cycleCenteredPrecision } from '../stats/paired.js';
import type { GroupMember } from './engines/types.js';
import { consume, timeCalls, type CaseBody } from './measure.js';
import { warmUp } from './warm-up.js';

export interface InterleaveOptions {
  /** Measuring time for the whole group (warm-up not included); the cycles stop when it is spent. */
  readonly budgetMs: number;
  /** Warm-up per member (JIT, inline caches) before any slice is recorded. */
  readonly warmupMs: number;
  /** A slice times enough back-to-back calls of one member to last at least this long. */
  readonly sliceMs: number;
  /** At least this many cycles before the precision target may stop the group. */
  readonly minCycles: number;
  /** At most this many cycles (samples per member and round). */
  readonly maxCycles: number;
  /**
   * Stop early once every member's cycle-centred time is known within this
   * fraction (half-width of its median's 95% interval); 0 spends the budget.
   */
  readonly precision: number;
  /** Seeds the order of the members within each cycle. */
  readonly seed: number;
  readonly signal?: AbortSignal;
}

export interface InterleaveHooks {
  /** Before a member's warm-up: a hang or crash there is that member's. */
  readonly onWarmUp?: (id: string) => void;
  /** When the interleaved slices start (any member may be running from then on). */
  readonly onSlices?: (ids: readonly string[]) => void;
}

export interface MemberOutcome {
  /** One sample per cycle (ns per call), aligned with the other members' samples cycle by cycle. */
  readonly samplesNs: number[];
  readonly callsPerSample: number;
  readonly error?: Error;
}

export interface InterleaveOutcome {
  readonly members: ReadonlyMap<string, MemberOutcome>;
  readonly cycles: number;
  /** True when the precision target stopped the cycles before the budget did. */
  readonly precise: boolean;
  readonly aborted: boolean;
}

const YIELD_EVERY_MS = 50;
const PRECISION_CHECK_EVERY = 8;

function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Times the members of a group in short alternating slices, in a fresh random
 * order each cycle. The machine's speed drifts (on shared hosts it switches
 * between modes about 1.5× apart every few seconds); a slow phase then lands on
 * every member of a cycle alike, and every member's samples span the same
 * stretch of time, so their ratios hold still while absolute times move.
 * Cycle k of every member is the k-th sample of each.
 */
export async function measureInterleaved(members: readonly GroupMember[], options: InterleaveOptions, hooks: InterleaveHooks = {}): Promise<InterleaveOutcome> {
  const outcomes = new Map<string, { samplesNs: number[]; callsPerSample: number; error?: Error }>();
  const live: { readonly id: string; readonly body: CaseBody; readonly calls: number }[] = [];
  for (const member of members) {
    if (options.signal?.aborted) return { members: outcomes, cycles: 0, precise: false, aborted: true };
    hooks.onWarmUp?.(member.id);
    const warmed = await warmUp(member.body, options.warmupMs, options.sliceMs, options.signal);
    // A warm-up cut short by an interrupt says nothing about the case.
    if (options.signal?.aborted) return { members: outcomes, cycles: 0, precise: false, aborted: true };
    if (!warmed.ok) outcomes.set(member.id, { samplesNs: [], callsPerSample: 1, error: warmed.error });
    else {
      outcomes.set(member.id, { samplesNs: [], callsPerSample: warmed.callsPerSlice });
      live.push({ id: member.id, body: member.body, calls: warmed.callsPerSlice });
    }
  }
  hooks.onSlices?.(live.map((m) => m.id));
  const random = new Random(options.seed);
  const started = performance.now();
  let lastYield = started;
  let cycles = 0;
  let precise = false;
  while (live.length > 0 && cycles < options.maxCycles) {
    const order = shuffle([...live], random);
    const cycle = new Map<string, number>();
    for (const member of order) {
      try {
        cycle.set(member.id, ((await timeCalls(member.body, member.calls)) * 1e6) / member.calls);
      } catch (thrown) {
        const outcome = outcomes.get(member.id);
        if (outcome) outcome.error = toError(thrown);
        live.splice(live.indexOf(member), 1);
      }
    }
    // A cycle counts only when every live member has a slice in it, so the samples stay aligned.
    for (const member of live) outcomes.get(member.id)?.samplesNs.push(cycle.get(member.id) as number);
    cycles++;
    const now = performance.now();
    if (now - lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    // Interrupted: the cycles so far are complete and aligned, and kept.
    if (options.signal?.aborted) return { members: outcomes, cycles, precise: false, aborted: true };
    if (now - started >= options.budgetMs) break;
    if (options.precision > 0 && cycles >= options.minCycles && cycles % PRECISION_CHECK_EVERY === 0) {
      const series = live.map((m) => outcomes.get(m.id)?.samplesNs ?? []);
      if (cycleCenteredPrecision(series) <= options.precision) {
        precise = true;
        break;
      }
    }
  }
  consume();
  return { members: outcomes, cycles, precise, aborted: false };
}
