import type { CaseStatus } from './types.js';

/**
 * Why a case has no measurement, as far as the run's outcome is concerned:
 * - `lossy`: the fidelity gate refused the codec on this dataset (its round trip
 *   changed the data, or it could not encode or decode it). A finding about the
 *   codec, shown in every report; it does not fail the run unless asked
 *   (`--fail-on lossy`).
 * - `error`: the case threw while measured, crashed, hung or ran out of memory.
 *   A failure of the run.
 */
export const FAILURE_KINDS = ['lossy', 'error'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** What the fidelity gate's reasons start with (src/fidelity/gate.ts); files written before `failure` existed are read by it. */
const GATE_PREFIX = 'fidelity gate:';

interface CaseLike {
  readonly status: CaseStatus;
  readonly failure?: unknown;
  readonly error?: string;
}

/** The kind of a failed case (undefined for ok and skipped cases). */
export function failureKind(item: CaseLike): FailureKind | undefined {
  if (item.status !== 'failed') return undefined;
  if (item.failure === 'lossy' || item.failure === 'error') return item.failure;
  return item.error?.startsWith(GATE_PREFIX) ? 'lossy' : 'error';
}

export const isRefusedByGate = (item: CaseLike): boolean => failureKind(item) === 'lossy';

/**
 * A run is complete when it was not interrupted and every case was measured or
 * refused by the fidelity gate (a refusal is a finding, not a case that failed to run).
 */
export function runComplete(cases: readonly CaseLike[], interrupted: boolean): boolean {
  return !interrupted && cases.every((item) => item.status === 'ok' || isRefusedByGate(item));
}
