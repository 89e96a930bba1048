import type { SampleStats } from '../results/types.js';

/** Two-sided Student t critical values at 95% by degrees of freedom; beyond 30, 1.96. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074,
  2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tCritical95(degreesOfFreedom: number): number {
  if (degreesOfFreedom < 1) return Number.NaN;
  return T95[degreesOfFreedom - 1] ?? 1.96;
}

/** Linear-interpolated quantile (type 7, as R and NumPy default) of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

/** Values sorted ascending; a typed array's numeric sort is several times faster than sort((a, b) => a - b). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const copy = new Float64Array(values.length);
  copy.set(values);
  return copy.sort();
}

export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortedCopy(values), 0.5);
}

/** The statistics of SPEC.md over a list of samples. */
export function summarize(samples: readonly number[]): SampleStats {
  const n = samples.length;
  if (n === 0) return { n: 0, median: NaN, mean: NaN, p75: NaN, p99: NaN, min: NaN, max: NaN, sd: NaN, rme: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / n;
  const variance = n > 1 ? sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  const sem = sd / Math.sqrt(n);
  return {
    n,
    median: quantileSorted(sorted, 0.5),
    mean,
    p75: quantileSorted(sorted, 0.75),
    p99: quantileSorted(sorted, 0.99),
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    sd,
    rme: n > 1 && mean !== 0 ? ((tCritical95(n - 1) * sem) / mean) * 100 : 0,
  };
}
