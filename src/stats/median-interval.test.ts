import assert from 'node:assert/strict';
import { test } from 'node:test';
import { medianInterval, medianIntervalRank } from './median-interval.js';

test('order-statistic ranks match binomial tables', () => {
  assert.equal(medianIntervalRank(5, 0.05), 0); // 2 · 2^-5 = 0.0625 > 0.05
  assert.equal(medianIntervalRank(6, 0.05), 1);
  assert.equal(medianIntervalRank(20, 0.05), 6); // P(Bin(20,.5) <= 5) = 0.0207, <= 6 is 0.0577
  assert.equal(medianIntervalRank(100, 0.05), 40); // P(<= 39) = 0.0176, P(<= 40) = 0.0284
  assert.ok(medianIntervalRank(100_000, 0.05) > 49_000);
});

test('the interval is a pair of order statistics around the median', () => {
  const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
  assert.deepEqual(medianInterval(sorted, 0.05), { lower: 6, upper: 15, confidence: 0.95 });
  assert.equal(medianInterval([1, 2, 3], 0.05), null);
});
