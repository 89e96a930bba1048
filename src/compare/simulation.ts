import { compareResults } from './compare.js';
import type { CompareOptions } from './options.js';
import { resolveCompareOptions } from './options.js';
import { asLoaded, drawSamples, NOISE_MODELS, SampleRandom, syntheticResult, type NoiseModel } from './synthetic.js';
import type { Verdict } from './types.js';

/**
 * Measures what `compare` does on synthetic samples whose truth is known: how
 * often it fails a build when nothing changed (false alarms), how often it
 * catches a real slowdown (detection), and how often its interval contains the
 * true change (coverage). Seeded: the same seed gives the same figures.
 */

export interface Scenario {
  readonly name: string;
  readonly model: NoiseModel;
  /** True change of head against base as a fraction (0.1 = 10% slower). */
  readonly trueChange: number;
  /** Samples per case and side. */
  readonly samples: number;
  /** Cases per comparison (a suite). */
  readonly cases: number;
  /** How many comparisons to simulate. */
  readonly trials: number;
  /** Run-to-run noise: samples from this many rounds, each with its own factor (see drawSamples). */
  readonly rounds?: number;
  readonly roundSigma?: number;
}

export interface ScenarioOutcome {
  readonly scenario: Scenario;
  readonly cases: number;
  /** Cases with p < alpha. */
  readonly significant: number;
  readonly verdicts: Readonly<Record<Verdict | 'too-few-samples', number>>;
  /** Comparisons (suites) in which at least one case failed the command. */
  readonly suitesFailed: number;
  /** Cases whose interval contains the true change. */
  readonly covered: number;
}

const CENTERS = [2_000, 35_000, 400_000, 6_000_000, 90_000_000];

export function runScenario(scenario: Scenario, seed: number, overrides: Partial<CompareOptions> = {}): ScenarioOutcome {
  const options = resolveCompareOptions(overrides);
  const random = new SampleRandom(seed);
  const verdicts = { slower: 0, faster: 0, unchanged: 0, inconclusive: 0, 'too-few-samples': 0 };
  let significant = 0;
  let suitesFailed = 0;
  let covered = 0;
  for (let trial = 0; trial < scenario.trials; trial++) {
    const ids = Array.from({ length: scenario.cases }, (_, index) => `codec/synthetic/case-${index}/encode/1000`);
    const draw = (center: number) =>
      drawSamples(random, { model: scenario.model, count: scenario.samples, center, rounds: scenario.rounds ?? 1, roundSigma: scenario.roundSigma ?? 0 });
    const centers = ids.map((_, index) => CENTERS[index % CENTERS.length] as number);
    const base = syntheticResult(ids.map((id, index) => ({ id, samples: draw(centers[index] as number) })));
    const head = syntheticResult(ids.map((id, index) => ({ id, samples: draw((centers[index] as number) * (1 + scenario.trueChange)) })));
    const comparison = compareResults({ label: 'base', result: asLoaded(base) }, { label: 'head', result: asLoaded(head) }, options);
    if (comparison.summary.regressions.length > 0) suitesFailed++;
    for (const item of comparison.cases) {
      if (item.kind === 'too-few-samples') verdicts['too-few-samples']++;
      if (item.kind !== 'compared') continue;
      verdicts[item.verdict]++;
      if (item.p < options.alpha) significant++;
      if (item.change.lower <= scenario.trueChange && scenario.trueChange <= item.change.upper) covered++;
    }
  }
  return { scenario, cases: scenario.trials * scenario.cases, significant, verdicts, suitesFailed, covered };
}

/** The scenarios of docs/compare.md: no change, real changes, sample sizes, run-to-run noise. */
export function defaultScenarios(defaultSamples: number, trials: number): Scenario[] {
  const suite = { cases: 50, trials };
  const { lognormal, outliers, bimodal } = NOISE_MODELS;
  return [
    { name: 'same distribution, lognormal 3%', model: lognormal, trueChange: 0, samples: defaultSamples, ...suite },
    { name: 'same distribution, 3% outliers 1.5–3×', model: outliers, trueChange: 0, samples: defaultSamples, ...suite },
    { name: 'same distribution, bimodal 30% at 1.25×', model: bimodal, trueChange: 0, samples: defaultSamples, ...suite },
    { name: 'same distribution, lognormal 3%', model: lognormal, trueChange: 0, samples: 10, ...suite },
    { name: 'same distribution, lognormal 3%', model: lognormal, trueChange: 0, samples: 30, ...suite },
    { name: 'same code, run-to-run noise 2% per round, 3 rounds', model: lognormal, trueChange: 0, samples: defaultSamples, rounds: 3, roundSigma: 0.02, ...suite },
    { name: 'same code, run-to-run noise 2%, 1 round', model: lognormal, trueChange: 0, samples: defaultSamples, rounds: 1, roundSigma: 0.02, ...suite },
    { name: '2% slower, lognormal 3%', model: lognormal, trueChange: 0.02, samples: defaultSamples, ...suite },
    { name: '5% slower (at the threshold), lognormal 3%', model: lognormal, trueChange: 0.05, samples: defaultSamples, ...suite },
    { name: '10% slower, lognormal 3%', model: lognormal, trueChange: 0.1, samples: defaultSamples, ...suite },
    { name: '10% slower, 3% outliers', model: outliers, trueChange: 0.1, samples: defaultSamples, ...suite },
    { name: '10% slower, bimodal', model: bimodal, trueChange: 0.1, samples: defaultSamples, ...suite },
    { name: '10% slower, lognormal 3%', model: lognormal, trueChange: 0.1, samples: 10, ...suite },
    { name: '10% slower, lognormal 3%', model: lognormal, trueChange: 0.1, samples: 30, ...suite },
    { name: '10% slower, lognormal 3%', model: lognormal, trueChange: 0.1, samples: 100, ...suite },
    { name: '10% slower, run-to-run noise 2% per round, 3 rounds', model: lognormal, trueChange: 0.1, samples: defaultSamples, rounds: 3, roundSigma: 0.02, ...suite },
  ];
}

function percent(count: number, total: number): string {
  return total === 0 ? '—' : `${((100 * count) / total).toFixed(count === 0 || count === total ? 0 : count / total < 0.01 ? 2 : 1)}%`;
}

/** The outcomes as a Markdown table (docs/compare.md). */
export function formatOutcomes(outcomes: readonly ScenarioOutcome[]): string {
  const rows = outcomes.map(({ scenario, cases, significant, verdicts, suitesFailed, covered }) => {
    const compared = cases - verdicts['too-few-samples'];
    return `| ${scenario.name} | ${scenario.trueChange === 0 ? '0' : `+${scenario.trueChange * 100}%`} | ${scenario.samples} | ${cases} | ${percent(significant, compared)} | **${percent(verdicts.slower, cases)}** | ${percent(suitesFailed, scenario.trials)} | ${percent(verdicts.unchanged, cases)} | ${percent(verdicts.inconclusive, cases)} | ${percent(verdicts.faster, cases)} | ${percent(covered, compared)} |`;
  });
  return [
    '| scenario | true change | samples per side | cases | p < alpha | fails (slower) | 50-case suites failed | ~ | ? | faster | interval covers truth |',
    '|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
    '',
  ].join('\n');
}
