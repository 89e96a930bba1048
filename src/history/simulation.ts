import { createHash } from 'node:crypto';
import { drawSamples, NOISE_MODELS, SampleRandom, SYNTHETIC_ENV, type NoiseModel } from '../compare/synthetic.js';
import type { LoadedResult } from '../results/read.js';
import { RESULT_SCHEMA } from '../results/types.js';
import { analyseHistory } from './analyse.js';
import type { HistoryInput } from './commits.js';
import type { HistoryOptions } from './options.js';
import type { SeriesChange } from './types.js';

/**
 * What `npm run history` does with histories whose truth is known: seeded
 * series of commits with run-to-run noise, outlier runs and two-mode machines,
 * with no change, a step, or a creep, through the whole path (result files →
 * commits → series → change points). The same seed gives the same table.
 */

/** The true course of a series: flat, one step, or a creep of equal steps. */
export type TrueChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'step'; readonly size: number; readonly from: number; readonly to: number }
  | { readonly kind: 'creep'; readonly perCommit: number; readonly commits: number; readonly from: number; readonly to: number };

export interface HistoryScenario {
  readonly name: string;
  /** Run-to-run noise: each commit's run gets a lognormal factor of this sigma (0.02 ≈ 2%). */
  readonly sigma: number;
  /** Noise of the samples within a run (compare's models: lognormal, outliers, bimodal). */
  readonly samples: NoiseModel;
  /** Share of commits whose whole run is 1.2–1.6× slower (a busy runner). */
  readonly outlierRuns?: number;
  /** Two-mode machines: this share of runs is `gap` times slower (issue #13's speed modes). */
  readonly slowMode?: { readonly share: number; readonly gap: number };
  readonly change: TrueChange;
  /** Runs (processes of 3 rounds) pooled into each commit's figure; default 2, as the CI workflow runs. */
  readonly runsPerCommit?: number;
}

export interface SimulationSettings {
  readonly commits: number;
  /** Series (cases) per simulated history. */
  readonly cases: number;
  readonly trials: number;
  /** Samples per case and run (3 rounds). */
  readonly samplesPerRun: number;
}

export const DEFAULT_SIMULATION: SimulationSettings = Object.freeze({ commits: 60, cases: 50, trials: 20, samplesPerRun: 30 });

export interface ScenarioOutcome {
  readonly scenario: HistoryScenario;
  readonly series: number;
  /** Series with the true change found: a change point (not `~`) in its direction, within ±1 commit of a step or overlapping a creep. */
  readonly found: number;
  /** Series where the least-squares split, told that there is exactly one step, lands within ±1 commit: the best any detector can locate it. */
  readonly oracle: number;
  /** Series whose true change was reported as `~` (smaller than the threshold). */
  readonly small: number;
  /** Change points (not `~`) more than 3 commits away from the true change (any, when nothing changed). */
  readonly falseChangePoints: number;
  /** The largest |change| reported (change points and `~`) at the true change. */
  readonly largestReported: number;
  /** Series reported as noisy (a threshold-sized change could hide). */
  readonly noisy: number;
}

const CENTERS = [2_000, 35_000, 400_000, 6_000_000, 90_000_000];

function trueFactor(change: TrueChange, commit: number, start: number): number {
  if (change.kind === 'step') return commit >= start ? 1 + change.size : 1;
  if (change.kind === 'creep') return (1 + change.perCommit) ** Math.max(0, Math.min(change.commits, commit - start + 1));
  return 1;
}

/** `settings.commits` result files (one per commit) of `settings.cases` cases, each with a true course of `scenario.change` starting at `starts[case]`. */
export function syntheticHistory(scenario: HistoryScenario, settings: SimulationSettings, random: SampleRandom, starts: readonly number[]): HistoryInput[] {
  const ids = Array.from({ length: settings.cases }, (_, index) => `codec/synthetic/case-${index}/encode/1000`);
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  return Array.from({ length: settings.commits }, (_, commit): HistoryInput => {
    const cases = ids.map((id, index) => {
      let center = (CENTERS[index % CENTERS.length] as number) * trueFactor(scenario.change, commit, starts[index] as number);
      if (scenario.outlierRuns && random.uniform() < scenario.outlierRuns) center *= 1.2 + 0.4 * random.uniform();
      if (scenario.slowMode && random.uniform() < scenario.slowMode.share) center *= scenario.slowMode.gap;
      const runs = scenario.runsPerCommit ?? 2;
      const drawn = drawSamples(random, { model: scenario.samples, count: settings.samplesPerRun * runs, center, processes: runs, rounds: 3, processSigma: scenario.sigma });
      return { id, unit: 'ns', status: 'ok' as const, samples: drawn.samples, extra: { roundSizes: drawn.roundSizes } };
    });
    const sha = createHash('sha1').update(`commit ${commit}`).digest('hex');
    const result: LoadedResult = {
      schema: RESULT_SCHEMA,
      complete: true,
      meta: { createdAt: new Date(t0 + commit * 3_600_000 + 60_000).toISOString(), git: { sha, dirty: false, commitTime: new Date(t0 + commit * 3_600_000).toISOString() }, env: SYNTHETIC_ENV, options: {} },
      cases,
    };
    return { label: `commit-${commit}.json`, result };
  });
}

/** Whether a reported change is the true one of its series, within `slack` commits. */
function atTruth(change: SeriesChange, truth: TrueChange, start: number, slack = 1): boolean {
  if (truth.kind === 'none') return false;
  const first = change.commitIndex;
  const last = change.lastCommitIndex ?? first;
  const end = truth.kind === 'step' ? start : start + truth.commits - 1;
  return first <= end + slack && last >= start - slack;
}

/** The least-squares position of a single step (the maximum likelihood one under normal noise). */
function leastSquaresSplit(values: readonly number[]): number {
  const total = values.reduce((sum, value) => sum + value, 0);
  let left = 0;
  let best = -1;
  let at = 0;
  for (let k = 1; k < values.length; k++) {
    left += values[k - 1] as number;
    const score = ((left / k - (total - left) / (values.length - k)) ** 2 * k * (values.length - k)) / values.length;
    if (score > best) [best, at] = [score, k];
  }
  return at;
}

export function runHistoryScenario(scenario: HistoryScenario, seed: number, settings: SimulationSettings = DEFAULT_SIMULATION, options: Partial<HistoryOptions> = {}): ScenarioOutcome {
  const random = new SampleRandom(seed);
  let found = 0;
  let oracle = 0;
  let small = 0;
  let falseChangePoints = 0;
  let largestReported = 0;
  let noisy = 0;
  for (let trial = 0; trial < settings.trials; trial++) {
    const { change } = scenario;
    const starts = Array.from({ length: settings.cases }, () => (change.kind === 'none' ? 0 : change.from + Math.floor(random.uniform() * (change.to - change.from + 1))));
    const history = analyseHistory(syntheticHistory(scenario, settings, random, starts), { ...options, seed: seed + trial });
    const caseIndex = (id: string) => Number(id.split('/')[2]?.replace('case-', ''));
    const foundIn = new Set<number>();
    const smallIn = new Set<number>();
    for (const item of history.changePoints) {
      const index = caseIndex(item.case);
      const start = starts[index] as number;
      const direction = change.kind === 'none' || (change.kind === 'step' ? change.size : change.perCommit) > 0 ? 'regression' : 'improvement';
      if (atTruth(item, change, start) && item.kind === direction) {
        foundIn.add(index);
        largestReported = Math.max(largestReported, Math.abs(item.change));
      } else if (!atTruth(item, change, start, 3)) falseChangePoints++;
    }
    for (const item of history.smallChanges) {
      const index = caseIndex(item.case);
      if (atTruth(item, change, starts[index] as number)) {
        smallIn.add(index);
        largestReported = Math.max(largestReported, Math.abs(item.change));
      }
    }
    found += foundIn.size;
    if (change.kind === 'step') {
      for (const series of history.series) {
        const logs = series.points.flatMap((point) => (point.kind === 'measured' ? [Math.log(point.value)] : []));
        if (Math.abs(leastSquaresSplit(logs) - (starts[caseIndex(series.case)] as number)) <= 1) oracle++;
      }
    }
    small += [...smallIn].filter((index) => !foundIn.has(index)).length;
    noisy += history.series.filter((s) => s.noisy).length;
  }
  return { scenario, series: settings.trials * settings.cases, found, oracle, small, falseChangePoints, largestReported, noisy };
}

/** The must-hold scenarios of issue #15 and a few that show the limits, 60 commits each. */
export function defaultHistoryScenarios(commits = DEFAULT_SIMULATION.commits): HistoryScenario[] {
  const { lognormal, outliers, bimodal } = NOISE_MODELS;
  const quiet = { ...lognormal, sigma: 0.01 };
  const middle = { from: 10, to: commits - 10 };
  return [
    { name: 'no change, 1% noise', sigma: 0.01, samples: quiet, change: { kind: 'none' } },
    { name: 'no change, 3% noise', sigma: 0.03, samples: lognormal, change: { kind: 'none' } },
    { name: 'no change, 3% noise, outlier samples and 2% outlier runs', sigma: 0.03, samples: outliers, outlierRuns: 0.02, change: { kind: 'none' } },
    { name: 'no change, 1% noise, bimodal samples', sigma: 0.01, samples: bimodal, change: { kind: 'none' } },
    { name: 'no change, 1% noise, two-mode machine (20% of runs 1.15× slower)', sigma: 0.01, samples: quiet, slowMode: { share: 0.2, gap: 1.15 }, change: { kind: 'none' } },
    { name: '5% step, 2% noise', sigma: 0.02, samples: quiet, change: { kind: 'step', size: 0.05, ...middle } },
    { name: '5% step, 2% noise, outliers', sigma: 0.02, samples: outliers, outlierRuns: 0.02, change: { kind: 'step', size: 0.05, ...middle } },
    { name: '10% step, 3% noise', sigma: 0.03, samples: lognormal, change: { kind: 'step', size: 0.1, ...middle } },
    { name: '10% step, 3% noise, bimodal samples', sigma: 0.03, samples: bimodal, change: { kind: 'step', size: 0.1, ...middle } },
    { name: '−10% step (an improvement), 3% noise', sigma: 0.03, samples: lognormal, change: { kind: 'step', size: -0.1, ...middle } },
    { name: 'creep +0.5% per commit over 10 commits, 1% noise', sigma: 0.01, samples: quiet, change: { kind: 'creep', perCommit: 0.005, commits: 10, from: 10, to: commits - 20 } },
    { name: 'creep +0.5% per commit over 10 commits, 2% noise', sigma: 0.02, samples: quiet, change: { kind: 'creep', perCommit: 0.005, commits: 10, from: 10, to: commits - 20 } },
    { name: '2% step, 1% noise', sigma: 0.01, samples: quiet, change: { kind: 'step', size: 0.02, ...middle } },
    { name: '2% step, 2% noise', sigma: 0.02, samples: quiet, change: { kind: 'step', size: 0.02, ...middle } },
    { name: '2% step, 3% noise', sigma: 0.03, samples: lognormal, change: { kind: 'step', size: 0.02, ...middle } },
    { name: '10% step in the last 5 commits, 3% noise', sigma: 0.03, samples: lognormal, change: { kind: 'step', size: 0.1, from: commits - 5, to: commits - 1 } },
    { name: 'one run per commit: no change, 3% noise', sigma: 0.03, samples: lognormal, runsPerCommit: 1, change: { kind: 'none' } },
    { name: 'one run per commit: 5% step, 2% noise', sigma: 0.02, samples: quiet, runsPerCommit: 1, change: { kind: 'step', size: 0.05, ...middle } },
    { name: 'one run per commit: 10% step, 3% noise', sigma: 0.03, samples: lognormal, runsPerCommit: 1, change: { kind: 'step', size: 0.1, ...middle } },
    { name: 'one run per commit: creep +0.5% per commit over 10 commits, 1% noise', sigma: 0.01, samples: quiet, runsPerCommit: 1, change: { kind: 'creep', perCommit: 0.005, commits: 10, from: 10, to: commits - 20 } },
    { name: 'one run per commit: 2% step, 2% noise', sigma: 0.02, samples: quiet, runsPerCommit: 1, change: { kind: 'step', size: 0.02, ...middle } },
  ];
}

function percent(count: number, total: number): string {
  if (total === 0) return '—';
  const share = count / total;
  if (count === 0 || count === total) return `${100 * share}%`;
  if (share > 0.999) return '>99.9%';
  return `${(100 * share).toFixed(share < 0.01 ? 2 : 1)}%`;
}

/** The outcomes as a Markdown table (docs/history.md). */
export function formatHistoryOutcomes(outcomes: readonly ScenarioOutcome[]): string {
  const rows = outcomes.map(({ scenario, series, found, oracle, small, falseChangePoints, largestReported, noisy }) => {
    const changes = scenario.change.kind !== 'none';
    const step = scenario.change.kind === 'step';
    return `| ${scenario.name} | ${series} | ${changes ? `**${percent(found, series)}**` : '—'} | ${step ? percent(oracle, series) : '—'} | ${changes ? percent(small, series) : '—'} | **${((100 * falseChangePoints) / series).toFixed(2)}** | ${changes ? `${(100 * largestReported).toFixed(1)}%` : '—'} | ${percent(noisy, series)} |`;
  });
  return [
    '| scenario | series | found (±1 commit) | best possible (±1) | reported as ~ | false change points per 100 series | largest change reported | noisy |',
    '|:--|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
    '',
  ].join('\n');
}
