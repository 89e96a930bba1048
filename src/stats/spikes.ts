import { median } from './summary.js';

/** Scale of the median absolute deviation to a normal sigma. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * Noise of a series from its successive differences (sigma of one value): the
 * median absolute deviation of x[i] − x[i−1], over √2. A step moves one
 * difference and an outlier two, so neither inflates it, unlike a plain
 * standard deviation. Null with fewer than 3 values.
 */
export function differenceNoise(values: readonly number[]): number | null {
  if (values.length < 3) return null;
  const differences = values.slice(1).map((value, i) => value - (values[i] as number));
  const center = median(differences);
  return (MAD_TO_SIGMA * median(differences.map((d) => Math.abs(d - center)))) / Math.SQRT2;
}

export interface SpikeOptions {
  /** Values on each side whose median is the local level. */
  readonly neighbours: number;
  /** How far (in noise sigmas) beyond the level on both sides a spike lies. */
  readonly sigmas: number;
  /** Longest run of adjacent values that still counts as a spike, not a level. */
  readonly longest: number;
}

export const SPIKE_DEFAULTS: SpikeOptions = Object.freeze({ neighbours: 3, sigmas: 5, longest: 2 });

/**
 * Indices of isolated spikes: runs of at most `longest` adjacent values that
 * all lie, in the same direction, more than `sigmas` noise sigmas from the
 * median of the `neighbours` values before the run and from the median of those
 * after it, while the values just outside the run do not (a Hampel filter made
 * two-sided and run-aware). The edge of a step matches one side, so it is never
 * a spike; a plateau longer than `longest` is a level. The first and last values
 * have no second side and are never judged.
 */
export function spikeIndices(values: readonly number[], options: SpikeOptions = SPIKE_DEFAULTS): number[] {
  const noise = differenceNoise(values);
  if (noise === null) return [];
  // Exact series (noise 0) still need a visible jump, not a rounding difference.
  const limit = Math.max(options.sigmas * noise, 1e-9);
  const spikes = new Set<number>();
  const n = values.length;
  for (let start = 1; start + 1 < n; start++) {
    for (let end = start; end < Math.min(start + options.longest, n - 1); end++) {
      const left = median(values.slice(Math.max(0, start - options.neighbours), start));
      const right = median(values.slice(end + 1, end + 1 + options.neighbours));
      const direction = Math.sign((values[start] as number) - left);
      const beyond = (index: number): boolean => {
        const value = values[index] as number;
        return Math.sign(value - left) === direction && Math.sign(value - right) === direction && Math.min(Math.abs(value - left), Math.abs(value - right)) > limit;
      };
      let run = true;
      for (let i = start; i <= end && run; i++) run = beyond(i);
      if (run && !beyond(start - 1) && !beyond(end + 1)) for (let i = start; i <= end; i++) spikes.add(i);
    }
  }
  return [...spikes].sort((a, b) => a - b);
}
