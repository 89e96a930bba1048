import { readResultFile } from '../results/read.js';
import type { CaseResult } from '../results/types.js';
import type { CodecCasePlan } from './matrix.js';

/**
 * The cases of an earlier result file that `--resume` keeps: those measured
 * successfully and still in the plan. Failed and skipped cases run again.
 */
export function resumableCases(file: string, plans: readonly CodecCasePlan[]): CaseResult[] {
  const planned = new Set(plans.map((p) => p.id));
  const earlier = readResultFile(file);
  return earlier.cases.filter((c) => c.status === 'ok' && planned.has(c.id) && c.samples.length > 0) as unknown as CaseResult[];
}
