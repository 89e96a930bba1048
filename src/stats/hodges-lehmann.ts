import { shiftIntervalRank } from './mann-whitney.js';

/**
 * The Hodges–Lehmann estimate of the shift between two samples (the median of
 * all m·n pairwise differences x − y) with its distribution-free confidence
 * interval (Moses): the k-th smallest and k-th largest difference, k from the
 * Mann–Whitney null distribution.
 *
 * Why this and not a bootstrap of the difference of medians: it needs no random
 * numbers, its coverage holds for any continuous distribution at any sample
 * size, it is far less jumpy than a difference of medians when samples are
 * bimodal (a median flips between the modes), and it inverts the same
 * Mann–Whitney test that gives the p-value, so the interval and the test never
 * tell different stories. Applied to log(samples) it estimates the ratio
 * head/base and its interval, which is what a slowdown "in percent" means.
 */
export interface ShiftInterval {
  /** Median of the pairwise differences x − y. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** The confidence level actually used: 1 − alpha. */
  readonly confidence: number;
}

/**
 * The k-th smallest (1-based) of the differences x[i] − y[j], both arrays sorted
 * ascending, without building all m·n of them: a bisection on the value, with
 * the number of differences at or below a value counted in O(m + n) by two
 * pointers, then the largest actual difference at or below the final bound.
 */
export function kthPairwiseDifference(xs: readonly number[], ys: readonly number[], k: number): number {
  const m = xs.length;
  const n = ys.length;
  if (m === 0 || n === 0 || k < 1 || k > m * n) throw new RangeError(`k must be in 1..${m * n}, got ${k}`);
  const at = (values: readonly number[], index: number): number => values[index] as number;
  const smallest = at(xs, 0) - at(ys, n - 1);
  const largest = at(xs, m - 1) - at(ys, 0);
  if (k === 1) return smallest;
  if (k === m * n) return largest;
  // Number of pairs with x[i] − y[j] <= d. For each i that holds from some j on, and that j
  // only grows with i. The same floating-point subtraction is used everywhere, so the count
  // and the final pick agree to the last bit (rounding is monotone).
  const countAtMost = (d: number): number => {
    let count = 0;
    let j = 0;
    for (let i = 0; i < m; i++) {
      while (j < n && at(xs, i) - at(ys, j) > d) j++;
      count += n - j;
    }
    return count;
  };
  if (countAtMost(smallest) >= k) return smallest;
  const spread = largest - smallest;
  let low = smallest; // countAtMost(low) < k
  let high = largest; // countAtMost(high) >= k
  const tolerance = spread * 1e-13;
  while (high - low > tolerance) {
    const middle = low + (high - low) / 2;
    if (middle <= low || middle >= high) break;
    if (countAtMost(middle) >= k) high = middle;
    else low = middle;
  }
  let best = -Infinity;
  let j = 0;
  for (let i = 0; i < m; i++) {
    while (j < n && at(xs, i) - at(ys, j) > high) j++;
    if (j < n) best = Math.max(best, at(xs, i) - at(ys, j));
  }
  return best;
}

function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Median of the pairwise differences x − y. */
export function hodgesLehmannEstimate(x: readonly number[], y: readonly number[]): number {
  const xs = ascending(x);
  const ys = ascending(y);
  const total = xs.length * ys.length;
  if (total % 2 === 1) return kthPairwiseDifference(xs, ys, (total + 1) / 2);
  return (kthPairwiseDifference(xs, ys, total / 2) + kthPairwiseDifference(xs, ys, total / 2 + 1)) / 2;
}

/**
 * The shift x − y with its 1 − alpha interval, or null when the samples are too
 * small for an interval at that level. `tieTerm` (from the Mann–Whitney test of
 * the same samples) narrows the normal-approximation interval for ties.
 */
export function hodgesLehmannInterval(x: readonly number[], y: readonly number[], alpha: number, tieTerm = 0): ShiftInterval | null {
  const m = x.length;
  const n = y.length;
  const k = shiftIntervalRank(m, n, alpha, tieTerm);
  if (k < 1) return null;
  const xs = ascending(x);
  const ys = ascending(y);
  return {
    estimate: hodgesLehmannEstimate(xs, ys),
    lower: kthPairwiseDifference(xs, ys, k),
    upper: kthPairwiseDifference(xs, ys, m * n - k + 1),
    confidence: 1 - alpha,
  };
}
