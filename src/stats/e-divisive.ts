/**
 * E-Divisive (Matteson & James, "A Nonparametric Approach for Multiple Change
 * Point Analysis of Multivariate Data", JASA 2014), the change point method
 * MongoDB's performance CI and Apache Otava (DataStax Hunter) build on, for one
 * series of numbers.
 *
 * - The split statistic is the energy distance (exponent 1) between the values
 *   before and after a candidate split, scaled by the sizes of both sides:
 *   Q(τ) = (a·b / n) · (2·mean|X − Y| − mean|X − X'| − mean|Y − Y'|). It responds
 *   to any change of distribution, needs no assumption about its shape, and its
 *   distances grow linearly (not squared) with an outlier.
 * - Divisive: the best split of the whole series is tested; if significant, each
 *   side is searched again, and so on. Each step takes the best split over all
 *   current segments.
 * - Significance by a permutation test: the values of every segment are shuffled
 *   within it, the best split over all segments recomputed, and p = (k + 1) /
 *   (R + 1) where k of R shuffles did at least as well. Under no change the values
 *   are exchangeable, so p is exact whatever the noise looks like (skewed,
 *   bimodal, outliers): the method adapts to the series' own noise.
 *
 * Speed: the sums of |x_i − x_j| within every prefix and suffix come from a
 * Fenwick tree over ranks, so all n splits of a segment cost O(n log n) instead
 * of the O(n²) of a distance matrix; each segment's shuffled maxima are cached
 * (a new split only costs permutations of its two new segments), and a test
 * stops as soon as its p-value can no longer reach the significance level
 * (Besag & Clifford's sequential p-value).
 */

export interface EDivisiveOptions {
  /** Largest permutation p-value at which a split counts as a change point. */
  readonly significance: number;
  /** Shuffles per test (R). The smallest possible p is 1 / (R + 1). */
  readonly permutations: number;
  /** Fewest values on each side of a change point. */
  readonly minSegment: number;
  /** Uniform numbers in [0, 1) for the shuffles; seeded by the caller so results repeat. */
  readonly random: () => number;
}

export interface DetectedChange {
  /** Index of the first value after the change. */
  readonly index: number;
  /** Permutation p-value of the step that found it. */
  readonly p: number;
  /** The split statistic Q at that step. */
  readonly statistic: number;
}

export interface BestSplit {
  /** Values on the left of the split (the split index within the segment). */
  readonly at: number;
  readonly statistic: number;
}

/** Sorting ranks of the values (ties broken by position): each value's place in ascending order. */
function ranksOf(values: Float64Array): Int32Array {
  const order = Array.from(values.keys()).sort((i, j) => (values[i] as number) - (values[j] as number) || i - j);
  const ranks = new Int32Array(values.length);
  order.forEach((index, rank) => (ranks[index] = rank));
  return ranks;
}

/**
 * Work arrays for one segment length, reused across shuffles: a Fenwick tree of
 * counts and one of sums, and the prefix/suffix pair-distance sums.
 */
class SplitWorkspace {
  readonly counts: Float64Array;
  readonly sums: Float64Array;
  readonly prefix: Float64Array;
  readonly suffix: Float64Array;

  constructor(readonly n: number) {
    this.counts = new Float64Array(n + 1);
    this.sums = new Float64Array(n + 1);
    this.prefix = new Float64Array(n + 1);
    this.suffix = new Float64Array(n + 1);
  }

  /**
   * out[t] = Σ |x_i − x_j| over the pairs among the first t values taken in
   * `order` (from its end when `reverse`), for t = 0..n.
   */
  #pairSums(values: Float64Array, ranks: Int32Array, order: Int32Array, reverse: boolean, out: Float64Array): void {
    const { n, counts, sums } = this;
    counts.fill(0);
    sums.fill(0);
    let total = 0;
    out[0] = 0;
    for (let t = 0; t < n; t++) {
      const index = order[reverse ? n - 1 - t : t] as number;
      const value = values[index] as number;
      const rank = (ranks[index] as number) + 1;
      let below = 0;
      let belowSum = 0;
      for (let k = rank - 1; k > 0; k -= k & -k) {
        below += counts[k] as number;
        belowSum += sums[k] as number;
      }
      const above = t - below;
      const aboveSum = total - belowSum;
      out[t + 1] = (out[t] as number) + (value * below - belowSum) + (aboveSum - value * above);
      for (let k = rank; k <= n; k += k & -k) {
        counts[k] = (counts[k] as number) + 1;
        sums[k] = (sums[k] as number) + value;
      }
      total += value;
    }
  }

  /** The best split of the values in `order` with at least `minSegment` on each side; null if none fits. */
  best(values: Float64Array, ranks: Int32Array, order: Int32Array, minSegment: number): BestSplit | null {
    const { n, prefix, suffix } = this;
    if (n < 2 * minSegment) return null;
    this.#pairSums(values, ranks, order, false, prefix);
    this.#pairSums(values, ranks, order, true, suffix);
    const total = prefix[n] as number;
    let best: BestSplit | null = null;
    for (let a = minSegment; a <= n - minSegment; a++) {
      const b = n - a;
      const within = prefix[a] as number;
      const withinRight = suffix[b] as number;
      const cross = total - within - withinRight;
      const energy = (2 * cross) / (a * b) - (a > 1 ? within / ((a * (a - 1)) / 2) : 0) - (b > 1 ? withinRight / ((b * (b - 1)) / 2) : 0);
      const statistic = ((a * b) / n) * energy;
      if (best === null || statistic > best.statistic) best = { at: a, statistic };
    }
    return best;
  }
}

/** The best split of a series (no test): where the energy statistic peaks. */
export function bestSplit(values: readonly number[], minSegment = 1): BestSplit | null {
  const series = Float64Array.from(values);
  return new SplitWorkspace(series.length).best(series, ranksOf(series), Int32Array.from(series.keys()), minSegment);
}

/** One segment of the series with its best split and, filled on demand, its shuffled maxima. */
class Segment {
  readonly values: Float64Array;
  readonly ranks: Int32Array;
  readonly best: BestSplit | null;
  readonly shuffled: number[] = [];
  readonly #order: Int32Array;
  readonly #workspace: SplitWorkspace;

  constructor(
    series: Float64Array,
    readonly start: number,
    readonly end: number,
    private readonly options: EDivisiveOptions,
  ) {
    this.values = series.subarray(start, end);
    this.ranks = ranksOf(this.values);
    this.#order = Int32Array.from(this.values.keys());
    this.#workspace = new SplitWorkspace(end - start);
    this.best = this.#workspace.best(this.values, this.ranks, this.#order, options.minSegment);
  }

  /** The best statistic of the r-th shuffle (computed once, then cached). */
  shuffledMax(r: number): number {
    while (this.shuffled.length <= r) {
      const order = this.#order;
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(this.options.random() * (i + 1));
        const swap = order[i] as number;
        order[i] = order[j] as number;
        order[j] = swap;
      }
      this.shuffled.push(this.#workspace.best(this.values, this.ranks, order, this.options.minSegment)?.statistic ?? -Infinity);
    }
    return this.shuffled[r] as number;
  }
}

/**
 * The change points of a series, in ascending order of index. Deterministic for
 * a deterministic `random`.
 */
export function eDivisive(values: readonly number[], options: EDivisiveOptions): DetectedChange[] {
  const { significance, permutations } = options;
  if (!(significance > 0 && significance < 1)) throw new RangeError(`significance must be between 0 and 1, got ${significance}`);
  if (!Number.isSafeInteger(permutations) || permutations < 1) throw new RangeError(`permutations must be a whole number of at least 1, got ${permutations}`);
  if (!Number.isSafeInteger(options.minSegment) || options.minSegment < 1) throw new RangeError(`minSegment must be a whole number of at least 1, got ${options.minSegment}`);
  const series = Float64Array.from(values);
  if (series.some((value) => !Number.isFinite(value))) throw new RangeError('values must be finite numbers');
  let segments = [new Segment(series, 0, series.length, options)];
  const found: DetectedChange[] = [];
  // A split is significant when at most this many shuffles beat it: (k + 1) / (R + 1) <= significance.
  const allowed = Math.floor(significance * (permutations + 1)) - 1;
  for (;;) {
    const candidate = segments.reduce<Segment | null>((best, segment) => (segment.best && (!best?.best || segment.best.statistic > best.best.statistic) ? segment : best), null);
    if (!candidate?.best || !(candidate.best.statistic > 0) || allowed < 0) break;
    const observed = candidate.best.statistic;
    // Rounding must not let a shuffle that equals the observed split count as smaller.
    const bar = observed - 1e-12 * Math.abs(observed);
    let beaten = 0;
    let r = 0;
    for (; r < permutations && beaten <= allowed; r++) {
      let max = -Infinity;
      for (const segment of segments) if (segment.best) max = Math.max(max, segment.shuffledMax(r));
      if (max >= bar) beaten++;
    }
    if (beaten > allowed) break;
    const index = candidate.start + candidate.best.at;
    found.push({ index, p: (beaten + 1) / (permutations + 1), statistic: observed });
    segments = segments.flatMap((segment) =>
      segment === candidate ? [new Segment(series, segment.start, index, options), new Segment(series, index, segment.end, options)] : [segment],
    );
  }
  return found.sort((a, b) => a.index - b.index);
}
