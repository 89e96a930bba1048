import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitForJobs } from './jobs.js';
import { planCodecCases } from './matrix.js';

test('jobs get whole groups, balanced by size, the same split every time', () => {
  const plans = planCodecCases(['log', 'metrics', 'orders'], ['json', 'protobuf', 'avro', 'memcpy'], ['encode', 'decode'], 1000, 'memcpy');
  const parts = splitForJobs(plans, 2);
  assert.equal(parts.length, 2);
  assert.deepEqual(parts.flat().map((p) => p.id).sort(), plans.map((p) => p.id).sort());
  const sizes = parts.map((part) => part.length);
  assert.ok(Math.abs((sizes[0] ?? 0) - (sizes[1] ?? 0)) <= 4, sizes.join());
  for (const part of parts) {
    const groups = new Set(part.map((p) => `${p.dataset}/${p.op}`));
    for (const group of groups) assert.equal(part.filter((p) => `${p.dataset}/${p.op}` === group).length, plans.filter((p) => `${p.dataset}/${p.op}` === group).length, `${group} is split`);
  }
  assert.deepEqual(splitForJobs(plans, 2), parts);
  assert.equal(splitForJobs(plans.slice(0, 1), 4).length, 1, 'never more jobs than cases');
});

test('with costs, jobs are balanced by cost: a costly group gets a job of its own', () => {
  const plans = planCodecCases(['log', 'metrics', 'orders'], ['json', 'protobuf', 'parquet'], ['encode'], 1000, 'memcpy');
  const costOf = (id: string) => (id === 'codec/orders/parquet/encode/1000' ? 100 : 1);
  const parts = splitForJobs(plans, 2, costOf);
  const costly = parts.find((part) => part.some((p) => p.id === 'codec/orders/parquet/encode/1000'));
  assert.deepEqual(costly?.map((p) => p.dataset), ['orders', 'orders', 'orders']);
  assert.equal(parts.flat().length, plans.length);
});
