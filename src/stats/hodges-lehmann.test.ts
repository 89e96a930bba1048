import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hodgesLehmannEstimate, hodgesLehmannInterval, kthPairwiseDifference } from './hodges-lehmann.js';

function allDifferences(x: readonly number[], y: readonly number[]): number[] {
  return x.flatMap((a) => y.map((b) => a - b)).sort((a, b) => a - b);
}

test('kthPairwiseDifference equals sorting all differences (with ties and negatives)', () => {
  const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }));
  fc.assert(
    fc.property(fc.array(value, { minLength: 1, maxLength: 25 }), fc.array(value, { minLength: 1, maxLength: 25 }), fc.nat(), (x, y, seed) => {
      const xs = [...x].sort((a, b) => a - b);
      const ys = [...y].sort((a, b) => a - b);
      const differences = allDifferences(xs, ys);
      const k = 1 + (seed % differences.length);
      const expected = differences[k - 1] as number;
      const actual = kthPairwiseDifference(xs, ys, k);
      assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `k=${k}: ${actual} vs ${expected}`);
    }),
    { numRuns: 300 },
  );
});

test('the estimate recovers a pure shift and the interval brackets it', () => {
  const y = Array.from({ length: 40 }, (_, i) => Math.sin(i) * 10);
  const x = y.map((v) => v + 3);
  assert.ok(Math.abs(hodgesLehmannEstimate(x, y) - 3) < 1e-12);
  const interval = hodgesLehmannInterval(x, y, 0.05);
  assert.ok(interval && interval.lower < 3 && interval.upper > 3);
  assert.equal(interval?.confidence, 0.95);
});

test('an interval needs enough samples for the level', () => {
  assert.equal(hodgesLehmannInterval([1, 2, 3], [1, 2, 3], 0.05), null);
  assert.ok(hodgesLehmannInterval([1, 2, 3], [1, 2, 3], 0.2));
});
