import type { FailureKind } from '../results/failure.js';
import type { CodecCasePlan } from './matrix.js';
import type { EncodedSizes } from './sizes.js';

/**
 * What the measuring side reports. Plain data, so it can cross a process
 * boundary (the supervisor runs the measurements in child processes).
 */
export type SuiteEvent =
  | { readonly type: 'prepare'; readonly dataset: string }
  | { readonly type: 'prepared'; readonly plan: CodecCasePlan; readonly ok: true; readonly bytesPerCall: number; readonly sizes?: EncodedSizes }
  | { readonly type: 'prepared'; readonly plan: CodecCasePlan; readonly ok: false; readonly error: string; readonly failure: FailureKind }
  /** One case runs alone from now on (warm-up, or counting): a hang or crash now is this case's. `index` of `total` in this process. */
  | { readonly type: 'case-start'; readonly id: string; readonly round: number; readonly index: number; readonly total: number; readonly stage: 'warm-up' | 'count' }
  /** The cases alternate from now on, slice by slice, for at most `budgetMs`. */
  | { readonly type: 'slices'; readonly ids: readonly string[]; readonly round: number; readonly budgetMs: number }
  /** Still working on a case (re-arms the supervisor's timeout between long counted phases). */
  | { readonly type: 'case-progress'; readonly id: string }
  | {
      readonly type: 'case-round';
      readonly id: string;
      readonly round: number;
      /** Samples of cases with the same roundId were taken side by side, cycle by cycle. */
      readonly roundId: string;
      readonly samples: readonly number[];
      readonly callsPerSample: number;
      /** Instructions the round ran under Valgrind, warm-up included (`--measure instructions`). */
      readonly spentInstructions?: number;
      /** How long the round's counting took under Valgrind, callgrind's dumps included. */
      readonly countingMs?: number;
      /** True when the precision target ended the round before its time budget did. */
      readonly precise?: boolean;
    }
  | { readonly type: 'case-failed'; readonly id: string; readonly error: string }
  | { readonly type: 'finished'; readonly interrupted: boolean };
