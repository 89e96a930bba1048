import { normalQuantile, normalTwoSidedP } from './normal.js';

/**
 * The Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples.
 *
 * Why a rank test: benchmark samples are skewed (a floor set by the hardware, a
 * long right tail of GC pauses, interrupts and cache misses) and sometimes
 * bimodal, so a t-test's normality assumption does not hold and a few outliers
 * would dominate it. Ranks make the test distribution-free and robust to any
 * outlier.
 *
 * Like R's wilcox.test, the p-value is exact when both samples have fewer than 50
 * values and there are no ties, and otherwise comes from the normal
 * approximation with the tie-corrected variance and a continuity correction.
 */

export type PValueMethod = 'exact' | 'normal';

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  readonly u: number;
  /** Two-sided p-value for "the two samples come from the same distribution". */
  readonly p: number;
  readonly method: PValueMethod;
  /** Standard deviation of U under the null hypothesis, tie-corrected. */
  readonly sigma: number;
  /** Σ(t³ − t) over groups of tied values (0 without ties), for {@link shiftIntervalRank}. */
  readonly tieTerm: number;
}

/** Samples smaller than this on both sides and free of ties get an exact p-value. */
export const EXACT_LIMIT = 50;

interface Ranking {
  readonly rankSumX: number;
  /** Σ (t³ − t) over groups of tied values, for the variance correction. */
  readonly tieTerm: number;
}

function rank(x: readonly number[], y: readonly number[]): Ranking {
  const combined = [...x.map((value) => ({ value, fromX: true })), ...y.map((value) => ({ value, fromX: false }))];
  combined.sort((a, b) => a.value - b.value);
  let rankSumX = 0;
  let tieTerm = 0;
  for (let start = 0; start < combined.length; ) {
    let end = start + 1;
    while (end < combined.length && combined[end]?.value === combined[start]?.value) end++;
    const midrank = (start + 1 + end) / 2;
    const tied = end - start;
    if (tied > 1) tieTerm += tied ** 3 - tied;
    for (let i = start; i < end; i++) if (combined[i]?.fromX) rankSumX += midrank;
    start = end;
  }
  return { rankSumX, tieTerm };
}

/** σ of U under H0 for sizes m, n; `tieTerm` is Σ(t³ − t) over tie groups. */
export function uSigma(m: number, n: number, tieTerm = 0): number {
  const total = m + n;
  if (total < 2) return 0;
  return Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
}

function usesExact(m: number, n: number, ties: boolean): boolean {
  return !ties && m < EXACT_LIMIT && n < EXACT_LIMIT;
}

export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError('mannWhitneyU needs at least one value in each sample');
  const { rankSumX, tieTerm } = rank(x, y);
  const u = rankSumX - (m * (m + 1)) / 2;
  const sigma = uSigma(m, n, tieTerm);
  if (usesExact(m, n, tieTerm > 0)) {
    const cdf = exactUCdf(m, n);
    // U is an integer here (no ties); both tails by the symmetry of its null distribution.
    const lower = cdf[Math.round(u)] ?? 1;
    const upper = cdf[Math.round(m * n - u)] ?? 1;
    return { u, p: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact', sigma, tieTerm };
  }
  if (sigma === 0) return { u, p: 1, method: 'normal', sigma, tieTerm };
  const deviation = Math.max(0, Math.abs(u - (m * n) / 2) - 0.5);
  return { u, p: normalTwoSidedP(deviation / sigma), method: 'normal', sigma, tieTerm };
}

const exactCache = new Map<string, Float64Array>();

/**
 * P(U <= u) for u = 0..m·n under H0 without ties, from the recurrence on the
 * largest of the m + n values: it belongs to the first sample with probability
 * m/(m+n) and then beats all n values of the second. Kept in probabilities, not
 * counts, so nothing overflows (C(98, 49) is about 2.5e28).
 */
export function exactUCdf(m: number, n: number): Float64Array {
  const key = `${m},${n}`;
  const cached = exactCache.get(key);
  if (cached) return cached;
  // previous[j] is the distribution for sizes (i − 1, j); current[j] for (i, j).
  let previous: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const current: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const fromX = previous[j] as Float64Array; // sizes (i − 1, j), shifted by j
      const fromY = current[j - 1] as Float64Array; // sizes (i, j − 1)
      const pX = i / (i + j);
      const pY = j / (i + j);
      const distribution = new Float64Array(i * j + 1);
      for (let u = 0; u < fromY.length; u++) distribution[u] = pY * (fromY[u] as number);
      for (let u = 0; u < fromX.length; u++) distribution[u + j] = (distribution[u + j] as number) + pX * (fromX[u] as number);
      current.push(distribution);
    }
    previous = current;
  }
  const pmf = previous[n] as Float64Array;
  const cdf = new Float64Array(pmf.length);
  let running = 0;
  for (let u = 0; u < pmf.length; u++) {
    running += pmf[u] as number;
    cdf[u] = Math.min(1, running);
  }
  if (exactCache.size > 256) exactCache.clear();
  exactCache.set(key, cdf);
  return cdf;
}

/**
 * The rank k of the pairwise differences that bound the distribution-free
 * confidence interval of the shift at level 1 − alpha (Moses' interval: the k-th
 * smallest and k-th largest of the m·n differences). This is the interval that
 * inverts the Mann–Whitney test above, so "p < alpha" and "the interval excludes
 * zero" agree. Returns 0 when the samples are too small for any interval at that
 * level (the test can then never reach p < alpha either).
 */
export function shiftIntervalRank(m: number, n: number, alpha: number, tieTerm = 0): number {
  if (m === 0 || n === 0) return 0;
  if (usesExact(m, n, tieTerm > 0)) {
    const cdf = exactUCdf(m, n);
    const limit = (alpha / 2) * (1 + 1e-9);
    let k = 0;
    while (k < cdf.length && (cdf[k] as number) <= limit) k++;
    return k;
  }
  const sigma = uSigma(m, n, tieTerm);
  const z = normalQuantile(1 - alpha / 2);
  // P(U <= k − 1) <= alpha/2 with the continuity correction: k − 1/2 − mn/2 <= −z·σ.
  const k = Math.floor((m * n) / 2 - z * sigma + 0.5);
  return Math.max(0, Math.min(k, Math.floor((m * n + 1) / 2)));
}
