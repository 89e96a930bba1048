import type { LoadedCase } from '../results/read.js';
import { keptSegments } from '../results/segments.js';
import { hodgesLehmannInterval } from '../stats/hodges-lehmann.js';
import { mannWhitneyU, shiftIntervalRank } from '../stats/mann-whitney.js';
import { medianInterval } from '../stats/median-interval.js';
import { studentTCdf, studentTQuantile } from '../stats/student-t.js';
import { runEstimate } from '../results/figures.js';
import { quantileSorted } from '../stats/summary.js';
import type { CompareOptions } from './options.js';
import type { CaseComparison, RunSpread, SideSummary } from './types.js';
import { verdictOf } from './verdict.js';

export function summarizeSide(item: LoadedCase, alpha: number): SideSummary {
  const sorted = [...item.samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: sorted.length > 0 ? quantileSorted(sorted, 0.5) : null,
    medianInterval: medianInterval(sorted, alpha),
    status: item.status,
    ...(item.error !== undefined ? { error: item.error } : {}),
  };
}

/** The smallest equal sample count per side at which a test at this alpha can reach significance. */
export function minimumSamplesPerSide(alpha: number): number {
  let n = 1;
  while (shiftIntervalRank(n, n, alpha) < 1) n++;
  return n;
}

function notComparableReason(base: LoadedCase, head: LoadedCase): string | null {
  if (base.unit !== head.unit) return `unit is ${base.unit} in base but ${head.unit} in head`;
  for (const [side, item] of [['base', base], ['head', head]] as const) {
    if (item.status !== 'ok') return `${item.status} in ${side}${item.error ? `: ${item.error}` : ''}`;
  }
  for (const [side, item] of [['base', base], ['head', head]] as const) {
    if (item.samples.some((sample) => sample <= 0)) return `${side} has samples of 0; a ratio needs positive samples`;
  }
  const [baseMakeUp, headMakeUp] = [processCasesOf(base), processCasesOf(head)];
  if (base.unit === 'instructions' && baseMakeUp !== undefined && headMakeUp !== undefined && baseMakeUp !== headMakeUp) {
    return 'counted beside other cases in head than in base (the case list, the shard costs or --jobs changed): a count depends on what ran before it in its process';
  }
  return null;
}

/** Which cases shared the process that counted it (`--measure instructions`): an id of their list. */
function processCasesOf(item: LoadedCase): string | undefined {
  const value = (item.extra as { processCases?: unknown } | undefined)?.processCases;
  return typeof value === 'string' ? value : undefined;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The run-level comparison: samples from one run (a round, a process) share
 * that run's luck — JIT tier, heap layout, a busy neighbour, how long the host
 * spent in its slow mode — so the runs, not the samples, are the independent
 * units. Each run's figure (the suite's estimator: the 10th percentile of its
 * times, the fewest instructions of its phases; see results/figures.ts) on each
 * side gives a pooled-variance t interval for the difference of their mean logs,
 * and a t-test when both sides show runs; a side with one run borrows the other
 * side's spread (and gets no test). Null when neither side shows more than one run.
 */
export function runSpread(base: LoadedCase, head: LoadedCase, alpha: number): (RunSpread & { readonly logLower: number; readonly logUpper: number; readonly logEstimate: number; readonly p: number | null }) | null {
  const runFigures = (item: LoadedCase) => keptSegments(item).map((segment) => Math.log(runEstimate(segment, item.unit)));
  const baseRuns = runFigures(base);
  const headRuns = runFigures(head);
  const groups = [baseRuns, headRuns].filter((runs) => runs.length >= 2);
  if (groups.length === 0) return null;
  const df = groups.reduce((sum, runs) => sum + runs.length - 1, 0);
  const squares = groups.reduce((sum, runs) => {
    const center = mean(runs);
    return sum + runs.reduce((inner, value) => inner + (value - center) ** 2, 0);
  }, 0);
  const standardError = Math.sqrt(squares / df) * Math.sqrt(1 / baseRuns.length + 1 / headRuns.length);
  const difference = mean(headRuns) - mean(baseRuns);
  const halfWidth = studentTQuantile(1 - alpha / 2, df) * standardError;
  // A test over the runs needs runs on both sides; with one side of one run it only borrows the other's spread.
  const bothSides = groups.length === 2;
  const p = !bothSides ? null : standardError > 0 ? 2 * (1 - studentTCdf(Math.abs(difference) / standardError, df)) : difference === 0 ? 1 : 0;
  return {
    baseRuns: baseRuns.length,
    headRuns: headRuns.length,
    interval: { lower: Math.expm1(difference - halfWidth), upper: Math.expm1(difference + halfWidth) },
    logLower: difference - halfWidth,
    logUpper: difference + halfWidth,
    logEstimate: difference,
    p,
  };
}

/**
 * Compares one case from its samples. The test and the interval work on
 * log(samples): ranks are unchanged, and a shift of logs is a ratio, so the
 * change comes out in percent and a 10% slowdown of a 1 µs case and of a 1 s
 * case look alike.
 *
 * The interval of the change is the Hodges–Lehmann interval over all samples,
 * widened to the run-level interval when the files show several runs per case
 * (see runSpread): a change counts only if it stands out from the spread
 * between runs too, so one slow round or process cannot fail a build.
 */
export function compareCase(base: LoadedCase, head: LoadedCase, options: CompareOptions): CaseComparison {
  const { alpha, threshold } = options;
  const sides = { id: base.id, unit: base.unit, base: summarizeSide(base, alpha), head: summarizeSide(head, alpha) };
  const reason = notComparableReason(base, head);
  if (reason) return { kind: 'not-comparable', ...sides, reason };
  const logHead = head.samples.map(Math.log);
  const logBase = base.samples.map(Math.log);
  const test = mannWhitneyU(logHead, logBase);
  const interval = hodgesLehmannInterval(logHead, logBase, alpha, test.tieTerm);
  if (!interval) {
    const needed = minimumSamplesPerSide(alpha);
    return {
      kind: 'too-few-samples',
      ...sides,
      reason: `${base.samples.length} vs ${head.samples.length} samples cannot reach p < ${alpha} (needs about ${needed} per side)`,
    };
  }
  const spread = runSpread(base, head, alpha);
  const runs: RunSpread | null = spread ? { baseRuns: spread.baseRuns, headRuns: spread.headRuns, interval: spread.interval } : null;
  if (spread && spread.p !== null) {
    // Runs on both sides: they are the evidence. Samples pooled across runs would count one run's luck hundreds of times.
    const change = { estimate: Math.expm1(spread.logEstimate), lower: spread.interval.lower, upper: spread.interval.upper };
    const verdict = verdictOf(change, spread.p, alpha, threshold);
    return { kind: 'compared', ...sides, change, p: spread.p, pMethod: 'runs', runs, verdict, regression: verdict === 'slower' };
  }
  const change = {
    estimate: Math.expm1(interval.estimate),
    lower: Math.expm1(Math.min(interval.lower, spread?.logLower ?? Infinity)),
    upper: Math.expm1(Math.max(interval.upper, spread?.logUpper ?? -Infinity)),
  };
  const verdict = verdictOf(change, test.p, alpha, threshold);
  return { kind: 'compared', ...sides, change, p: test.p, pMethod: test.method, runs, verdict, regression: verdict === 'slower' };
}
