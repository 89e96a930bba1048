import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, quantileSorted, summarize } from './summary.js';

test('summarize computes the SPEC.md statistics', () => {
  const stats = summarize([5, 1, 4, 2, 3]);
  assert.equal(stats.n, 5);
  assert.equal(stats.median, 3);
  assert.equal(stats.mean, 3);
  assert.equal(stats.min, 1);
  assert.equal(stats.max, 5);
  assert.equal(stats.p75, 4);
  assert.ok(Math.abs(stats.sd - Math.sqrt(2.5)) < 1e-12);
  // rme = t(0.975, 4) * sd / sqrt(n) / mean * 100
  assert.ok(Math.abs(stats.rme - ((2.776 * Math.sqrt(2.5)) / Math.sqrt(5) / 3) * 100) < 1e-9);
});

test('quantiles interpolate linearly; empty input gives NaN', () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantileSorted([10], 0.99), 10);
  assert.equal(median([3, 1, 2]), 2);
  assert.ok(Number.isNaN(summarize([]).median));
});
