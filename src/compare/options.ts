/** Every default of `npm run compare` in one place. */

export const COMPARE_FORMATS = ['terminal', 'markdown', 'json'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

export interface CompareOptions {
  /**
   * Significance level of the Mann–Whitney test. The confidence intervals are at
   * 1 − alpha, so that "p < alpha" and "the interval excludes no change" agree.
   */
  readonly alpha: number;
  /**
   * Noise threshold as a fraction (0.05 = 5%): a change counts as faster or
   * slower only when its whole confidence interval lies beyond it. It stands for
   * the run-to-run noise that samples from one run cannot show (a different
   * process, JIT decisions, heap layout, a neighbour on the CI runner).
   */
  readonly threshold: number;
}

export const COMPARE_DEFAULTS: CompareOptions = Object.freeze({ alpha: 0.05, threshold: 0.05 });

export const DEFAULT_COMPARE_FORMAT: CompareFormat = 'terminal';

/** Run options that differ between any two runs and say nothing about the measurement. */
export const IGNORED_OPTION_KEYS: readonly string[] = ['out', 'shard', 'merged'];

export function resolveCompareOptions(overrides: Partial<CompareOptions> = {}): CompareOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<CompareOptions>;
  const options = { ...COMPARE_DEFAULTS, ...defined };
  if (!(options.alpha > 0 && options.alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, got ${options.alpha}`);
  if (!(options.threshold >= 0 && Number.isFinite(options.threshold))) throw new RangeError(`threshold must be 0 or more, got ${options.threshold}`);
  return Object.freeze(options);
}
