import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { createDatasetRegistry } from './registry.js';
import { generate } from './types.js';
import { recordProblem } from './validate.js';

const datasets = createDatasetRegistry();

// Digests of JSON.stringify(first 200 records, seed 42). They pin "same seed, same records on any
// machine": a change to a generator must change these on purpose (and says that old results differ).
const GOLDEN: Record<string, string> = {
  log: '08be0be86326aeae',
  metrics: 'bda93e9e63196e86',
  orders: '3439fde40ef49896',
};

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

describe('datasets', () => {
  test('registry has log, metrics and orders', () => {
    assert.deepEqual(datasets.names(), ['log', 'metrics', 'orders']);
  });

  for (const dataset of datasets.all()) {
    describe(dataset.name, () => {
      test('is deterministic for a seed and differs across seeds', () => {
        assert.deepEqual(generate(dataset, 300, 7), generate(dataset, 300, 7));
        assert.notDeepEqual(generate(dataset, 50, 7), generate(dataset, 50, 8));
      });

      test('matches its pinned digest for seed 42 (same records on any machine)', () => {
        assert.equal(digest(generate(dataset, 200, 42)), GOLDEN[dataset.name]);
      });

      test('every record matches the schema; int64 fields are safe integers', () => {
        for (const [i, record] of generate(dataset, 2000, 42).entries()) {
          const problem = recordProblem(dataset.schema, record);
          assert.equal(problem, undefined, `record ${i}: ${problem}`);
        }
      });

      test('streams lazily and shards line up with the whole stream', () => {
        const whole = generate(dataset, 100, 3);
        const iterator = dataset.stream(Number.MAX_SAFE_INTEGER, 3);
        assert.deepEqual(iterator.next().value, whole[0]);
        const shard = Array.from(dataset.stream(40, 3, 60));
        assert.deepEqual(shard, whole.slice(60, 100));
      });
    });
  }

  test('log: string heavy, skewed paths, optional referrer present and absent', () => {
    const logs = generate(datasets.get('log'), 5000);
    const paths = new Map<string, number>();
    for (const r of logs) {
      const key = String(r.path).replace(/\d+|[0-9a-f]{8}/g, '#');
      paths.set(key, (paths.get(key) ?? 0) + 1);
    }
    const counts = [...paths.values()].sort((a, b) => b - a);
    assert.ok((counts[0] ?? 0) > 5 * (counts.at(-1) ?? 0), 'path frequencies are skewed');
    const withReferrer = logs.filter((r) => r.referrer !== undefined).length;
    assert.ok(withReferrer > 500 && withReferrer < 4500, `referrer sometimes present (${withReferrer})`);
    assert.ok(logs.every((r) => typeof r.timestampMs === 'number' && r.timestampMs > 1.7e12));
  });

  test('metrics: numeric heavy with 64-bit ids, doubles and small int tags', () => {
    const metrics = generate(datasets.get('metrics'), 2000);
    assert.ok(metrics.some((r) => Number(r.seriesId) > 2 ** 32), 'series ids use more than 32 bits');
    assert.ok(metrics.some((r) => !Number.isInteger(r.value)), 'values are doubles');
    assert.ok(metrics.every((r) => Number(r.region) >= 0 && Number(r.region) < 16));
  });

  test('orders: nested, repeated, optional coupon, several scripts and astral characters', () => {
    const orders = generate(datasets.get('orders'), 3000);
    assert.ok(orders.some((o) => Array.isArray(o.items) && o.items.length > 5));
    assert.ok(orders.some((o) => o.coupon !== undefined) && orders.some((o) => o.coupon === undefined));
    assert.ok(orders.some((o) => Array.isArray(o.tags) && o.tags.length === 0), 'empty tag lists occur');
    const text = JSON.stringify(orders);
    assert.match(text, /\p{Script=Han}/u);
    assert.match(text, /\p{Script=Cyrillic}/u);
    assert.match(text, /[\u{10000}-\u{10FFFF}]/u, 'astral-plane characters occur');
  });
});
