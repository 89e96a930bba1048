import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseFigure, relativeFigure, roundsMissingFastMode, runEstimate, RUN_FASTEST_SHARE, SET_ASIDE_FIELD, type MeasuredCase } from './figures.js';

/** `rounds` rounds of `cycles` samples; the machine runs 1.5× slower in `slowShare` of each round's cycles. */
function timed(value: number, rounds: readonly { readonly id: string; readonly factor: number; readonly slowEvery: number }[], cycles = 60): MeasuredCase {
  const samples = rounds.flatMap((round) => Array.from({ length: cycles }, (_, k) => value * round.factor * (k % round.slowEvery === 0 ? 1 : 1.5) * (1 + (k % 5) / 1000)));
  return { samples, unit: 'ns', extra: { roundSizes: rounds.map(() => cycles), roundIds: rounds.map((r) => r.id) } };
}

test('a run is summed up by a low quantile of its times, and by the fewest instructions of its phases', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 + i);
  // The geometric mean of the fastest tenth: 100 … 109.
  const fastest = samples.slice(0, samples.length * RUN_FASTEST_SHARE);
  assert.ok(Math.abs(runEstimate(samples, 'ns') - Math.exp(fastest.reduce((sum, v) => sum + Math.log(v), 0) / fastest.length)) < 1e-9);
  assert.ok(Math.abs(runEstimate([...samples].reverse(), 'ns') - 104.5) < 0.05);
  assert.equal(runEstimate([7], 'ns'), 7);
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

test('cases measured side by side are compared round by round: a slow phase of the machine cancels out', () => {
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

test('rounds that missed the fast mode, judged over all cases, are set aside; one case\'s lucky round is not', () => {
  // r3 spent all of its cycles in the slow mode (slowEvery larger than the round), for every case.
  const runs = [
    { id: 'r1', factor: 1, slowEvery: 2 },
    { id: 'r2', factor: 1.01, slowEvery: 3 },
    { id: 'r3', factor: 1, slowEvery: 1000 },
    { id: 'r4', factor: 0.99, slowEvery: 2 },
  ];
  // The slow mode slows the two cases unequally (1.2× more for the first): its ratio differs in r3.
  const slowerInSlowMode = timed(2000, runs.map((r) => (r.id === 'r3' ? { ...r, factor: 1.2 } : r)));
  const reference = timed(1000, runs);
  // One case got much faster code in r1 only (its own luck, not the machine's).
  const lucky = timed(500, runs.map((r) => (r.id === 'r1' ? { ...r, factor: 0.5 } : r)));
  assert.deepEqual(roundsMissingFastMode([slowerInSlowMode, reference, lucky]), ['r3']);
  assert.deepEqual(roundsMissingFastMode([{ ...reference, unit: 'instructions' }]), []);
  const aside = (item: MeasuredCase): MeasuredCase => ({ ...item, extra: { ...item.extra, [SET_ASIDE_FIELD]: ['r3'] } });
  assert.equal(caseFigure(aside(reference)).runs, 3);
  assert.ok(Math.abs(caseFigure(aside(reference)).value / 1000 - 1) < 0.02);
  const relative = relativeFigure(aside(slowerInSlowMode), aside(reference));
  assert.equal(relative.runs, 3);
  assert.ok(Math.abs(relative.value - 2) < 0.005, String(relative.value));
  assert.ok(Math.abs(relativeFigure(slowerInSlowMode, reference).value - 2) > 0.05, 'kept, the slow round would move the ratio');
});
