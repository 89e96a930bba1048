import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseFigure, fastRounds, relativeFigure, runEstimate, RUN_QUANTILE, type MeasuredCase } from './figures.js';

/** `rounds` rounds of `cycles` samples; the machine runs 1.5× slower in `slowShare` of each round's cycles. */
function timed(value: number, rounds: readonly { readonly id: string; readonly factor: number; readonly slowEvery: number }[], cycles = 60): MeasuredCase {
  const samples = rounds.flatMap((round) => Array.from({ length: cycles }, (_, k) => value * round.factor * (k % round.slowEvery === 0 ? 1 : 1.5) * (1 + (k % 5) / 1000)));
  return { samples, unit: 'ns', extra: { roundSizes: rounds.map(() => cycles), roundIds: rounds.map((r) => r.id) } };
}

test('a run is summed up by a low quantile of its times, and by the fewest instructions of its phases', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 + i);
  assert.equal(runEstimate(samples, 'ns'), 100 + 99 * RUN_QUANTILE);
  assert.equal(runEstimate([12.9, 13, 12.85, 13.2], 'instructions'), 12.85);
  assert.ok(Number.isNaN(runEstimate([], 'ns')));
});

test('a case figure is the geometric mean of its runs with a run-to-run interval; one run has a within-run interval', () => {
  const runs = [
    { id: 'r1', factor: 1, slowEvery: 2 },
    { id: 'r2', factor: 1.02, slowEvery: 3 },
    { id: 'r3', factor: 0.98, slowEvery: 2 },
  ];
  const figure = caseFigure(timed(1000, runs));
  assert.equal(figure.basis, 'runs');
  assert.equal(figure.runs, 3);
  assert.ok(Math.abs(figure.value / 1000 - 1) < 0.01, String(figure.value));
  assert.ok(figure.interval && figure.interval.lower < figure.value && figure.value < figure.interval.upper);
  const single = caseFigure({ samples: Array.from({ length: 50 }, (_, i) => 1000 + i), unit: 'ns' });
  assert.equal(single.basis, 'samples');
  assert.equal(single.runs, 1);
  assert.ok(single.interval);
});

test('cases measured side by side are compared cycle by cycle: a slow phase of the machine cancels out', () => {
  // Round r2 spent two thirds of its time in the slow mode, but it hit both cases alike.
  const runs = [
    { id: 'r1', factor: 1, slowEvery: 1 },
    { id: 'r2', factor: 1, slowEvery: 3 },
    { id: 'r3', factor: 1, slowEvery: 2 },
  ];
  const relative = relativeFigure(timed(2000, runs), timed(1000, runs));
  assert.equal(relative.basis, 'runs');
  assert.ok(Math.abs(relative.value - 2) < 0.005, String(relative.value));
  assert.ok(relative.interval && relative.interval.halfWidth < 0.005);
  // Not measured side by side (different rounds): the ratio of the figures, with both intervals combined.
  const apart = relativeFigure(timed(2000, runs), timed(1000, runs.map((r) => ({ ...r, id: `${r.id}-other` }))));
  assert.ok(apart.interval && apart.interval.halfWidth > (relative.interval?.halfWidth ?? 0));
});

test('a round that never saw the fast mode is left out of time figures, not of counts', () => {
  // r3 spent all of its cycles in the slow mode (slowEvery larger than the round): 1.5× slower throughout.
  const runs = [
    { id: 'r1', factor: 1, slowEvery: 2 },
    { id: 'r2', factor: 1.01, slowEvery: 3 },
    { id: 'r3', factor: 1, slowEvery: 1000 },
    { id: 'r4', factor: 0.99, slowEvery: 2 },
  ];
  assert.deepEqual(fastRounds([100, 101, 150, 99], 'ns'), [true, true, false, true]);
  assert.deepEqual(fastRounds([100, 101, 150, 99], 'instructions'), [true, true, true, true]);
  const figure = caseFigure(timed(1000, runs));
  assert.equal(figure.runs, 3);
  assert.ok(Math.abs(figure.value / 1000 - 1) < 0.02, String(figure.value));
  // The slow round's ratio differs (the slow mode slows the two cases unequally): it is left out of relative figures too.
  const slowerInSlowMode = timed(2000, runs.map((r) => (r.id === 'r3' ? { ...r, factor: 1.2 } : r)));
  const relative = relativeFigure(slowerInSlowMode, timed(1000, runs));
  assert.equal(relative.runs, 3);
  assert.ok(Math.abs(relative.value - 2) < 0.005, String(relative.value));
});
