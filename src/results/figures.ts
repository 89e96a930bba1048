import { medianInterval } from '../stats/median-interval.js';
import { pairedLogRatio } from '../stats/paired.js';
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
 * - time: the lower quartile of its samples. Noise on a shared machine only ever
 *   adds time, and it comes in phases (a host switching between speed modes), so
 *   the median of a run jumps with how much of the run fell in a slow phase;
 *   the lower quartile follows the fast phase as long as it held for a quarter
 *   of the run, and is still far from the rare too-fast or lucky sample a
 *   minimum would pick (docs/reliability.md, "Numbers that hold still").
 * - instructions: the fewest instructions of its counted phases; a phase only
 *   ever adds work (a collector's step, an inline-cache refill), never removes it.
 */
export function runEstimate(samples: readonly number[], unit: SampleUnit | string): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return unit === 'instructions' ? (sorted[0] as number) : quantileSorted(sorted, RUN_QUANTILE);
}

/** The quantile of a run's time samples that runEstimate reports. */
export const RUN_QUANTILE = 0.1;

interface Round {
  readonly id: string;
  readonly samples: readonly number[];
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
  const rounds = roundsOf(item);
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
  const other = new Map(roundsOf(b).map((round) => [round.id, round]));
  return roundsOf(a).flatMap((round): [Round, Round][] => {
    const partner = other.get(round.id);
    return round.id !== '' && partner && partner.samples.length === round.samples.length ? [[round, partner]] : [];
  });
}

/**
 * `item` relative to `reference` (a ratio; 1 means equal). When the two were
 * measured side by side, slice by slice (the time engine's groups), each round
 * gives the median of the per-cycle ratios, which the machine's speed changes
 * hardly touch; the rounds give the run-to-run interval. Otherwise the ratio of
 * the two figures, with their intervals combined.
 */
export function relativeFigure(item: MeasuredCase, reference: MeasuredCase): Figure {
  const shared = sharedRounds(item, reference);
  if (shared.length > 0) {
    const perRun = shared.map(([a, b]) => Math.exp(pairedLogRatio(a.samples, b.samples)));
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
