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
  /** Run structure and run-to-run noise per side (see DrawOptions); default 1 process, 1 round, none. */
  readonly processes?: number;
  readonly rounds?: number;
  readonly processSigma?: number;
  readonly roundSigma?: number;
  /** What the samples count (default ns). */
  readonly unit?: 'ns' | 'instructions';
  /** Compare's threshold for this scenario, when not the default. */
  readonly threshold?: number;
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
  const options = resolveCompareOptions({ ...(scenario.threshold !== undefined ? { threshold: scenario.threshold } : {}), ...overrides });
  const random = new SampleRandom(seed);
  const verdicts = { slower: 0, faster: 0, unchanged: 0, inconclusive: 0, 'too-few-samples': 0 };
  let significant = 0;
  let suitesFailed = 0;
  let covered = 0;
  for (let trial = 0; trial < scenario.trials; trial++) {
    const ids = Array.from({ length: scenario.cases }, (_, index) => `codec/synthetic/case-${index}/encode/1000`);
    const { model, samples: count, processes, rounds, processSigma, roundSigma } = scenario;
    const unit = scenario.unit ?? 'ns';
    const draw = (id: string, center: number) => ({ id, unit, ...drawSamples(random, { model, count, center, processes, rounds, processSigma, roundSigma }) });
    const centers = ids.map((_, index) => CENTERS[index % CENTERS.length] as number);
    const base = syntheticResult(ids.map((id, index) => draw(id, centers[index] as number)));
    const head = syntheticResult(ids.map((id, index) => draw(id, (centers[index] as number) * (1 + scenario.trueChange))));
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

/**
 * The scenarios of docs/compare.md: no change, real changes, sample sizes, and
 * run-to-run noise, with the codec suite's default structure (one process, 3
 * interleaved rounds) unless a scenario says otherwise.
 */
export function defaultScenarios(defaultSamples: number, trials: number): Scenario[] {
  const base = { cases: 50, trials, samples: defaultSamples, processes: 1, rounds: 3 };
  const { lognormal, outliers, bimodal } = NOISE_MODELS;
  const drift = { roundSigma: 0.02 };
  const processNoise = { processSigma: 0.02 };
  return [
    { ...base, name: 'no change, lognormal 3%', model: lognormal, trueChange: 0 },
    { ...base, name: 'no change, 3% outliers 1.5–3×', model: outliers, trueChange: 0 },
    { ...base, name: 'no change, bimodal 30% at 1.25×', model: bimodal, trueChange: 0 },
    { ...base, name: 'no change, lognormal 3%, 1 round', model: lognormal, trueChange: 0, samples: 10, rounds: 1 },
    { ...base, name: 'no change, lognormal 3%', model: lognormal, trueChange: 0, samples: 30 },
    { ...base, name: 'no change, 2% drift between rounds', model: lognormal, trueChange: 0, ...drift },
    { ...base, name: 'no change, 2% drift, 1 round (no structure)', model: lognormal, trueChange: 0, rounds: 1, ...drift },
    { ...base, name: 'no change, 2% process noise, 1 process', model: lognormal, trueChange: 0, ...processNoise },
    { ...base, name: 'no change, 2% process noise, 2 processes (CI)', model: lognormal, trueChange: 0, processes: 2, ...processNoise },
    { ...base, name: '2% slower, lognormal 3%', model: lognormal, trueChange: 0.02 },
    { ...base, name: '5% slower (at the threshold)', model: lognormal, trueChange: 0.05 },
    { ...base, name: '10% slower, lognormal 3%', model: lognormal, trueChange: 0.1 },
    { ...base, name: '10% slower, 3% outliers', model: outliers, trueChange: 0.1 },
    { ...base, name: '10% slower, bimodal', model: bimodal, trueChange: 0.1 },
    { ...base, name: '10% slower, lognormal 3%, 1 round', model: lognormal, trueChange: 0.1, samples: 10, rounds: 1 },
    { ...base, name: '10% slower, lognormal 3%', model: lognormal, trueChange: 0.1, samples: 30 },
    { ...base, name: '10% slower, lognormal 3%', model: lognormal, trueChange: 0.1, samples: 100 },
    { ...base, name: '10% slower, 2% drift between rounds', model: lognormal, trueChange: 0.1, ...drift },
    { ...base, name: '10% slower, 2% process noise, 2 processes (CI)', model: lognormal, trueChange: 0.1, processes: 2, ...processNoise },
  ];
}

/**
 * The noise of this project's machines (docs/reliability.md): a host switching
 * between two speed modes 1.5× apart every few seconds, rare 10× outliers, and
 * 3% between processes (JIT, heap layout, how much of a process fell in the
 * slow mode: the suite's processes' figures spread by 4–5% in all), measured as
 * `npm run bench` does by default (each case in `processes` fresh processes of
 * about 80 samples, one per cycle over every case); the CI workflow's wall-clock
 * sides have as many (2 bench processes × 2 rounds).
 */
export function machineScenarios(processes: number, trials: number): Scenario[] {
  const base = { cases: 50, trials, samples: processes * 80, processes, rounds: 1, processSigma: 0.03, model: NOISE_MODELS.modes };
  return [
    { ...base, name: 'time: no change, speed modes', trueChange: 0 },
    { ...base, name: 'time: 2% slower, speed modes', trueChange: 0.02 },
    { ...base, name: 'time: 5% slower, speed modes', trueChange: 0.05 },
    { ...base, name: 'time: 10% slower, speed modes', trueChange: 0.1 },
    { ...base, name: 'time: 20% slower, speed modes', trueChange: 0.2 },
  ];
}

/**
 * `--measure instructions`: `processes` Valgrind processes per side (the CI
 * gate counts in two), `phases` counted phases per case (0.03% apart), 0.1%
 * between processes, compared at a threshold of `threshold`.
 */
export function instructionScenarios(phases: number, processes: number, threshold: number, trials: number): Scenario[] {
  const base = { cases: 50, trials, samples: phases * processes, processes, rounds: 1, processSigma: 0.001, model: NOISE_MODELS.counts, unit: 'instructions' as const, threshold };
  return [
    { ...base, name: 'instructions: no change', trueChange: 0 },
    { ...base, name: 'instructions: 0.5% more', trueChange: 0.005 },
    { ...base, name: 'instructions: 1% more', trueChange: 0.01 },
    { ...base, name: 'instructions: 2% more', trueChange: 0.02 },
  ];
}

function percent(count: number, total: number): string {
  if (total === 0) return '—';
  if (count === 0 || count === total) return `${(100 * count) / total}%`;
  const share = count / total;
  if (share > 0.999) return '>99.9%';
  return `${(100 * share).toFixed(share < 0.01 ? 2 : 1)}%`;
}

/** The outcomes as a Markdown table (docs/compare.md). */
export function formatOutcomes(outcomes: readonly ScenarioOutcome[]): string {
  const rows = outcomes.map(({ scenario, cases, significant, verdicts, suitesFailed, covered }) => {
    const compared = cases - verdicts['too-few-samples'];
    const runs = `${scenario.processes ?? 1}×${scenario.rounds ?? 1}`;
    return `| ${scenario.name}${scenario.threshold !== undefined ? ` (threshold ${scenario.threshold * 100}%)` : ''} | ${scenario.trueChange === 0 ? '0' : `+${Number((scenario.trueChange * 100).toFixed(2))}%`} | ${scenario.samples} | ${runs} | ${cases} | ${percent(significant, compared)} | **${percent(verdicts.slower, cases)}** | ${percent(suitesFailed, scenario.trials)} | ${percent(verdicts.unchanged, cases)} | ${percent(verdicts.inconclusive, cases)} | ${percent(verdicts.faster, cases)} | ${percent(covered, compared)} |`;
  });
  return [
    '| scenario | true change | samples per side | processes × rounds | cases | p < alpha | fails (slower) | 50-case suites failed | ~ | ? | faster | interval covers truth |',
    '|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
    '',
  ].join('\n');
}
