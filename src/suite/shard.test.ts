import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { balancedShard, fnv1a32, selectShard, shardOf } from './shard.js';

const ids = (names: readonly string[]) => names.map((id) => ({ id }));

test('FNV-1a matches its reference values', () => {
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(fnv1a32('foobar'), 0xbf9cf968);
});

test('every case is in exactly one shard, in its original order', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 80 }), fc.integer({ min: 1, max: 9 }), (names, count) => {
      const cases = ids(names);
      const shards = Array.from({ length: count }, (_, i) => selectShard(cases, { index: i + 1, count }));
      const all = shards.flat().map((item) => item.id);
      assert.equal(all.length, names.length);
      assert.deepEqual([...all].sort(), [...names].sort());
      for (const shard of shards) assert.deepEqual(shard, cases.filter((item) => shard.includes(item)));
    }),
  );
});

test('adding or removing other cases never moves a case to another shard', () => {
  const matrix = ['log', 'metrics', 'orders'].flatMap((dataset) => ['json', 'protobuf', 'parquet'].flatMap((codec) => ['encode', 'decode'].map((op) => `codec/${dataset}/${codec}/${op}/1000`)));
  const before = new Map(matrix.map((id) => [id, shardOf(id, 4)]));
  const grown = [...matrix, 'codec/log/avro/encode/1000', 'codec/log/cbor/decode/1000'].filter((id) => !id.includes('metrics'));
  for (let index = 1; index <= 4; index++) {
    for (const item of selectShard(ids(grown), { index, count: 4 })) {
      if (before.has(item.id)) assert.equal(before.get(item.id), index, item.id);
    }
  }
  // The split is spread out: no shard of 4 is empty for the 18-case matrix.
  for (let index = 1; index <= 4; index++) assert.ok(selectShard(ids(matrix), { index, count: 4 }).length > 0);
});

test('no shard means every case; bad shards are rejected', () => {
  assert.equal(selectShard(ids(['a', 'b'])).length, 2);
  assert.deepEqual(selectShard(ids(['a', 'b']), { index: 1, count: 1 }), ids(['a', 'b']));
  assert.throws(() => selectShard(ids(['a']), { index: 3, count: 2 }), /shard index must be in 1..2/);
  assert.throws(() => shardOf('a', 0), /shard count/);
});

test('balanced by cost: every case in exactly one shard, in its original order, the shards within one costliest case of each other', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), fc.integer(), (names, count, salt) => {
      const cases = ids(names);
      const cost = new Map(names.map((name, i) => [name, 1 + (Math.abs(salt + i * 7919) % 50)]));
      const costOf = (id: string) => cost.get(id) ?? 1;
      const shards = Array.from({ length: count }, (_, i) => balancedShard(cases, { index: i + 1, count }, costOf));
      assert.deepEqual(shards.flat().map((item) => item.id).sort(), [...names].sort());
      for (const shard of shards) assert.deepEqual(shard, cases.filter((item) => shard.includes(item)));
      const loads = shards.map((shard) => shard.reduce((sum, item) => sum + costOf(item.id), 0));
      const costliest = Math.max(0, ...cost.values());
      assert.ok(Math.max(...loads) - Math.min(...loads) <= costliest, loads.join());
    }),
  );
});

test('balanced by cost: a case that costs as much as the rest together is a shard of its own; the split does not depend on case order', () => {
  const names = ['heavy', ...Array.from({ length: 9 }, (_, i) => `light-${i}`)];
  const costOf = (id: string) => (id === 'heavy' ? 9 : 1);
  const split = (order: string[]) => [1, 2].map((index) => balancedShard(ids(order), { index, count: 2 }, costOf).map((item) => item.id).sort());
  assert.deepEqual(split(names)[0], ['heavy']);
  assert.deepEqual(split([...names].reverse()), split(names));
  assert.throws(() => balancedShard(ids(['a']), { index: 3, count: 2 }, costOf), /shard index must be in 1..2/);
});
