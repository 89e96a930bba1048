import { median } from '../../stats/summary.js';
import type { CostOf } from '../shard.js';
import { RECORDED_COSTS } from './case-costs.js';

/** How long a case takes to count under Valgrind, as last recorded (case-costs.ts): what instruction shards balance. A case not recorded costs the median. */
export function countingCostOf(recorded: Readonly<Record<string, number>> = RECORDED_COSTS): CostOf {
  const costs = Object.values(recorded);
  const fallback = costs.length > 0 ? median(costs) : 1;
  return (id) => recorded[id] ?? fallback;
}
