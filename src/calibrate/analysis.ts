import { runEstimate } from '../results/figures.js';
import { median } from '../stats/summary.js';

/** One cycle of the calibration workload: when it started and how long each workload's slice took per call. */
export interface CalibrationCycle {
  /** Milliseconds since the start of the run. */
  readonly atMs: number;
  /** ms per call of workload A, then B. */
  readonly a: number;
  readonly b: number;
}

export interface SpeedMode {
  /** Time per call relative to the fastest mode (1.00 is the fastest). */
  readonly relative: number;
  /** Share of the windows spent in this mode. */
  readonly share: number;
  /** Spread within the mode: the standard deviation of log window speeds (≈ a fraction). */
  readonly spread: number;
}

export interface NoiseProfile {
  readonly seconds: number;
  readonly cycles: number;
  readonly windowMs: number;
  /** One mode when the windows form one cluster; two when a slow and a fast one stand apart. */
  readonly modes: readonly SpeedMode[];
  /** Mean time the machine stays in one mode before switching (null with one mode). */
  readonly meanDwellSeconds: number | null;
  readonly switchesPerMinute: number;
  /** How far one part of the run's absolute time lies from the others' (95%, log scale): what separate processes see. */
  readonly absoluteSpread: number;
  /** The same for the ratio of the two workloads' estimates (the relative tables' figure). */
  readonly pairedSpread: number;
  /** Per-cycle spread of the log ratio: what each extra cycle averages away. */
  readonly cycleRatioSd: number;
  /** Seconds of alternating slices that resolve a ratio to ±1% and ±0.5% within one process. */
  readonly secondsForPaired: { readonly onePercent: number; readonly halfPercent: number };
}

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
}

/** The median speed of each window of `windowMs`: log of workload A's time per call over its median. */
export function windowSpeeds(cycles: readonly CalibrationCycle[], windowMs: number): number[] {
  const reference = median(cycles.map((c) => c.a));
  const windows = new Map<number, number[]>();
  for (const cycle of cycles) {
    const index = Math.floor(cycle.atMs / windowMs);
    windows.set(index, [...(windows.get(index) ?? []), Math.log(cycle.a / reference)]);
  }
  return [...windows.entries()].sort(([x], [y]) => x - y).map(([, logs]) => median(logs));
}

/** Modes closer than this (log scale: about 10%) are one mode's spread, not two modes. */
const MIN_MODE_GAP = Math.log(1.1);

/**
 * Splits log window speeds into one or two modes: the best two-cluster split
 * (Otsu's threshold over the sorted values) counts as two modes when the
 * clusters stand apart by more than four times their pooled spread and by at
 * least 10%, and each holds at least a tenth of the windows; otherwise one mode.
 */
export function splitModes(logSpeeds: readonly number[]): { readonly threshold: number | null; readonly modes: readonly SpeedMode[] } {
  const sorted = [...logSpeeds].sort((a, b) => a - b);
  const one = (): { threshold: null; modes: SpeedMode[] } => ({ threshold: null, modes: [{ relative: 1, share: 1, spread: sd(sorted) }] });
  if (sorted.length < 10) return one();
  let best: { split: number; score: number } | null = null;
  for (let split = Math.ceil(sorted.length / 10); split <= sorted.length - Math.ceil(sorted.length / 10); split++) {
    const low = sorted.slice(0, split);
    const high = sorted.slice(split);
    const gap = median(high) - median(low);
    const pooled = Math.sqrt((sd(low) ** 2 * (low.length - 1) + sd(high) ** 2 * (high.length - 1)) / (sorted.length - 2));
    const score = gap / Math.max(pooled, 1e-9);
    if (!best || score > best.score) best = { split, score };
  }
  if (!best || best.score < 4) return one();
  const low = sorted.slice(0, best.split);
  const high = sorted.slice(best.split);
  if (median(high) - median(low) < MIN_MODE_GAP) return one();
  const fast = median(low);
  return {
    threshold: ((low.at(-1) as number) + (high[0] as number)) / 2,
    modes: [
      { relative: 1, share: low.length / sorted.length, spread: sd(low) },
      { relative: Math.exp(median(high) - fast), share: high.length / sorted.length, spread: sd(high) },
    ],
  };
}

/** How far one part's estimate lies from the others' (95%, normal approximation: 1.96 sd). */
function spreadOfParts(values: readonly number[]): number {
  return 1.96 * sd(values);
}

/**
 * How noisy this machine is for serbench's measurements, from one calibration
 * run: its speed modes and how fast it switches, how far absolute times and
 * paired ratios move between parts of the run (what separate processes see),
 * and how long alternating slices take to pin a ratio down.
 */
export function analyzeCalibration(cycles: readonly CalibrationCycle[], windowMs = 250, parts = 8): NoiseProfile {
  const seconds = (cycles.at(-1)?.atMs ?? 0) / 1000;
  const speeds = windowSpeeds(cycles, windowMs);
  const { threshold, modes } = splitModes(speeds);
  let switches = 0;
  let dwell: number | null = null;
  if (threshold !== null) {
    const states = speeds.map((s) => s > threshold);
    for (let i = 1; i < states.length; i++) if (states[i] !== states[i - 1]) switches++;
    dwell = (speeds.length * windowMs) / 1000 / (switches + 1);
  }
  const size = Math.max(1, Math.floor(cycles.length / parts));
  const chunks = Array.from({ length: Math.floor(cycles.length / size) }, (_, i) => cycles.slice(i * size, (i + 1) * size));
  // Each part is estimated as the suite estimates a process (results/figures.ts runEstimate).
  const estimate = (values: readonly number[]): number => Math.log(runEstimate(values, 'ns'));
  const absolute = chunks.map((chunk) => estimate(chunk.map((c) => c.a)));
  const paired = chunks.map((chunk) => estimate(chunk.map((c) => c.a)) - estimate(chunk.map((c) => c.b)));
  const ratioSd = sd(cycles.map((c) => Math.log(c.a / c.b)));
  const pairedSpread = spreadOfParts(paired);
  // An estimate's spread shrinks as 1/√(time measured): scale one part's spread to the half-width asked.
  const partSeconds = (size * seconds) / Math.max(cycles.length, 1);
  const secondsFor = (halfWidth: number): number => partSeconds * (pairedSpread / halfWidth) ** 2;
  return {
    seconds,
    cycles: cycles.length,
    windowMs,
    modes,
    meanDwellSeconds: dwell,
    switchesPerMinute: seconds > 0 ? (switches / seconds) * 60 : 0,
    absoluteSpread: spreadOfParts(absolute),
    pairedSpread,
    cycleRatioSd: ratioSd,
    secondsForPaired: { onePercent: secondsFor(0.01), halfPercent: secondsFor(0.005) },
  };
}
