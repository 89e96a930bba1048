import { studentTQuantile } from './student-t.js';

/** A figure and its interval from per-run values (runs: processes), on a log scale so that a ratio's interval is symmetric. */
export interface RunInterval {
  /** Geometric mean of the per-run values. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Half the interval's width on the log scale: ≈ the ± fraction a reader sees (0.01 = ±1%). */
  readonly halfWidth: number;
  readonly runs: number;
}

/**
 * The 1 − alpha interval of the geometric mean of positive per-run values:
 * a Student t interval of their logs. Runs, not samples, are the independent
 * units of run-to-run noise: a process's JIT decisions and heap layout move all
 * of its samples together. Null with fewer than two runs.
 */
export function acrossRuns(values: readonly number[], alpha = 0.05): RunInterval | null {
  const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log);
  const runs = logs.length;
  if (runs < 2) return null;
  const mean = logs.reduce((sum, v) => sum + v, 0) / runs;
  const variance = logs.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (runs - 1);
  const halfWidth = studentTQuantile(1 - alpha / 2, runs - 1) * Math.sqrt(variance / runs);
  return { estimate: Math.exp(mean), lower: Math.exp(mean - halfWidth), upper: Math.exp(mean + halfWidth), halfWidth, runs };
}
