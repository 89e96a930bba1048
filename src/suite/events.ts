import type { FailureKind } from '../results/failure.js';
import type { CodecCasePlan } from './matrix.js';
import type { EncodedSizes } from './sizes.js';

/**
 * What the measuring side reports, case by case. Plain data, so it can cross a
 * process boundary (the supervisor runs the measurements in a child process).
 */
export type SuiteEvent =
  | { readonly type: 'prepare'; readonly dataset: string }
  | { readonly type: 'prepared'; readonly plan: CodecCasePlan; readonly ok: true; readonly bytesPerCall: number; readonly sizes?: EncodedSizes }
  | { readonly type: 'prepared'; readonly plan: CodecCasePlan; readonly ok: false; readonly error: string; readonly failure: FailureKind }
  | { readonly type: 'case-start'; readonly id: string; readonly index: number; readonly total: number; readonly round: number; readonly rounds: number }
  | { readonly type: 'case-round'; readonly id: string; readonly round: number; readonly samplesNs: readonly number[]; readonly callsPerSample: number }
  | { readonly type: 'case-failed'; readonly id: string; readonly error: string }
  | { readonly type: 'finished'; readonly interrupted: boolean };
