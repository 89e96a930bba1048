import type { Interval } from '../compare/types.js';
import type { HistoryOptions } from './options.js';

/** What `npm run history` found; plain JSON-serialisable data (the `--format json` output). */
export const HISTORY_SCHEMA = 'serbench.history/v1';

/** One commit of the history: every result file measured on it, pooled. */
export interface HistoryCommit {
  /** Position in the history, 0 = oldest. */
  readonly index: number;
  /** The full sha; null for files without one (each such file is its own point). */
  readonly sha: string | null;
  /** Measured with uncommitted changes: kept apart from the clean commit. */
  readonly dirty: boolean;
  /** How the commit is named in the output: the sha (+dirty), or the file without a sha. */
  readonly label: string;
  /** The commit time, or the run time when the files do not record it (timeSource says which). */
  readonly time: string;
  readonly timeSource: 'commit' | 'run';
  readonly branch: string | null;
  /** The result files pooled into this commit. */
  readonly files: readonly string[];
}

export type HistoryPoint =
  | {
      readonly kind: 'measured';
      /** Index into History.commits. */
      readonly commit: number;
      /** The commit's figure (estimator.ts) and its interval. */
      readonly value: number;
      readonly lower: number | null;
      readonly upper: number | null;
      /** Samples and runs pooled into it. */
      readonly n: number;
      readonly runs: number;
      /** Node version that measured it (a new one can explain a change). */
      readonly node: string | null;
      /** An isolated spike (a busy machine, not the code): left out of the change point search. */
      readonly outlier?: boolean;
    }
  | { readonly kind: 'failed'; readonly commit: number; readonly status: 'failed' | 'skipped'; readonly error: string };

/** A change of a series at a commit, estimated from the segments on either side. */
export interface SeriesChange {
  readonly case: string;
  readonly unit: string;
  readonly machine: string | null;
  /** Label (full sha) of the first commit after the change. */
  readonly commit: string;
  readonly commitIndex: number;
  /**
   * `step`: one change point. `gradual`: consecutive change points in the same
   * direction, each small, that together amount to a change that matters (a creep);
   * `commit` is where it began and `lastCommit` where it ended.
   */
  readonly shape: 'step' | 'gradual';
  readonly lastCommit?: string;
  readonly lastCommitIndex?: number;
  /** Medians of the commits' figures before and after (over the neighbouring segments). */
  readonly before: number;
  readonly after: number;
  /**
   * The typical ratio after/before − 1: the Hodges–Lehmann estimate between the two
   * segments, as compare reports a change (after / before − 1 when they are too short).
   */
  readonly change: number;
  /** Hodges–Lehmann interval of the change between the two segments at 1 − alpha; null when they are too short. */
  readonly interval: Interval | null;
  /** Whether the whole interval lies beyond the threshold (the change is surely larger than it). */
  readonly beyondThreshold: boolean;
  /** Permutation p-value of E-Divisive (for a gradual change, the largest of its steps). */
  readonly p: number;
  readonly kind: 'regression' | 'improvement';
  /** What else changed at that commit (a Node version), when something did. */
  readonly environmentChange?: string;
}

export interface Segment {
  /** Commit indices of the first and last measured point of the segment. */
  readonly from: number;
  readonly to: number;
  readonly median: number;
}

export interface SeriesAnalysis {
  readonly case: string;
  readonly unit: string;
  /** Null when the history has one machine, or with --machines pool. */
  readonly machine: string | null;
  readonly points: readonly HistoryPoint[];
  readonly segments: readonly Segment[];
  /** Robust commit-to-commit noise (sigma of the log figure, ≈ relative); null with too few points. */
  readonly noise: number | null;
  /** The smallest change this noise lets show with `noiseWindow` commits on each side (relative). */
  readonly resolvable: number | null;
  /** Commits on each side a change of the threshold's size needs to show at this noise. */
  readonly commitsNeeded: number | null;
  /** True when a change of the threshold's size could hide in the noise. */
  readonly noisy: boolean;
  /** True when the series has too few measured commits to look for change points. */
  readonly tooShort: boolean;
  readonly threshold: number;
}

export interface BrokenCase {
  readonly case: string;
  readonly unit: string;
  readonly machine: string | null;
  readonly commit: string;
  readonly error: string;
}

export interface HistorySummary {
  readonly commits: number;
  readonly files: number;
  readonly series: number;
  readonly regressions: number;
  readonly improvements: number;
  readonly small: number;
  readonly noisy: number;
  readonly tooShort: number;
}

export interface History {
  readonly schema: typeof HISTORY_SCHEMA;
  readonly options: HistoryOptions;
  readonly method: string;
  readonly commits: readonly HistoryCommit[];
  readonly machines: readonly string[];
  readonly series: readonly SeriesAnalysis[];
  /** Changes that matter (their interval is not within ±threshold), most recent first. */
  readonly changePoints: readonly SeriesChange[];
  /** Significant changes shown to be smaller than the threshold (`~`), most recent first. */
  readonly smallChanges: readonly SeriesChange[];
  /** Cases that ran before and fail at the newest commit. */
  readonly broken: readonly BrokenCase[];
  readonly warnings: readonly string[];
  readonly summary: HistorySummary;
  /** What --fail-on-regression looks at: regressions among the newest `since` commits, and broken cases. */
  readonly gate: { readonly since: number; readonly firstCommit: number; readonly regressions: readonly SeriesChange[]; readonly broken: readonly BrokenCase[] };
}
