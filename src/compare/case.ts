import type { LoadedCase } from '../results/read.js';
import { hodgesLehmannInterval } from '../stats/hodges-lehmann.js';
import { mannWhitneyU, shiftIntervalRank } from '../stats/mann-whitney.js';
import { medianInterval } from '../stats/median-interval.js';
import { quantileSorted } from '../stats/summary.js';
import type { CompareOptions } from './options.js';
import type { CaseComparison, SideSummary } from './types.js';
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
  return null;
}

/**
 * Compares one case from its samples. The test and the interval work on
 * log(samples): ranks are unchanged, and a shift of logs is a ratio, so the
 * change comes out in percent and a 10% slowdown of a 1 µs case and of a 1 s
 * case look alike.
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
  const change = { estimate: Math.expm1(interval.estimate), lower: Math.expm1(interval.lower), upper: Math.expm1(interval.upper) };
  const verdict = verdictOf(change, test.p, alpha, threshold);
  return { kind: 'compared', ...sides, change, p: test.p, pMethod: test.method, verdict, regression: verdict === 'slower' };
}
