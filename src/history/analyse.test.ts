import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseHistory, hasHistoryRegression } from './analyse.js';
import { POINT_ESTIMATORS } from './estimator.js';
import { commitFile, shaOf, steadyHistory } from './testing.js';
import { medianInterval } from '../stats/median-interval.js';
import { quantileSorted } from '../stats/summary.js';

const JSON_CASE = 'codec/log/json/encode/1000';
const SLOW_CASE = 'codec/log/slow/encode/1000';

describe('commits and series', () => {
  test('files are ordered by commit time, pooled per commit, and a run without commit time is placed by when it ran', () => {
    const inputs = [
      commitFile({ commit: 2, cases: { [JSON_CASE]: 100 } }),
      commitFile({ commit: 0, cases: { [JSON_CASE]: 100 }, noCommitTime: true }),
      commitFile({ commit: 1, cases: { [JSON_CASE]: 100 } }),
      commitFile({ commit: 1, cases: { [JSON_CASE]: 100 }, label: 'results/001-again.json' }),
    ];
    const history = analyseHistory(inputs);
    assert.deepEqual(history.commits.map((c) => c.sha), [shaOf(0), shaOf(1), shaOf(2)]);
    assert.deepEqual(history.commits.map((c) => c.timeSource), ['run', 'commit', 'commit']);
    assert.deepEqual(history.commits[1]?.files, ['results/001.json', 'results/001-again.json']);
    const point = history.series[0]?.points[1];
    assert.ok(point?.kind === 'measured' && point.n === 60 && point.runs === 12, 'two files of one commit pool their samples and runs');
    assert.match(history.warnings.join('\n'), /placed by when they ran/);
  });

  test('a run with uncommitted changes is its own point; a case in two units gives two series, never mixed', () => {
    const inputs = [
      commitFile({ commit: 0, cases: { [JSON_CASE]: 100 } }),
      commitFile({ commit: 0, cases: { [JSON_CASE]: 100 }, dirty: true, label: 'dirty.json' }),
      commitFile({ commit: 0, cases: { [JSON_CASE]: 5e6 }, unit: 'instructions', label: 'instructions.json' }),
    ];
    const history = analyseHistory(inputs);
    assert.deepEqual(history.commits.map((c) => c.label), [shaOf(0), `${shaOf(0)}+dirty`]);
    assert.deepEqual(history.series.map((s) => `${s.case} ${s.unit} ${s.points.length}`), [`${JSON_CASE} instructions 1`, `${JSON_CASE} ns 2`]);
  });

  test('machines get their own series (with a warning) unless pooled; a Node upgrade stays in the series', () => {
    const other = { cpuModel: 'Other CPU', cpuCount: 4 };
    const inputs = [commitFile({ commit: 0, cases: { [JSON_CASE]: 100 } }), commitFile({ commit: 1, cases: { [JSON_CASE]: 100 }, env: other }), commitFile({ commit: 2, cases: { [JSON_CASE]: 100 }, env: { node: 'v22.0.0' } })];
    const grouped = analyseHistory(inputs);
    assert.equal(grouped.series.length, 2);
    assert.ok(grouped.series.every((s) => s.machine !== null));
    assert.match(grouped.warnings.join('\n'), /2 machines.*own series/);
    assert.match(grouped.warnings.join('\n'), /2 Node versions/);
    assert.equal(analyseHistory(inputs, { machines: 'pool' }).series.length, 1);
  });

  test('a change point at a Node upgrade says so', () => {
    const inputs = Array.from({ length: 24 }, (_, commit) => commitFile({ commit, cases: { [JSON_CASE]: commit >= 12 ? 1.3e6 : 1e6 }, env: { node: commit >= 12 ? 'v22.0.0' : 'v20.0.0' } }));
    const [change] = analyseHistory(inputs).changePoints;
    assert.equal(change?.commit, shaOf(12));
    assert.equal(change?.environmentChange, 'node v20.0.0 → v22.0.0');
  });

  test('the median estimator gives the median of the pooled samples and its distribution-free interval (at least)', () => {
    const samples = [5, 1, 4, 2, 3, 9, 8, 7, 6, 10, 11, 12];
    const estimate = POINT_ESTIMATORS.median.estimate(samples, [12], 0.05);
    const sorted = [...samples].sort((a, b) => a - b);
    assert.equal(estimate.value, quantileSorted(sorted, 0.5));
    assert.deepEqual({ lower: estimate.lower, upper: estimate.upper }, { lower: medianInterval(sorted, 0.05)?.lower, upper: medianInterval(sorted, 0.05)?.upper });
    const runs = POINT_ESTIMATORS.median.estimate([1, 1.1, 1.2, 2, 2.1, 2.2], [3, 3], 0.05);
    assert.ok((runs.lower ?? 2) < 1.1 && (runs.upper ?? 0) > 2.1, 'two runs far apart widen the interval to their spread');
  });
});

describe('change points', () => {
  const history = analyseHistory(steadyHistory(40, [JSON_CASE, SLOW_CASE], (id, commit) => (id === SLOW_CASE && commit >= 25 ? 1.2e6 : 1e6)));

  test('a 20% slowdown is found at the commit that made it, and nowhere else, in the SPEC shape', () => {
    assert.equal(history.changePoints.length, 1);
    const change = history.changePoints[0];
    assert.ok(change);
    assert.equal(change.case, SLOW_CASE);
    assert.equal(change.commit, shaOf(25));
    assert.equal(change.kind, 'regression');
    assert.ok(Math.abs(change.change - 0.2) < 0.01, String(change.change));
    assert.ok(Math.abs(change.before - 1e6) < 1e4 && Math.abs(change.after - 1.2e6) < 1.2e4);
    assert.ok(change.p <= 0.01 && change.beyondThreshold);
  });

  test('the gate counts it while it is among the newest --since commits', () => {
    assert.equal(hasHistoryRegression(history), false, 'commit 25 of 40 is not among the newest 10');
    const recent = analyseHistory(steadyHistory(40, [SLOW_CASE], (_, commit) => (commit >= 25 ? 1.2e6 : 1e6)), { since: 15 });
    assert.equal(recent.gate.regressions.length, 1);
    assert.equal(hasHistoryRegression(recent), true);
  });

  test('an improvement is an improvement; a 2% change is ~ (significant but within the threshold)', () => {
    const faster = analyseHistory(steadyHistory(30, [JSON_CASE], (_, commit) => (commit >= 15 ? 0.8e6 : 1e6)));
    assert.equal(faster.changePoints[0]?.kind, 'improvement');
    const small = analyseHistory(steadyHistory(40, [JSON_CASE], (_, commit) => (commit >= 20 ? 1.02e6 : 1e6), 0.003));
    assert.equal(small.changePoints.length, 0);
    assert.equal(small.smallChanges[0]?.commit, shaOf(20));
  });

  test('a creep of +1% per commit over 8 commits is reported as one gradual regression', () => {
    const creep = analyseHistory(steadyHistory(50, [JSON_CASE], (_, commit) => 1e6 * 1.01 ** Math.min(8, Math.max(0, commit - 20)), 0.003));
    assert.equal(creep.changePoints.length, 1, JSON.stringify(creep.smallChanges.map((c) => [c.commitIndex, c.change])));
    const change = creep.changePoints[0];
    assert.ok(change && change.kind === 'regression' && change.commitIndex >= 19 && change.commitIndex <= 29);
  });

  test('one slow run (a busy machine) is a spike, not two change points', () => {
    const spiky = analyseHistory(steadyHistory(30, [JSON_CASE], (_, commit) => (commit === 12 ? 1.6e6 : 1e6)));
    assert.deepEqual([...spiky.changePoints, ...spiky.smallChanges], []);
    const point = spiky.series[0]?.points[12];
    assert.ok(point?.kind === 'measured' && point.outlier === true);
  });

  test('a noisy series says a 5% change could hide in it', () => {
    const noisy = analyseHistory(steadyHistory(30, [JSON_CASE], () => 1e6, 0.15));
    assert.equal(noisy.series[0]?.noisy, true);
    assert.ok((noisy.series[0]?.commitsNeeded ?? 0) > 10);
    assert.equal(analyseHistory(steadyHistory(30, [JSON_CASE], () => 1e6, 0.005)).series[0]?.noisy, false);
  });
});

describe('edges', () => {
  test('a history of one file has no change points and says why', () => {
    const one = analyseHistory([commitFile({ commit: 0, cases: { [JSON_CASE]: 100 } })]);
    assert.deepEqual(one.changePoints, []);
    assert.equal(one.series[0]?.tooShort, true);
    assert.match(one.warnings.join('\n'), /needs \(3 on each side\)|commits a change point needs/);
  });

  test('cases that appear and disappear keep the commits they have; a case failing at the newest commit is broken', () => {
    const inputs = Array.from({ length: 12 }, (_, commit) =>
      commitFile({ commit, cases: { ...(commit < 8 ? { [JSON_CASE]: 100 } : {}), ...(commit >= 4 ? { [SLOW_CASE]: 200 } : {}) }, ...(commit === 11 ? { failed: [SLOW_CASE] } : {}) }),
    );
    const history = analyseHistory(inputs);
    const byCase = new Map(history.series.map((s) => [s.case, s.points.map((p) => p.commit)]));
    assert.deepEqual(byCase.get(JSON_CASE), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(byCase.get(SLOW_CASE), [4, 5, 6, 7, 8, 9, 10, 11]);
    assert.deepEqual(history.broken.map((b) => [b.case, b.commit]), [[SLOW_CASE, shaOf(11)]]);
    assert.equal(hasHistoryRegression(history), true);
  });

  test('--branch keeps that branch (and files that do not say)', () => {
    const main = commitFile({ commit: 0, cases: { [JSON_CASE]: 100 } });
    const feature = commitFile({ commit: 1, cases: { [JSON_CASE]: 100 } });
    const featureResult = { ...feature.result, meta: { ...feature.result.meta, git: { ...feature.result.meta.git, sha: shaOf(1), dirty: false, branch: 'feature' } } };
    const history = analyseHistory([main, { ...feature, result: featureResult }], { branch: 'main' });
    assert.equal(history.commits.length, 1);
    assert.match(history.warnings.join('\n'), /other branches left out/);
  });
});
