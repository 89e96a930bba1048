import { groupPlans, type CodecCasePlan } from './matrix.js';
import type { CostOf } from './shard.js';

/**
 * Splits the cases over `jobs` processes, whole groups at a time (a group's
 * cases share their dataset's preparation), costliest groups first onto the
 * least loaded job (a case costs 1 unless `costOf` says otherwise). Depends on the
 * plan alone, so the same cases share a process on every run: a count can depend
 * on what ran before it in the process (inline caches of shared library code).
 */
export function splitForJobs(plans: readonly CodecCasePlan[], jobs: number, costOf: CostOf = () => 1): CodecCasePlan[][] {
  const parts = Array.from({ length: Math.max(1, Math.min(jobs, plans.length)) }, () => ({ plans: [] as CodecCasePlan[], load: 0 }));
  const groups = groupPlans(plans)
    .map((group, order) => ({ group, order, cost: group.reduce((sum, plan) => sum + costOf(plan.id), 0) }))
    .sort((a, b) => b.cost - a.cost || a.order - b.order);
  for (const { group, cost } of groups) {
    const lightest = parts.reduce((best, part) => (part.load < best.load ? part : best));
    lightest.plans.push(...group);
    lightest.load += cost;
  }
  return parts.map((part) => part.plans).filter((part) => part.length > 0);
}
