import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../datasets/random.js';
import { differenceNoise, spikeIndices } from './spikes.js';

const noise = (seed: number, n: number, sigma: number): number[] => {
  const random = new Random(seed);
  return Array.from({ length: n }, () => random.gaussian(0, sigma));
};

test('the difference noise is the sigma of the values, untouched by a step or an outlier', () => {
  const values = noise(1, 400, 0.02);
  const sigma = differenceNoise(values) ?? 0;
  assert.ok(Math.abs(sigma - 0.02) < 0.003, String(sigma));
  const disturbed = values.map((v, i) => v + (i >= 200 ? 0.5 : 0) + (i === 100 ? 2 : 0));
  assert.ok(Math.abs((differenceNoise(disturbed) ?? 0) - sigma) < 0.002);
  assert.equal(differenceNoise([1, 2]), null);
});

test('isolated and paired spikes are found; the edges of a step are not spikes', () => {
  const values = noise(2, 60, 0.01).map((v, i) => v + (i >= 30 ? 0.1 : 0));
  assert.deepEqual(spikeIndices(values), []);
  values[10] = (values[10] as number) + 0.3;
  values[40] = (values[40] as number) + 0.25;
  values[42] = (values[42] as number) + 0.4;
  values[50] = (values[50] as number) - 0.3;
  values[51] = (values[51] as number) - 0.3;
  assert.deepEqual(spikeIndices(values), [10, 40, 42, 50, 51]);
});

test('three adjacent high values are a level, and the newest value is never judged', () => {
  const values = noise(3, 30, 0.01);
  for (const i of [10, 11, 12]) values[i] = (values[i] as number) + 0.3;
  values[29] = (values[29] as number) + 0.5;
  assert.deepEqual(spikeIndices(values), []);
});
