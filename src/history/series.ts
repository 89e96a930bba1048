import { describeMachine } from '../compare/format.js';
import { poolCaseParts, type CasePart } from '../results/pool.js';
import type { OrderedHistory } from './commits.js';
import { POINT_ESTIMATORS } from './estimator.js';
import type { HistoryOptions } from './options.js';
import type { HistoryPoint } from './types.js';

/** The commits' figures of one case in one unit on one machine. */
export interface Series {
  readonly case: string;
  readonly unit: string;
  readonly machine: string | null;
  readonly points: readonly HistoryPoint[];
}


interface Bucket {
  readonly id: string;
  readonly unit: string;
  readonly machine: string | null;
  readonly parts: Map<number, { parts: CasePart[]; node: string | null }>;
}

/**
 * One series per (case id, unit, machine): a case measured in two units (time
 * and instructions) gives two series, never mixed. At each commit, the case's
 * results from every file of that commit are pooled as merge --concat-samples
 * does (a failure in any run fails the point) and become one figure.
 */
export function buildSeries(history: OrderedHistory, options: HistoryOptions): { series: Series[]; machines: string[] } {
  const machines = new Set<string>();
  const buckets = new Map<string, Bucket>();
  history.inputsByCommit.forEach((inputs, commit) => {
    for (const input of inputs) {
      // What makes timings of different machines incomparable; Node versions stay in one series (a change they cause is a finding).
      const machine = describeMachine(input.result.meta.env);
      machines.add(machine);
      for (const item of input.result.cases) {
        const key = JSON.stringify([item.id, item.unit, options.machines === 'group' ? machine : null]);
        let bucket = buckets.get(key);
        if (!bucket) buckets.set(key, (bucket = { id: item.id, unit: item.unit, machine: options.machines === 'group' ? machine : null, parts: new Map() }));
        const atCommit = bucket.parts.get(commit) ?? { parts: [], node: input.result.meta.env.node ?? null };
        atCommit.parts.push({ label: input.label, item });
        bucket.parts.set(commit, atCommit);
      }
    }
  });
  const estimator = POINT_ESTIMATORS[options.estimator];
  const grouped = options.machines === 'group' && machines.size > 1;
  const series = [...buckets.values()].map((bucket): Series => {
    const points = [...bucket.parts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([commit, { parts, node }]): HistoryPoint => {
        const pooled = poolCaseParts(parts);
        if (pooled.failure) {
          const { item } = pooled.failure;
          return { kind: 'failed', commit, status: item.status === 'skipped' ? 'skipped' : 'failed', error: item.error ?? item.status };
        }
        const estimate = estimator.estimate(pooled.samples, pooled.roundSizes, options.alpha);
        return { kind: 'measured', commit, value: estimate.value, lower: estimate.lower, upper: estimate.upper, n: pooled.samples.length, runs: pooled.roundSizes.length, node };
      });
    return { case: bucket.id, unit: bucket.unit, machine: grouped ? bucket.machine : null, points };
  });
  series.sort((a, b) => (a.case < b.case ? -1 : a.case > b.case ? 1 : a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : (a.machine ?? '') < (b.machine ?? '') ? -1 : 1));
  return { series, machines: [...machines].sort() };
}
