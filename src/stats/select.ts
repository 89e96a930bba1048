/**
 * Order statistics without sorting: Hoare's quickselect. A history takes the
 * median and its interval of tens of thousands of points of hundreds of samples
 * each; selecting the few values it needs costs O(n) per point instead of the
 * O(n log n) of a sort.
 */

/**
 * Rearranges a[lo..hi] so that a[k] holds the value it would hold if the range
 * were sorted, with no larger value before it and no smaller one after it.
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot: sorted or reversed input stays linear.
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/** The values at the given positions (0-based) of the sorted values; `values` is left as it was. */
export function orderStatistics(values: ArrayLike<number>, positions: readonly number[]): number[] {
  const a = new Float64Array(values.length);
  a.set(values);
  const order = positions.map((position, index) => ({ position, index })).sort((x, y) => x.position - y.position);
  const out = new Array<number>(positions.length);
  let lo = 0;
  for (const { position, index } of order) {
    if (!(position >= 0 && position < a.length)) throw new RangeError(`position ${position} is outside 0..${a.length - 1}`);
    // Everything before the last selected position is no larger than it, so the next search starts there.
    out[index] = selectInPlace(a, position, lo, a.length - 1);
    lo = position;
  }
  return out;
}

/** Type-7 interpolation at the middle, exactly as quantileSorted(sorted, 0.5) computes it. */
export function middleOf(low: number, high: number, n: number): number {
  return n % 2 === 1 ? low : low + (high - low) * 0.5;
}

/** The median (the mean of the two middle values for an even count, as quantile type 7). */
export function selectMedian(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const [low, high] = orderStatistics(values, [(n - 1) >> 1, n >> 1]);
  return middleOf(low as number, high as number, n);
}
