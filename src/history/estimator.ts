import { medianIntervalRank } from '../stats/median-interval.js';
import { middleOf, selectPositions } from '../stats/select.js';
import { studentTQuantile } from '../stats/student-t.js';

/**
 * How one commit's samples (several runs of a case pooled, as merge
 * --concat-samples does) become one figure of its history with an interval.
 * Every series goes through the estimator named in the options; another one is
 * one more entry here.
 */

export interface PointEstimate {
  readonly value: number;
  /** The interval of the figure at 1 − alpha; null when the samples are too few to give one. */
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface PointEstimator {
  readonly description: string;
  /** `runs`: the consecutive sample counts of the runs (rounds, processes) the samples came from. */
  estimate(samples: readonly number[], runs: readonly number[], alpha: number): PointEstimate;
}

/**
 * The run-level interval of the typical value: a t interval over the logs of
 * the runs' medians (runs, not samples, are independent draws of a run's luck).
 * `a` holds the samples in run order; each run is rearranged within its range only.
 */
function runInterval(a: Float64Array, runs: readonly number[], alpha: number): { lower: number; upper: number } | null {
  if (runs.length < 2) return null;
  const logs: number[] = [];
  let start = 0;
  for (const size of runs) {
    const end = start + size - 1;
    const [low, high] = selectPositions(a, [start + ((size - 1) >> 1), start + (size >> 1)], start, end) as [number, number];
    logs.push(Math.log(middleOf(low, high, size)));
    start = end + 1;
  }
  if (logs.some((value) => !Number.isFinite(value))) return null;
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1));
  const half = studentTQuantile(1 - alpha / 2, logs.length - 1) * (sd / Math.sqrt(logs.length));
  return { lower: Math.exp(mean - half), upper: Math.exp(mean + half) };
}

const medianEstimator: PointEstimator = {
  description: 'median of the pooled samples; interval: the distribution-free interval of the median, widened to the spread between runs',
  estimate(samples, runs, alpha) {
    // One copy of the samples, rearranged in place: first within each run (the runs' medians), then
    // as a whole (the median and the order statistics of its distribution-free interval,
    // median-interval.ts) — selected, not sorted.
    const n = samples.length;
    const a = new Float64Array(n);
    a.set(samples);
    const between = runInterval(a, runs, alpha);
    const j = medianIntervalRank(n, alpha);
    const [low, high, lower, upper] = selectPositions(a, [(n - 1) >> 1, n >> 1, ...(j >= 1 ? [j - 1, n - j] : [])]) as [number, number, number?, number?];
    const value = middleOf(low, high, n);
    const within = lower !== undefined && upper !== undefined ? { lower, upper } : null;
    const bounds = [within, between].filter((interval): interval is { lower: number; upper: number } => interval !== null);
    if (bounds.length === 0) return { value, lower: null, upper: null };
    return { value, lower: Math.min(value, ...bounds.map((b) => b.lower)), upper: Math.max(value, ...bounds.map((b) => b.upper)) };
  },
};

export const POINT_ESTIMATORS = { median: medianEstimator } as const satisfies Record<string, PointEstimator>;
export type PointEstimatorName = keyof typeof POINT_ESTIMATORS;
