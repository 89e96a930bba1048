import type { CaseStatus, Environment } from '../results/types.js';
import type { PValueMethod } from '../stats/mann-whitney.js';

/** What `npm run compare` found; plain JSON-serialisable data (the `--format json` output). */
export const COMPARISON_SCHEMA = 'serbench.compare/v1';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** One side (base or head) of one case, computed from its samples. */
export interface SideSummary {
  readonly n: number;
  /** Sample median; null without samples. */
  readonly median: number | null;
  /** Distribution-free interval of the median at 1 − alpha; null when the sample is too small. */
  readonly medianInterval: Interval | null;
  readonly status: CaseStatus;
  readonly error?: string;
}

/** The spread between runs (rounds or processes) of a case, when the files show them. */
export interface RunSpread {
  readonly baseRuns: number;
  readonly headRuns: number;
  /** Pooled t interval of the change from the runs' medians, at 1 − alpha (fractions, like Change). */
  readonly interval: Interval;
}

/**
 * The change from base to head as a fraction (0.1 = 10% slower, −0.1 = 10% faster):
 * the Hodges–Lehmann estimate of head/base − 1 and its interval at 1 − alpha,
 * widened to the run-level interval when there is one (RunSpread).
 */
export interface Change extends Interval {
  readonly estimate: number;
}

/**
 * - slower / faster: p < alpha and the whole interval lies beyond the threshold;
 *   `slower` is a regression and fails the command.
 * - unchanged (`~`): the whole interval lies within ±threshold: any change is
 *   smaller than the noise threshold.
 * - inconclusive (`?`): neither: no change beyond the threshold is shown, but the
 *   interval is too wide to rule one out.
 */
export type Verdict = 'slower' | 'faster' | 'unchanged' | 'inconclusive';

interface CaseBase {
  readonly id: string;
  readonly unit: string;
}

export type CaseComparison =
  | (CaseBase & {
      readonly kind: 'compared';
      readonly base: SideSummary;
      readonly head: SideSummary;
      readonly change: Change;
      readonly p: number;
      /** How p was computed: Mann–Whitney over samples (`exact` / `normal`), or a t-test over the runs' figures (`runs`). */
      readonly pMethod: PValueMethod | 'runs';
      /** Null when neither file shows more than one run for the case. */
      readonly runs: RunSpread | null;
      readonly verdict: Verdict;
      readonly regression: boolean;
    })
  | (CaseBase & { readonly kind: 'too-few-samples'; readonly base: SideSummary; readonly head: SideSummary; readonly reason: string })
  | (CaseBase & { readonly kind: 'not-comparable'; readonly base: SideSummary; readonly head: SideSummary; readonly reason: string })
  | (CaseBase & { readonly kind: 'added'; readonly head: SideSummary })
  | (CaseBase & { readonly kind: 'removed'; readonly base: SideSummary });

export type CaseKind = CaseComparison['kind'];

export interface FileSummary {
  /** How the file was named on the command line. */
  readonly label: string;
  readonly createdAt: string | null;
  readonly sha: string | null;
  readonly dirty: boolean;
  readonly complete: boolean;
  readonly env: Partial<Environment>;
  readonly cases: number;
}

export interface EnvironmentDifference {
  readonly field: keyof Environment;
  readonly base: string | number | null;
  readonly head: string | number | null;
}

export interface GeometricMean {
  /** Cases in the row: those with a computed change. */
  readonly cases: number;
  readonly base: number;
  readonly head: number;
  /** Geometric mean of the per-case ratios head/base, minus 1. */
  readonly change: number;
}

export interface ComparisonSummary {
  /** Cases in both files with a verdict (slower, faster, ~ or ?): what the gate actually compared. */
  readonly compared: number;
  readonly slower: number;
  readonly faster: number;
  readonly unchanged: number;
  readonly inconclusive: number;
  readonly tooFewSamples: number;
  readonly notComparable: number;
  readonly added: number;
  readonly removed: number;
  /** Ids of the regressions: the cases that fail the command (significantly slower, or broken). */
  readonly regressions: readonly string[];
  /** Ids of cases that failed in head but not in base (ran there, or are new): a change that broke a codec or stage. */
  readonly broken: readonly string[];
  readonly geometricMean: GeometricMean | null;
}

export interface Comparison {
  readonly schema: typeof COMPARISON_SCHEMA;
  readonly alpha: number;
  readonly threshold: number;
  readonly confidence: number;
  readonly base: FileSummary;
  readonly head: FileSummary;
  readonly environmentDifferences: readonly EnvironmentDifference[];
  readonly warnings: readonly string[];
  readonly cases: readonly CaseComparison[];
  readonly summary: ComparisonSummary;
}
