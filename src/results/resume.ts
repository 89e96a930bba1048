import { readResultFile } from './read.js';
import type { CaseResult } from './types.js';

/**
 * The cases of an earlier result file that `--resume` keeps: those measured
 * successfully and still planned. Failed, skipped and unfinished cases run again.
 */
export function resumableCases(file: string, plannedIds: Iterable<string>): CaseResult[] {
  const planned = new Set(plannedIds);
  const earlier = readResultFile(file);
  return earlier.cases.filter((c) => c.status === 'ok' && planned.has(c.id) && c.samples.length > 0) as unknown as CaseResult[];
}

/** The planned cases in plan order: the kept ones from the earlier file, the rest from this run. */
export function mergeResumed<T extends { readonly id: string }>(planned: readonly T[], kept: readonly CaseResult[], measured: readonly CaseResult[]): CaseResult[] {
  const byId = new Map([...measured, ...kept].map((c) => [c.id, c]));
  return planned.flatMap((p) => byId.get(p.id) ?? []);
}
