import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../datasets/random.js';
import { middleOf, orderStatistics } from './select.js';
import { median } from './summary.js';

test('order statistics equal the sorted values at those positions (ties, sorted and reversed input)', () => {
  const random = new Random(3);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + random.int(0, 60);
    const shape = trial % 4;
    let values = Array.from({ length: n }, () => (shape === 0 ? random.int(0, 4) : random.gaussian(0, 1)));
    if (shape === 2) values = values.sort((a, b) => a - b);
    if (shape === 3) values = values.sort((a, b) => b - a);
    const sorted = [...values].sort((a, b) => a - b);
    const positions = [random.int(0, n - 1), random.int(0, n - 1), 0, n - 1];
    assert.deepEqual(orderStatistics(values, positions), positions.map((p) => sorted[p]));
    const [low, high] = orderStatistics(values, [(n - 1) >> 1, n >> 1]) as [number, number];
    assert.equal(middleOf(low, high, n), median(values));
  }
});

test('the input is left as it was; positions outside are refused', () => {
  const values = [3, 1, 2];
  orderStatistics(values, [0]);
  assert.deepEqual(values, [3, 1, 2]);
  assert.throws(() => orderStatistics(values, [3]), /outside/);
});
