import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CODEC_SUITE_DEFAULTS } from '../suite/options.js';
import type { LoadedResult } from '../results/read.js';
import { compareResults, hasRegression } from './compare.js';
import { resultLine } from './format.js';
import { runScenario } from './simulation.js';
import { asLoaded, drawSamples, drawValues, NOISE_MODELS, SampleRandom, syntheticResult, SYNTHETIC_ENV, type NoiseModel } from './synthetic.js';
import type { CaseComparison, Comparison } from './types.js';
import { verdictOf } from './verdict.js';

/** The codec suite's default sample count per case (fast cases reach it). */
const DEFAULT_SAMPLES = CODEC_SUITE_DEFAULTS.maxSamples;

function suite(random: SampleRandom, model: NoiseModel, count: number, change: number, cases = 50): { base: LoadedResult; head: LoadedResult } {
  const ids = Array.from({ length: cases }, (_, index) => `codec/synthetic/c${index}/encode/1000`);
  const centers = ids.map((_, index) => 1_000 * 3 ** (index % 7));
  // Like the codec suite by default: each case's samples from 3 interleaved rounds.
  const draw = (id: string, center: number) => ({ id, ...drawSamples(random, { model, count, center, rounds: 3 }) });
  const base = syntheticResult(ids.map((id, index) => draw(id, centers[index] as number)));
  const head = syntheticResult(ids.map((id, index) => draw(id, (centers[index] as number) * (1 + change))));
  return { base: asLoaded(base), head: asLoaded(head) };
}

function compare(pair: { base: LoadedResult; head: LoadedResult }, overrides = {}): Comparison {
  return compareResults({ label: 'base.json', result: pair.base }, { label: 'head.json', result: pair.head }, overrides);
}

test('two draws from the same distribution across 50 cases fail nothing (lognormal, outliers, bimodal)', () => {
  for (const [name, model] of Object.entries(NOISE_MODELS)) {
    for (const seed of [1, 2, 3]) {
      const comparison = compare(suite(new SampleRandom(seed), model, DEFAULT_SAMPLES, 0));
      assert.equal(hasRegression(comparison), false, `${name} seed ${seed}: ${comparison.summary.regressions.join(', ')}`);
      assert.equal(comparison.summary.slower + comparison.summary.faster, 0, name);
    }
  }
});

test('a 10% slowdown with 3% noise at the default sample count is caught in every case', () => {
  for (const seed of [4, 5]) {
    const comparison = compare(suite(new SampleRandom(seed), NOISE_MODELS.lognormal, DEFAULT_SAMPLES, 0.1));
    assert.equal(comparison.summary.slower, 50);
    assert.equal(hasRegression(comparison), true);
    for (const item of comparison.cases) {
      assert.equal(item.kind, 'compared');
      if (item.kind === 'compared') assert.ok(item.change.lower < 0.1 + 0.02 && item.change.upper > 0.1 - 0.02, `${item.change.lower}..${item.change.upper}`);
    }
  }
});

test('a real 2% change under the 5% threshold does not fail, and is reported as ~', () => {
  const comparison = compare(suite(new SampleRandom(6), NOISE_MODELS.lognormal, DEFAULT_SAMPLES, 0.02));
  assert.equal(hasRegression(comparison), false);
  assert.equal(comparison.summary.unchanged, 50);
  // The change itself is still measured and shown.
  const first = comparison.cases[0] as Extract<CaseComparison, { kind: 'compared' }>;
  assert.ok(first.p < 0.05 && first.change.estimate > 0.01 && first.change.estimate < 0.03);
});

test('the threshold and alpha are flags: a 2% change fails at threshold 1%, a 10% one passes at threshold 15%', () => {
  assert.equal(hasRegression(compare(suite(new SampleRandom(7), NOISE_MODELS.lognormal, DEFAULT_SAMPLES, 0.02, 5), { threshold: 0.01 })), true);
  assert.equal(hasRegression(compare(suite(new SampleRandom(8), NOISE_MODELS.lognormal, DEFAULT_SAMPLES, 0.1, 5), { threshold: 0.15 })), false);
  const strict = compare(suite(new SampleRandom(9), NOISE_MODELS.lognormal, 30, 0, 5), { alpha: 0.01 });
  assert.equal(strict.confidence, 0.99);
});

test('the Mann–Whitney p-value is calibrated: about alpha of no-change cases are significant', () => {
  const outcome = runScenario({ name: 'calibration', model: NOISE_MODELS.lognormal, trueChange: 0, samples: 20, cases: 50, trials: 20 }, 11);
  const rate = outcome.significant / outcome.cases;
  assert.ok(rate > 0.025 && rate < 0.085, `p < 0.05 in ${(rate * 100).toFixed(1)}% of 1000 no-change cases`);
  assert.equal(outcome.verdicts.slower, 0);
});

test('the change interval covers the true change about 95% of the time', () => {
  const outcome = runScenario({ name: 'coverage', model: NOISE_MODELS.bimodal, trueChange: 0.07, samples: 40, cases: 50, trials: 10 }, 12);
  const coverage = outcome.covered / outcome.cases;
  assert.ok(coverage > 0.9 && coverage < 0.99, `covered ${(coverage * 100).toFixed(1)}%`);
});

test('too few samples: said per case, never a failure, whatever the change', () => {
  const base = syntheticResult([{ id: 'codec/a/b/encode/1', samples: [100, 101, 102] }]);
  const head = syntheticResult([{ id: 'codec/a/b/encode/1', samples: [200, 201, 202] }]);
  const comparison = compare({ base: asLoaded(base), head: asLoaded(head) });
  const [item] = comparison.cases;
  assert.equal(item?.kind, 'too-few-samples');
  assert.match(item?.kind === 'too-few-samples' ? item.reason : '', /3 vs 3 samples cannot reach p < 0.05 \(needs about 4 per side\)/);
  assert.equal(hasRegression(comparison), false);
  assert.equal(comparison.summary.tooFewSamples, 1);
});

test('cases only in one file are added or removed; failed cases and unit mismatches are not compared', () => {
  const random = new SampleRandom(13);
  const draw = () => drawValues(random, { model: NOISE_MODELS.lognormal, count: 30, center: 1000 });
  const base = asLoaded(syntheticResult([{ id: 'only/base', samples: draw() }, { id: 'both/ok', samples: draw() }, { id: 'both/failed', samples: draw() }, { id: 'both/unit', samples: draw() }]));
  const headFile = syntheticResult([{ id: 'both/ok', samples: draw() }, { id: 'both/failed', samples: [] }, { id: 'both/unit', samples: draw() }, { id: 'only/head', samples: draw() }]);
  const head: LoadedResult = {
    ...asLoaded(headFile),
    cases: asLoaded(headFile).cases.map((item) =>
      item.id === 'both/failed' ? { ...item, status: 'failed', error: 'decode threw RangeError' } : item.id === 'both/unit' ? { ...item, unit: 'bytes' } : item,
    ),
  };
  const comparison = compare({ base, head });
  const kinds = Object.fromEntries(comparison.cases.map((item) => [item.id, item.kind]));
  assert.deepEqual(kinds, { 'only/base': 'removed', 'both/ok': 'compared', 'both/failed': 'not-comparable', 'both/unit': 'not-comparable', 'only/head': 'added' });
  const failed = comparison.cases.find((item) => item.id === 'both/failed');
  assert.equal(failed?.kind === 'not-comparable' && failed.reason, 'failed in head: decode threw RangeError');
  assert.deepEqual([comparison.summary.added, comparison.summary.removed, comparison.summary.notComparable], [1, 1, 2]);
  // A case that ran in base and fails in head is what the change broke: it fails the command.
  assert.deepEqual(comparison.summary.broken, ['both/failed']);
  assert.ok(comparison.summary.regressions.includes('both/failed'));
  assert.equal(hasRegression(comparison), true);
});

test('a case failing on both sides is not blamed on head; a new case that fails is', () => {
  const random = new SampleRandom(15);
  const draw = () => drawValues(random, { model: NOISE_MODELS.lognormal, count: 30, center: 1000 });
  const fail = (result: LoadedResult, ids: readonly string[]): LoadedResult => ({
    ...result,
    cases: result.cases.map((item) => (ids.includes(item.id) ? { ...item, samples: [], status: 'failed', error: 'gate failed' } : item)),
  });
  const base = fail(asLoaded(syntheticResult([{ id: 'old/failure', samples: draw() }, { id: 'ok', samples: draw() }])), ['old/failure']);
  const head = fail(asLoaded(syntheticResult([{ id: 'old/failure', samples: draw() }, { id: 'ok', samples: draw() }])), ['old/failure']);
  assert.deepEqual(compare({ base, head }).summary.broken, []);
  assert.equal(hasRegression(compare({ base, head })), false);
  const withNew = fail(asLoaded(syntheticResult([{ id: 'old/failure', samples: draw() }, { id: 'ok', samples: draw() }, { id: 'new/codec', samples: draw() }])), ['old/failure', 'new/codec']);
  const comparison = compare({ base, head: withNew });
  assert.deepEqual(comparison.summary.broken, ['new/codec']);
  assert.match(resultLine(comparison), /failed in head: new\/codec$/);
});

test('different environments and run options are warned about', () => {
  const pair = suite(new SampleRandom(14), NOISE_MODELS.lognormal, 20, 0, 2);
  const head: LoadedResult = { ...pair.head, meta: { ...pair.head.meta, env: { ...SYNTHETIC_ENV, cpuModel: 'Other CPU', cpuCount: 4 }, options: { synthetic: true, timeMs: 150 } } };
  const comparison = compare({ base: pair.base, head });
  assert.deepEqual(
    comparison.environmentDifferences.map((difference) => difference.field),
    ['cpuModel', 'cpuCount'],
  );
  assert.ok(comparison.warnings.some((warning) => warning.includes('different environments') && warning.includes('"Other CPU"')));
  assert.ok(comparison.warnings.some((warning) => warning.includes('run options differ (timeMs: (unset) → 150)')));
});

test('the geometric-mean row is the mean ratio across cases', () => {
  const samples = (scale: number) => Array.from({ length: 20 }, (_, i) => scale * (1 + i / 100));
  const base = asLoaded(syntheticResult([{ id: 'a', samples: samples(100) }, { id: 'b', samples: samples(10_000) }]));
  const head = asLoaded(syntheticResult([{ id: 'a', samples: samples(200) }, { id: 'b', samples: samples(5_000) }]));
  const mean = compare({ base, head }).summary.geometricMean;
  assert.ok(mean);
  assert.equal(mean.cases, 2);
  assert.ok(Math.abs(mean.change) < 1e-9, String(mean.change)); // 2× and 0.5× cancel out
  assert.ok(Math.abs(mean.base - 1000 * 1.095) < 1, String(mean.base));
});

test('verdicts: significant and beyond the threshold, within it, or inconclusive', () => {
  assert.equal(verdictOf({ estimate: 0.1, lower: 0.06, upper: 0.14 }, 0.001, 0.05, 0.05), 'slower');
  assert.equal(verdictOf({ estimate: -0.1, lower: -0.14, upper: -0.06 }, 0.001, 0.05, 0.05), 'faster');
  assert.equal(verdictOf({ estimate: 0.03, lower: 0.02, upper: 0.04 }, 0.001, 0.05, 0.05), 'unchanged');
  assert.equal(verdictOf({ estimate: 0.06, lower: 0.01, upper: 0.11 }, 0.01, 0.05, 0.05), 'inconclusive');
  assert.equal(verdictOf({ estimate: 0.01, lower: -0.08, upper: 0.1 }, 0.6, 0.05, 0.05), 'inconclusive');
  // The interval beyond the threshold but p not below alpha (ties, discreteness): never a failure.
  assert.equal(verdictOf({ estimate: 0.1, lower: 0.06, upper: 0.14 }, 0.05, 0.05, 0.05), 'inconclusive');
});

test('run-to-run noise: rounds that disagree widen the interval, so drift in some rounds cannot fail a build', () => {
  const random = new SampleRandom(15);
  const round = (center: number) => drawValues(random, { model: NOISE_MODELS.lognormal, count: 100, center });
  // Same code; two of the head's three rounds ran on a busier machine (+15%).
  const baseSamples = [...round(1000), ...round(1000), ...round(1000)];
  const headSamples = [...round(1150), ...round(1150), ...round(1000)];
  const withRounds = compare({
    base: asLoaded(syntheticResult([{ id: 'a', samples: baseSamples, roundSizes: [100, 100, 100] }])),
    head: asLoaded(syntheticResult([{ id: 'a', samples: headSamples, roundSizes: [100, 100, 100] }])),
  });
  const item = withRounds.cases[0];
  assert.equal(item?.kind === 'compared' && item.verdict, 'inconclusive');
  assert.equal(item?.kind === 'compared' && item.runs?.baseRuns, 3);
  assert.equal(hasRegression(withRounds), false);
  assert.equal(withRounds.warnings.some((warning) => warning.includes('single run')), false);
  // The same samples without their round structure look like a clean regression: what rounds are for.
  const pooled = compare({ base: asLoaded(syntheticResult([{ id: 'a', samples: baseSamples }])), head: asLoaded(syntheticResult([{ id: 'a', samples: headSamples }])) });
  assert.equal(hasRegression(pooled), true);
  assert.ok(pooled.warnings.some((warning) => warning.startsWith('1 case comes from a single run on both sides')));
});

test('with consistent rounds a real 10% slowdown is still caught, and drift between rounds in both files fails nothing', () => {
  const draw = (random: SampleRandom, id: string, center: number, roundSigma: number) => ({ id, ...drawSamples(random, { model: NOISE_MODELS.lognormal, count: DEFAULT_SAMPLES, center, rounds: 3, roundSigma }) });
  const ids = Array.from({ length: 50 }, (_, index) => `c${index}`);
  const random = new SampleRandom(16);
  const slower = compare({
    base: asLoaded(syntheticResult(ids.map((id) => draw(random, id, 5000, 0.005)))),
    head: asLoaded(syntheticResult(ids.map((id) => draw(random, id, 5500, 0.005)))),
  });
  assert.equal(slower.summary.slower, 50);
  for (const seed of [17, 18]) {
    const same = compare({
      base: asLoaded(syntheticResult(ids.map((id) => draw(new SampleRandom(seed), id, 5000, 0.02)))),
      head: asLoaded(syntheticResult(ids.map((id) => draw(new SampleRandom(seed + 100), id, 5000, 0.02)))),
    });
    assert.equal(hasRegression(same), false);
    assert.equal(same.summary.slower + same.summary.faster, 0);
  }
});

test('instruction counts made beside other cases in head than in base are not compared, and fail nothing', () => {
  const random = new SampleRandom(17);
  const draw = () => drawValues(random, { model: NOISE_MODELS.lognormal, count: 9, center: 1e6 });
  const side = (makeUps: Record<string, string | undefined>, scale: number): LoadedResult => {
    const loaded = asLoaded(syntheticResult(Object.keys(makeUps).map((id) => ({ id, samples: draw().map((v) => v * scale) }))));
    return {
      ...loaded,
      cases: loaded.cases.map((item) => {
        const made = makeUps[item.id];
        return { ...item, unit: 'instructions', extra: { ...(item.extra as object), ...(made ? { processCases: made } : {}) } };
      }),
    };
  };
  const base = side({ moved: 'aaaa0001', stayed: 'aaaa0002', unrecorded: undefined }, 1);
  const head = side({ moved: 'bbbb0001', stayed: 'aaaa0002', unrecorded: 'bbbb0003' }, 1.3);
  const comparison = compare({ base, head });
  const byId = Object.fromEntries(comparison.cases.map((item) => [item.id, item]));
  assert.equal(byId.moved?.kind, 'not-comparable');
  assert.match(byId.moved?.kind === 'not-comparable' ? byId.moved.reason : '', /counted beside other cases in head than in base/);
  // The same make-up on both sides, or a side that does not say: compared as before (30% slower).
  assert.equal(byId.stayed?.kind === 'compared' && byId.stayed.verdict, 'slower');
  assert.equal(byId.unrecorded?.kind, 'compared');
  assert.equal(comparison.summary.regressions.includes('moved'), false);
});
