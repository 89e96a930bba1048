import { medianInterval } from './median-interval.js';

/**
 * Log times centred cycle by cycle: for member i in cycle k, log t(i,k) minus the
 * mean log time of every member in cycle k. What the machine did to cycle k as a
 * whole (a slow phase, a busy neighbour) cancels out; what is left is each
 * member's time relative to the group. A group of one keeps its own log times.
 */
export function cycleCentered(series: readonly (readonly number[])[]): number[][] {
  const cycles = Math.min(...series.map((s) => s.length));
  if (series.length === 0 || !Number.isFinite(cycles)) return [];
  const logs = series.map((s) => s.slice(0, cycles).map(Math.log));
  if (series.length === 1) return logs;
  const centres = Array.from({ length: cycles }, (_, k) => logs.reduce((sum, s) => sum + (s[k] as number), 0) / logs.length);
  return logs.map((s) => s.map((value, k) => value - (centres[k] as number)));
}

/**
 * The worst half-width (as a fraction) over the members of the 95% distribution-
 * free interval of the median of their cycle-centred log times: how precisely the
 * samples so far place every member relative to the others. Infinity when any
 * member has too few cycles for an interval.
 */
export function cycleCenteredPrecision(series: readonly (readonly number[])[], alpha = 0.05): number {
  let worst = 0;
  for (const centred of cycleCentered(series)) {
    const interval = medianInterval([...centred].sort((a, b) => a - b), alpha);
    if (!interval) return Infinity;
    worst = Math.max(worst, (interval.upper - interval.lower) / 2);
  }
  return worst;
}

/** The median over aligned samples of log(a_k / b_k): a paired ratio's log, cycle by cycle. */
export function pairedLogRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const logs: number[] = [];
  for (let k = 0; k < n; k++) logs.push(Math.log((a[k] as number) / (b[k] as number)));
  logs.sort((x, y) => x - y);
  if (logs.length === 0) return Number.NaN;
  const middle = (logs.length - 1) / 2;
  return ((logs[Math.floor(middle)] as number) + (logs[Math.ceil(middle)] as number)) / 2;
}
