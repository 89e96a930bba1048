import { medianInterval } from '../stats/median-interval.js';
import { acrossRuns } from '../stats/runs.js';
import { quantileSorted } from '../stats/summary.js';
import type { SampleUnit } from './types.js';

/** What a figure needs of a case: its samples, their unit, and (in `extra`) the rounds they came from. */
export interface MeasuredCase {
  readonly samples: readonly number[];
  readonly unit: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** An interval around a figure; `halfWidth` is on the log scale (≈ the ± fraction a reader sees). */
export interface FigureInterval {
  readonly lower: number;
  readonly upper: number;
  readonly halfWidth: number;
}

/**
 * A reported figure and its 95% interval. `basis` says what the interval
 * covers: `runs` is run-to-run (the spread between processes, what a user sees
 * when running again); `samples` is the spread within one process only, which
 * understates it.
 */
export interface Figure {
  readonly value: number;
  readonly interval: FigureInterval | null;
  readonly basis: 'runs' | 'samples';
  readonly runs: number;
}

/**
 * The figure one run (one process) gives for a case:
 * - time: the geometric mean of its fastest tenth of samples. Noise on a shared
 *   machine only ever adds time (Chen & Revels, "Robust benchmarking in noisy
 *   environments"), and it comes in phases (a host switching between speed
 *   modes), so the median of a run moves with how much of the run fell in a slow
 *   phase, while the fastest tenth stays in the fast mode as long as the run
 *   spent a tenth of its time there. Averaging the tenth rather than taking one
 *   order statistic (the 10th percentile, the minimum) spends more of the
 *   samples. The choice was measured: docs/measurement.md.
 * - instructions: the fewest instructions of its counted phases; a phase only
 *   ever adds work (a collector's step, an inline-cache refill), never removes it.
 */
export function runEstimate(samples: readonly number[], unit: SampleUnit | string): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  if (unit === 'instructions') return sorted[0] as number;
  const fastest = sorted.slice(0, Math.max(1, Math.round(sorted.length * RUN_FASTEST_SHARE)));
  return Math.exp(fastest.reduce((sum, value) => sum + Math.log(value), 0) / fastest.length);
}

/** The share of a run's time samples, the fastest, that runEstimate averages. */
export const RUN_FASTEST_SHARE = 0.1;

/** What runEstimate reports, in words, for legends. */
export function runEstimateWords(unit: SampleUnit | string): string {
  return unit === 'instructions' ? 'fewest of the counted phases' : `fastest ${Math.round(RUN_FASTEST_SHARE * 100)}%`;
}

/**
 * A round whose cases ran, on average, more than this far (log scale, ≈ 13%)
 * slower than in the run's fastest round never saw the machine's fast mode: the
 * host stayed in its slow mode (1.5–1.7× here) for the whole of it, tens of
 * seconds. Its figures are not slower copies of the others' (memory-bound and
 * compute-bound cases slow down by different factors, so even its ratios
 * differ), so figures leave it out. Judged over all the cases of the round, so
 * that one case's own JIT luck (a process where a codec got much faster code)
 * never sets aside the others. Measured: docs/measurement.md.
 */
export const MISSED_FAST_MODE = 0.12;

/** The `extra` field that lists a case's rounds set aside by roundsMissingFastMode. */
export const SET_ASIDE_FIELD = 'setAsideRounds';

/**
 * The ids of the rounds that missed the fast mode, from every time case of a
 * run: a round's level is the median, over the cases it measured, of how far its
 * estimate sits from that case's median round (log scale).
 */
export function roundsMissingFastMode(cases: readonly MeasuredCase[], cut = MISSED_FAST_MODE): string[] {
  const offsets = new Map<string, number[]>();
  for (const item of cases) {
    if (item.unit === 'instructions') continue;
    const rounds = roundsOf(item).filter((round) => round.id !== '' && round.samples.length > 0);
    if (rounds.length < 2) continue;
    const logs = rounds.map((round) => Math.log(runEstimate(round.samples, item.unit)));
    const centre = quantileSorted([...logs].sort((x, y) => x - y), 0.5);
    rounds.forEach((round, i) => offsets.set(round.id, [...(offsets.get(round.id) ?? []), (logs[i] as number) - centre]));
  }
  const levels = [...offsets].map(([id, values]) => ({ id, level: quantileSorted([...values].sort((x, y) => x - y), 0.5) }));
  const fastest = Math.min(...levels.map(({ level }) => level));
  return levels.filter(({ level }) => level - fastest > cut).map(({ id }) => id);
}

interface Round {
  readonly id: string;
  readonly samples: readonly number[];
}

/** The ids of a case's rounds that its run set aside (`extra.setAsideRounds`). */
export function setAsideRounds(item: MeasuredCase): Set<string> {
  const listed = item.extra?.[SET_ASIDE_FIELD];
  return new Set(Array.isArray(listed) ? listed.filter((id): id is string => typeof id === 'string') : []);
}

/** A case's rounds without those its run set aside: what its figures are made of. */
export function keptRounds(item: MeasuredCase): Round[] {
  const aside = setAsideRounds(item);
  return roundsOf(item).filter((round) => !aside.has(round.id));
}

/** A case's samples split by the rounds (processes) they came from, when the file records them. */
export function roundsOf(item: MeasuredCase): Round[] {
  const extra = item.extra ?? {};
  const sizes = Array.isArray(extra.roundSizes) ? (extra.roundSizes as unknown[]) : [];
  const ids = Array.isArray(extra.roundIds) ? (extra.roundIds as unknown[]) : [];
  const valid = sizes.length > 0 && sizes.every((s) => Number.isSafeInteger(s) && (s as number) > 0) && sizes.reduce<number>((sum, s) => sum + (s as number), 0) === item.samples.length;
  if (!valid) return [{ id: '', samples: item.samples }];
  const rounds: Round[] = [];
  let start = 0;
  sizes.forEach((size, i) => {
    rounds.push({ id: typeof ids[i] === 'string' ? (ids[i] as string) : '', samples: item.samples.slice(start, start + (size as number)) });
    start += size as number;
  });
  return rounds;
}

function withinRunInterval(logs: number[]): FigureInterval | null {
  const interval = medianInterval(logs.sort((a, b) => a - b), 0.05);
  if (!interval) return null;
  return { lower: Math.exp(interval.lower), upper: Math.exp(interval.upper), halfWidth: (interval.upper - interval.lower) / 2 };
}

/** Geometric mean of per-run values with their run-to-run interval; one run falls back to `fallback`. */
function fromRuns(perRun: readonly number[], fallback: () => FigureInterval | null): Figure {
  const across = acrossRuns(perRun);
  if (across) return { value: across.estimate, interval: { lower: across.lower, upper: across.upper, halfWidth: across.halfWidth }, basis: 'runs', runs: across.runs };
  return { value: perRun[0] ?? Number.NaN, interval: fallback(), basis: 'samples', runs: perRun.length };
}

/** A case's reported figure: the geometric mean of its runs' estimates, with their run-to-run interval. */
export function caseFigure(item: MeasuredCase): Figure {
  const rounds = keptRounds(item);
  const perRun = rounds.map((round) => runEstimate(round.samples, item.unit));
  return fromRuns(perRun, () => {
    const only = rounds[0]?.samples ?? [];
    const estimate = perRun[0] ?? Number.NaN;
    const spread = withinRunInterval(only.map((s) => Math.log(s)));
    return spread && { lower: estimate * Math.exp(-spread.halfWidth), upper: estimate * Math.exp(spread.halfWidth), halfWidth: spread.halfWidth };
  });
}

/** The rounds two cases share, measured side by side (same round id, same number of samples). */
function sharedRounds(a: MeasuredCase, b: MeasuredCase): [Round, Round][] {
  const other = new Map(keptRounds(b).map((round) => [round.id, round]));
  return keptRounds(a).flatMap((round): [Round, Round][] => {
    const partner = other.get(round.id);
    return round.id !== '' && partner && partner.samples.length === round.samples.length ? [[round, partner]] : [];
  });
}

/**
 * `item` relative to `reference` (a ratio; 1 means equal). When the two were
 * measured side by side in alternating slices (the time engine), each round
 * gives the ratio of the two cases' estimates in that round: both spanned the
 * same stretch of the machine's fast and slow phases, so the machine's speed
 * cancels. (The median of per-cycle ratios cancels it too, but single slices
 * carry collector pauses and interrupts of their own: measured, its spread
 * between processes was twice as wide; docs/measurement.md.) The rounds give
 * the run-to-run interval. Otherwise the ratio of the two figures, with their
 * intervals combined.
 */
export function relativeFigure(item: MeasuredCase, reference: MeasuredCase): Figure {
  const shared = sharedRounds(item, reference);
  if (shared.length > 0) {
    const perRun = shared.map(([a, b]) => runEstimate(a.samples, item.unit) / runEstimate(b.samples, reference.unit));
    return fromRuns(perRun, () => {
      const [a, b] = shared[0] as [Round, Round];
      const logs = a.samples.map((s, k) => Math.log(s / (b.samples[k] as number)));
      return withinRunInterval(logs);
    });
  }
  const [x, y] = [caseFigure(item), caseFigure(reference)];
  const value = x.value / y.value;
  const halfWidth = x.interval && y.interval ? Math.hypot(x.interval.halfWidth, y.interval.halfWidth) : null;
  const basis = x.basis === 'runs' && y.basis === 'runs' ? 'runs' : 'samples';
  return { value, interval: halfWidth === null ? null : { lower: value * Math.exp(-halfWidth), upper: value * Math.exp(halfWidth), halfWidth }, basis, runs: Math.min(x.runs, y.runs) };
}
