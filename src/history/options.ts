import { COMPARE_DEFAULTS } from '../compare/options.js';
import { POINT_ESTIMATORS, type PointEstimatorName } from './estimator.js';

/** Every default of `npm run history` in one place (help text and docs read them from here). */

export const HISTORY_FORMATS = ['terminal', 'markdown', 'json', 'html'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];
export const DEFAULT_HISTORY_FORMAT: HistoryFormat = 'terminal';

/** `group`: one series per machine (CPU model, cores, platform, arch); `pool`: machines share a series. */
export const MACHINE_MODES = ['group', 'pool'] as const;
export type MachineMode = (typeof MACHINE_MODES)[number];

export interface HistoryOptions {
  /**
   * Smallest change that matters, as a fraction (0.05 = 5%), as in compare: a
   * change point whose interval lies within ±threshold is reported as `~`.
   */
  readonly threshold: number;
  /** Per-unit thresholds (e.g. `instructions`: 0.01), overriding `threshold` for that unit. */
  readonly unitThresholds: Readonly<Record<string, number>>;
  /** Intervals (of each point and of each change) are at 1 − alpha, as in compare. */
  readonly alpha: number;
  /** Largest permutation p-value at which E-Divisive accepts a change point. */
  readonly significance: number;
  /** Shuffles per permutation test; the smallest p is 1 / (permutations + 1). */
  readonly permutations: number;
  /** Fewest commits on each side of a change point: a change shows once this many commits carry it. */
  readonly minSegment: number;
  /** `--fail-on-regression` counts change points among the newest `since` commits. */
  readonly since: number;
  /**
   * Isolated spikes (a run on a busy machine) are left out of the change point
   * search when they are at most this share of a series' commits; more, and the
   * series is two-mode noise that every commit must speak for.
   */
  readonly outlierShare: number;
  /** A small step this close (in commits) to a change in the same direction is part of it (a creep). */
  readonly gradualWindow: number;
  /** Commits on each side used to say how large a change a series' noise can hide. */
  readonly noiseWindow: number;
  /** How a commit's pooled samples become one figure (estimator.ts). */
  readonly estimator: PointEstimatorName;
  readonly machines: MachineMode;
  /** Only result files of this branch (meta.git.branch); null for all. */
  readonly branch: string | null;
  /** Seeds the permutation shuffles: the same history gives the same answer. */
  readonly seed: number;
}

export const HISTORY_DEFAULTS: HistoryOptions = Object.freeze({
  threshold: COMPARE_DEFAULTS.threshold,
  unitThresholds: Object.freeze({}),
  alpha: COMPARE_DEFAULTS.alpha,
  significance: 0.005,
  permutations: 399,
  minSegment: 3,
  since: 10,
  noiseWindow: 10,
  gradualWindow: 10,
  outlierShare: 0.05,
  estimator: 'median',
  machines: 'group',
  branch: null,
  seed: 1,
});

export function resolveHistoryOptions(overrides: Partial<HistoryOptions> = {}): HistoryOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<HistoryOptions>;
  const options = { ...HISTORY_DEFAULTS, ...defined };
  const fraction = (name: string, value: number, low: number, high: number) => {
    if (!(value > low && value < high)) throw new RangeError(`${name} must be between ${low} and ${high}, got ${value}`);
  };
  fraction('alpha', options.alpha, 0, 1);
  fraction('significance', options.significance, 0, 1);
  if (options.significance * (options.permutations + 1) < 1) {
    throw new RangeError(`significance ${options.significance} needs at least ${Math.ceil(1 / options.significance) - 1} permutations (the smallest p of ${options.permutations} is ${(1 / (options.permutations + 1)).toPrecision(2)})`);
  }
  if (!(options.outlierShare >= 0 && options.outlierShare < 1)) throw new RangeError(`outlierShare must be from 0 to below 1, got ${options.outlierShare}`);
  for (const [unit, value] of Object.entries({ '': options.threshold, ...options.unitThresholds })) {
    if (!(value >= 0 && Number.isFinite(value))) throw new RangeError(`threshold${unit ? ` for ${unit}` : ''} must be 0 or more, got ${value}`);
  }
  for (const [name, value, min] of [['permutations', options.permutations, 1], ['minSegment', options.minSegment, 1], ['since', options.since, 1], ['noiseWindow', options.noiseWindow, 1], ['gradualWindow', options.gradualWindow, 0]] as const) {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be a whole number of at least ${min}, got ${value}`);
  }
  if (!(options.estimator in POINT_ESTIMATORS)) throw new RangeError(`unknown estimator ${options.estimator}; valid: ${Object.keys(POINT_ESTIMATORS).join(', ')}`);
  return Object.freeze({ ...options, unitThresholds: Object.freeze({ ...options.unitThresholds }) });
}

/** The threshold that applies to a series of this unit. */
export function thresholdFor(options: HistoryOptions, unit: string): number {
  return options.unitThresholds[unit] ?? options.threshold;
}
