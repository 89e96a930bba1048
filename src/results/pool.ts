import { setAsideRounds } from './figures.js';
import type { LoadedCase } from './read.js';
import { sampleSegments } from './segments.js';

/** One file's result for a case. */
export interface CasePart {
  /** The file it came from (its path). */
  readonly label: string;
  readonly item: LoadedCase;
}

/** Repeated runs of one case, pooled as `merge --concat-samples` does. */
export interface PooledCase {
  /** The parts that ran (status ok), in input order. */
  readonly ran: readonly CasePart[];
  /** Their samples, concatenated in input order. */
  readonly samples: readonly number[];
  /**
   * The runs those samples came from, as consecutive counts: each part's rounds
   * when its file shows them (segments.ts), otherwise the whole part as one run.
   * Samples from one process share its luck, so the runs stay visible.
   */
  readonly roundSizes: readonly number[];
  /** Each run's id, '' when its file gives none (results/figures.ts pairs only runs with the same id). */
  readonly roundIds: readonly string[];
  /** Rounds that a part's run set aside (missed the fast mode: figures.ts), from every part. */
  readonly setAsideRounds: readonly string[];
  /**
   * Why the pooled case did not run, if so: a part that failed fails the case (a
   * crash in one process is not hidden by samples from another); a part merely
   * skipped (a run interrupted before the case) counts only when no part ran.
   */
  readonly failure?: CasePart;
}

export function poolCaseParts(parts: readonly CasePart[]): PooledCase {
  const ran = parts.filter((part) => part.item.status === 'ok');
  const failure = parts.find((part) => part.item.status === 'failed') ?? (ran.length === 0 ? parts.find((part) => part.item.status !== 'ok') : undefined);
  return {
    ran,
    samples: ran.length === 1 ? (ran[0] as CasePart).item.samples : ran.flatMap((part) => part.item.samples),
    roundSizes: ran.flatMap((part) => sampleSegments(part.item) ?? [part.item.samples.length]),
    roundIds: ran.flatMap((part) => roundIdsOf(part.item)),
    setAsideRounds: ran.flatMap((part) => [...setAsideRounds(part.item)]),
    ...(failure ? { failure } : {}),
  };
}

/** A part's round ids, one per segment; '' for rounds that carry none (never paired with another case). */
function roundIdsOf(item: LoadedCase): string[] {
  const segments = sampleSegments(item) ?? [item.samples.length];
  const ids: unknown[] = typeof item.extra === 'object' && item.extra !== null && Array.isArray((item.extra as Record<string, unknown>).roundIds) ? ((item.extra as Record<string, unknown>).roundIds as unknown[]) : [];
  return segments.map((_, i) => (ids.length === segments.length && typeof ids[i] === 'string' ? (ids[i] as string) : ''));
}
