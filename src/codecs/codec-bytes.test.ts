import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { isNativeAccelerationEnabled as cborNative } from 'cbor-x';
import { isNativeAccelerationEnabled as msgpackNative } from 'msgpackr';
import { createDatasetRegistry } from '../datasets/registry.js';
import { generate } from '../datasets/types.js';
import { firstDifference, describeDifference } from '../fidelity/equal.js';
import { probeCodecs } from '../fidelity/probes.js';
import { avroBatchSchema } from './avro.js';
import { hyparquetSchema } from './hyparquet.js';
import { bindCodec, createCodecRegistry } from './registry.js';

const codecs = createCodecRegistry();
const datasets = createDatasetRegistry();
const orders = datasets.get('orders');

function assertSame(expected: readonly unknown[], actual: readonly unknown[], label: string): void {
  const difference = firstDifference(orders.schema, expected as never, actual);
  assert.equal(difference ? describeDifference(difference) : 'equal', 'equal', label);
}

// Bytes rarely arrive as a whole ArrayBuffer of their own: a decompressed or received
// buffer is often a view into a larger (pooled) one, and an encoder may return a view
// into its own working buffer. Every codec must cope with both.
describe('every codec, about the bytes it is given and gives back', () => {
  const records = generate(orders, 120, 5);
  for (const codec of codecs.all()) {
    test(`${codec.name} decodes a view at an odd offset inside a larger buffer`, async () => {
      const instance = bindCodec(codec, orders.schema);
      const bytes = await instance.encode(records);
      const larger = Buffer.alloc(bytes.byteLength + 24, 0xee);
      larger.set(bytes, 7);
      assertSame(records, await instance.decode(larger.subarray(7, 7 + bytes.byteLength)), codec.name);
    });

    test(`${codec.name}: an encoded batch stays intact when the instance encodes again`, async () => {
      const instance = bindCodec(codec, orders.schema);
      const first = await instance.encode(records);
      const copy = Uint8Array.from(first);
      await instance.encode(generate(orders, 300, 6));
      await instance.encode(records.slice(0, 10));
      assert.deepEqual(Uint8Array.from(first), copy, codec.name);
      assertSame(records, await instance.decode(first), codec.name);
    });
  }
});

test('msgpack and cbor name the decode path that runs (native addon or pure JS), and the fidelity table keeps it', async () => {
  for (const name of ['msgpack', 'msgpack-records', 'msgpack-shared']) assert.match(codecs.get(name).description, msgpackNative ? /native string decoding/ : /pure JS/);
  for (const name of ['cbor', 'cbor-records']) assert.match(codecs.get(name).description, cborNative ? /native string decoding/ : /pure JS/);
  const table = await probeCodecs([codecs.get('cbor')]);
  assert.equal(table.codecs[0]?.description, codecs.get('cbor').description);
});

test('msgpack record structures drop the repeated keys', async () => {
  const records = generate(orders, 200);
  const size = async (name: string) => (await bindCodec(codecs.get(name), orders.schema).encode(records)).byteLength;
  assert.ok((await size('msgpack-records')) < (await size('msgpack')) * 0.7);
  assert.ok((await size('msgpack-shared')) <= (await size('msgpack-records')));
  assert.ok((await size('cbor-records')) < (await size('cbor')) * 0.7);
});

test('the Avro schema is derived from the dataset: nested records named by path, optionals as null unions', () => {
  const schema = avroBatchSchema(orders.schema) as { items: { name: string; fields: { name: string; type: unknown; default?: unknown }[] } };
  assert.equal(schema.items.name, 'Order');
  const byName = Object.fromEntries(schema.items.fields.map((f) => [f.name, f]));
  assert.deepEqual(byName.orderId, { name: 'orderId', type: 'long' });
  assert.deepEqual(byName.coupon, { name: 'coupon', type: ['null', 'string'], default: null });
  assert.deepEqual(byName.tags, { name: 'tags', type: { type: 'array', items: 'string' } });
  const customer = byName.customer?.type as { name: string; fields: { name: string; type: unknown }[] };
  assert.equal(customer.name, 'Order_customer');
  assert.deepEqual(customer.fields.find((f) => f.name === 'address')?.type, [
    'null',
    {
      type: 'record',
      name: 'Order_customer_address',
      fields: [
        { name: 'city', type: 'string' },
        { name: 'country', type: 'string' },
        { name: 'postcode', type: 'string' },
      ],
    },
  ]);
});

test('the hyparquet schema uses the three-level LIST layout and required/optional repetition', () => {
  const schema = hyparquetSchema(orders.schema);
  assert.deepEqual(schema[0], { name: 'root', num_children: orders.schema.fields.length });
  const tags = schema.findIndex((e) => e.name === 'tags');
  assert.deepEqual(schema.slice(tags, tags + 3), [
    { name: 'tags', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  ]);
  assert.deepEqual(schema.find((e) => e.name === 'note'), { name: 'note', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' });
});

test('arrow decodes a table of several record batches (lists and structs in each chunk)', async () => {
  const instance = bindCodec(codecs.get('arrow'), orders.schema);
  const records = generate(orders, 90, 8);
  const [a, b] = [await instance.encode(records.slice(0, 40)), await instance.encode(records.slice(40))];
  const joined = tableFromIPC(a).concat(tableFromIPC(b));
  assert.equal(joined.batches.length, 2);
  assertSame(records, await instance.decode(tableToIPC(joined, 'stream')), 'two batches');
});
