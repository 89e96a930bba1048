import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jsonCodec } from '../codecs/json.js';
import { bindCodec } from '../codecs/registry.js';
import type { Codec } from '../codecs/types.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import type { DataRecord } from '../datasets/schema.js';
import { generate } from '../datasets/types.js';
import { firstDifference } from './equal.js';
import { checkRoundTrip } from './gate.js';

const metrics = createDatasetRegistry().get('metrics');

/** A JSON codec that quietly loses precision in 64-bit integers, as a float64 → float32 path or a string cut would. */
function lossyCodec(name: string, damage: (value: number) => unknown): Codec {
  return {
    name,
    description: 'test double',
    int64: 'damaged',
    create(schema) {
      const inner = jsonCodec.create(schema);
      if (inner.mode !== 'sync') throw new Error('json is sync');
      return {
        mode: 'sync',
        encode: inner.encode,
        decode: (bytes) => inner.decode(bytes).map((r) => ({ ...r, counter: damage(Number(r.counter)) }) as DataRecord),
      };
    },
  };
}

describe('fidelity gate', () => {
  const sample = generate(metrics, 200);

  test('passes an exact codec', async () => {
    const gate = await checkRoundTrip(bindCodec(jsonCodec, metrics.schema), metrics.schema, sample);
    assert.equal(gate.ok, true);
  });

  test('catches a codec that loses low bits of a 64-bit integer, naming the path and both values', async () => {
    const codec = lossyCodec('lossy', (v) => Math.fround(v));
    const gate = await checkRoundTrip(bindCodec(codec, metrics.schema), metrics.schema, sample);
    assert.equal(gate.ok, false);
    if (!gate.ok) {
      assert.match(gate.reason, /at \[0\]\.counter: expected \d+, got \d+/);
      const expected = Number(/expected (\d+)/.exec(gate.reason)?.[1]);
      assert.equal(expected, sample[0]?.counter);
    }
  });

  test('catches an int64 that comes back as a string, a bigint or a Long-like object', async () => {
    for (const damage of [(v: number) => String(v), (v: number) => BigInt(v), (v: number) => ({ low: v | 0, high: 0 })]) {
      const gate = await checkRoundTrip(bindCodec(lossyCodec('typed', damage), metrics.schema), metrics.schema, sample);
      assert.equal(gate.ok, false);
    }
  });

  test('a codec that throws fails the gate with the reason', async () => {
    const broken: Codec = { name: 'broken', description: '', int64: '', create: () => ({ mode: 'sync', encode: () => { throw new Error('boom'); }, decode: () => [] }) };
    const gate = await checkRoundTrip(bindCodec(broken, metrics.schema), metrics.schema, sample);
    assert.deepEqual(gate, { ok: false, reason: 'fidelity gate: encode threw: broken: encode failed: boom' });
  });
});

describe('equality', () => {
  const schema = createDatasetRegistry().get('orders').schema;
  const [order] = generate(createDatasetRegistry().get('orders'), 1);
  assert.ok(order);

  test('absent, undefined and null are equal for optional fields only', () => {
    const { coupon, ...withoutCoupon } = { ...order, coupon: 'X' };
    void coupon;
    assert.equal(firstDifference(schema, [withoutCoupon], [{ ...withoutCoupon, coupon: null }]), undefined);
    assert.equal(firstDifference(schema, [withoutCoupon], [{ ...withoutCoupon, coupon: undefined }]), undefined);
    assert.deepEqual(firstDifference(schema, [withoutCoupon], [{ ...withoutCoupon, coupon: '' }])?.path, '[0].coupon');
    assert.deepEqual(firstDifference(schema, [order], [{ ...order, currency: null }])?.path, '[0].currency');
  });

  test('numbers compare with Object.is: -0 differs from 0, NaN equals NaN', () => {
    assert.equal(firstDifference(schema, [{ ...order, total: -0 }], [{ ...order, total: 0 }])?.path, '[0].total');
    assert.equal(firstDifference(schema, [{ ...order, total: Number.NaN }], [{ ...order, total: Number.NaN }]), undefined);
  });

  test('nested lists compare element by element; values on a prototype count', () => {
    const items = order.items as readonly DataRecord[];
    const changed = { ...order, items: items.map((item, i) => (i === 0 ? { ...item, quantity: Number(item.quantity) + 1 } : item)) };
    assert.equal(firstDifference(schema, [order], [changed])?.path, '[0].items[0].quantity');
    const onPrototype = Object.assign(Object.create({ currency: order.currency }) as object, { ...order, currency: undefined });
    delete (onPrototype as Record<string, unknown>).currency;
    assert.equal(firstDifference(schema, [order], [onPrototype]), undefined);
  });
});
