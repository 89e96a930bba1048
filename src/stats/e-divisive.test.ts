import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../datasets/random.js';
import { bestSplit, eDivisive, type EDivisiveOptions } from './e-divisive.js';

/** The statistic straight from its definition, O(n²) per split. */
function bruteForce(values: readonly number[], minSegment: number): { at: number; statistic: number } | null {
  const n = values.length;
  let best: { at: number; statistic: number } | null = null;
  const mean = (pairs: number[]) => (pairs.length === 0 ? 0 : pairs.reduce((s, v) => s + v, 0) / pairs.length);
  for (let a = minSegment; a <= n - minSegment; a++) {
    const x = values.slice(0, a);
    const y = values.slice(a);
    const cross = x.flatMap((xi) => y.map((yj) => Math.abs(xi - yj)));
    const withinX = x.flatMap((xi, i) => x.slice(i + 1).map((xk) => Math.abs(xi - xk)));
    const withinY = y.flatMap((yi, i) => y.slice(i + 1).map((yk) => Math.abs(yi - yk)));
    const statistic = ((a * (n - a)) / n) * (2 * mean(cross) - mean(withinX) - mean(withinY));
    if (best === null || statistic > best.statistic) best = { at: a, statistic };
  }
  return best;
}

const options = (seed: number, overrides: Partial<EDivisiveOptions> = {}): EDivisiveOptions => {
  const random = new Random(seed);
  return { significance: 0.01, permutations: 199, minSegment: 3, random: () => random.float(), ...overrides };
};

function noise(seed: number, n: number, sigma: number): number[] {
  const random = new Random(seed);
  return Array.from({ length: n }, () => random.gaussian(0, sigma));
}

test('the fast split statistic equals the definition (ties and repeated values included)', () => {
  const random = new Random(7);
  for (let trial = 0; trial < 40; trial++) {
    const n = 2 + random.int(0, 30);
    const values = Array.from({ length: n }, () => (random.chance(0.3) ? random.int(0, 3) : random.gaussian(0, 1)));
    const minSegment = 1 + random.int(0, 2);
    const fast = bestSplit(values, minSegment);
    const slow = bruteForce(values, minSegment);
    if (slow === null) {
      assert.equal(fast, null);
      continue;
    }
    assert.ok(fast);
    assert.ok(Math.abs(fast.statistic - slow.statistic) < 1e-9 * Math.max(1, Math.abs(slow.statistic)), `${fast.statistic} vs ${slow.statistic}`);
  }
});

test('a clear step is found where it is, and only there', () => {
  const values = noise(1, 60, 0.01).map((v, i) => v + (i >= 37 ? 0.1 : 0));
  const found = eDivisive(values, options(2));
  assert.deepEqual(found.map((c) => c.index), [37]);
  assert.ok((found[0]?.p ?? 1) <= 0.01);
});

test('two steps are both found (the divisive search recurses into each side)', () => {
  const values = noise(3, 90, 0.01).map((v, i) => v + (i >= 30 ? 0.08 : 0) - (i >= 60 ? 0.15 : 0));
  assert.deepEqual(eDivisive(values, options(4)).map((c) => c.index), [30, 60]);
});

test('pure noise gives no change point in about 99 of 100 series (the permutation test holds its level)', () => {
  let falseSeries = 0;
  for (let seed = 0; seed < 100; seed++) if (eDivisive(noise(100 + seed, 40, 0.03), options(seed, { permutations: 99 })).length > 0) falseSeries++;
  assert.ok(falseSeries <= 5, `${falseSeries} of 100 no-change series had a change point`);
});

test('the same seed gives the same answer; a segment shorter than 2 × minSegment is never split', () => {
  const values = noise(5, 30, 0.02).map((v, i) => v + (i >= 15 ? 0.05 : 0));
  assert.deepEqual(eDivisive(values, options(9)), eDivisive(values, options(9)));
  assert.deepEqual(eDivisive([1, 2, 3, 4, 5], options(1)), []);
  assert.deepEqual(eDivisive([], options(1)), []);
});

test('bad options are refused', () => {
  assert.throws(() => eDivisive([1, 2], options(1, { significance: 0 })), /significance/);
  assert.throws(() => eDivisive([1, 2], options(1, { permutations: 0 })), /permutations/);
  assert.throws(() => eDivisive([1, 2], options(1, { minSegment: 0 })), /minSegment/);
  assert.throws(() => eDivisive([1, Number.NaN], options(1)), /finite/);
});
