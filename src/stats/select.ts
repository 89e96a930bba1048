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

/**
 * The values at the given positions (0-based) of a[lo..hi] sorted, found in
 * place: a[lo..hi] is rearranged, its values unchanged (positions are absolute).
 */
export function selectPositions(a: Float64Array, positions: readonly number[], lo = 0, hi = a.length - 1): number[] {
  const order = positions.map((position, index) => ({ position, index })).sort((x, y) => x.position - y.position);
  const out = new Array<number>(positions.length);
  let from = lo;
  for (const { position, index } of order) {
    if (!(position >= lo && position <= hi)) throw new RangeError(`position ${position} is outside ${lo}..${hi}`);
    // Everything before the last selected position is no larger than it, so the next search starts there.
    out[index] = selectInPlace(a, position, from, hi);
    from = position;
  }
  return out;
}

/** The values at the given positions (0-based) of the sorted values; `values` is left as it was. */
export function orderStatistics(values: ArrayLike<number>, positions: readonly number[]): number[] {
  const a = new Float64Array(values.length);
  a.set(values);
  return selectPositions(a, positions);
}

/** Type-7 interpolation at the middle, exactly as quantileSorted(sorted, 0.5) computes it. */
export function middleOf(low: number, high: number, n: number): number {
  return n % 2 === 1 ? low : low + (high - low) * 0.5;
}
