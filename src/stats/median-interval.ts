/**
 * A distribution-free confidence interval for the median of one sample: the
 * order statistics x(j) and x(n − j + 1), with j the largest rank such that
 * P(Binomial(n, 1/2) <= j − 1) <= alpha / 2. It needs no assumption about the
 * shape of the distribution (benchmark samples are skewed), only independent
 * samples; with fewer than 6 samples no 95% interval exists.
 */
export interface MedianInterval {
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
}

const ranks = new Map<string, number>();

/** The largest j (1-based) with P(Bin(n, 1/2) <= j − 1) <= alpha/2, or 0 if none (remembered: histories ask for the same n thousands of times). */
export function medianIntervalRank(n: number, alpha: number): number {
  const key = `${n}:${alpha}`;
  const known = ranks.get(key);
  if (known !== undefined) return known;
  const rank = computeRank(n, alpha);
  ranks.set(key, rank);
  return rank;
}

function computeRank(n: number, alpha: number): number {
  if (n < 1) return 0;
  const limit = (alpha / 2) * (1 + 1e-9);
  // log P(Bin = k) = log C(n, k) − n log 2, accumulated so large n neither overflows nor underflows.
  let logPmf = -n * Math.LN2;
  let cdf = 0;
  let j = 0;
  for (let k = 0; k <= n; k++) {
    cdf += Math.exp(logPmf);
    if (cdf > limit) break;
    j = k + 1;
    logPmf += Math.log(n - k) - Math.log(k + 1);
  }
  return Math.min(j, Math.floor((n + 1) / 2));
}

export function medianInterval(sorted: ArrayLike<number>, alpha: number): MedianInterval | null {
  const j = medianIntervalRank(sorted.length, alpha);
  if (j < 1) return null;
  return { lower: sorted[j - 1] as number, upper: sorted[sorted.length - j] as number, confidence: 1 - alpha };
}
