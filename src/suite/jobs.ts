import { groupPlans, type CodecCasePlan } from './matrix.js';

/**
 * Splits the cases over `jobs` processes, whole groups at a time (a group's
 * cases share their dataset's preparation), largest groups first onto the
 * least loaded job. Depends on the plan alone, so the same cases share a process
 * on every run: a count can depend on what ran before it in the process (inline
 * caches of shared library code).
 */
export function splitForJobs(plans: readonly CodecCasePlan[], jobs: number): CodecCasePlan[][] {
  const parts: CodecCasePlan[][] = Array.from({ length: Math.max(1, Math.min(jobs, plans.length)) }, () => []);
  const groups = groupPlans(plans)
    .map((group, order) => ({ group, order }))
    .sort((a, b) => b.group.length - a.group.length || a.order - b.order);
  for (const { group } of groups) {
    const lightest = parts.reduce((best, part) => (part.length < best.length ? part : best));
    lightest.push(...group);
  }
  return parts.filter((part) => part.length > 0);
}
