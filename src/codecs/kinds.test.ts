import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enumeration, field, list, map, scalar, struct, type DataRecord, type RecordSchema } from '../datasets/schema.js';
import { recordProblem } from '../datasets/validate.js';
import { checkRoundTrip } from '../fidelity/gate.js';
import { bindCodec, createCodecRegistry } from './registry.js';

/** One field of every kind the record model has, the new ones (bytes, timestamp, enum, map) with nested uses. */
const schema: RecordSchema = {
  name: 'Kinds',
  fields: [
    field('id', scalar('int64')),
    field('name', scalar('string')),
    field('ok', scalar('bool')),
    field('count', scalar('int32')),
    field('ratio', scalar('double')),
    field('payload', scalar('bytes')),
    field('at', scalar('timestamp')),
    field('level', enumeration(['debug', 'info', 'warn'])),
    field('labels', map(scalar('string'))),
    field('tags', list(scalar('string'))),
    field('times', list(scalar('timestamp'))),
    field('inner', struct([field('when', scalar('timestamp'), true), field('raw', scalar('bytes'), true)]), true),
    field('note', scalar('string'), true),
  ],
};

const records: DataRecord[] = Array.from({ length: 20 }, (_, i) => ({
  id: 1_000_000_000_000 + i,
  name: `record ${i}`,
  ok: i % 2 === 0,
  count: i - 10,
  ratio: i / 7,
  payload: new Uint8Array([i, 255 - i, 0, 7]),
  at: new Date(1_767_225_600_000 + i * 1234),
  level: ['debug', 'info', 'warn'][i % 3] as string,
  labels: i % 4 === 0 ? {} : Object.fromEntries(Array.from({ length: (i % 3) + 1 }, (_, k) => [`k${(i + k) % 5}`, `v${k}`])),
  tags: i % 5 === 0 ? [] : ['a', 'b'].slice(0, (i % 2) + 1),
  times: [new Date(1_700_000_000_000 + i)],
  ...(i % 3 === 0 ? {} : { inner: i % 2 === 0 ? { when: new Date(1_600_000_000_000 + i) } : { raw: new Uint8Array([i]) } }),
  ...(i % 4 === 1 ? { note: 'n' } : {}),
}));

/** What each codec does with the kinds: carries them all, or names the field it cannot carry. */
const EXPECTED: Record<string, 'ok' | RegExp> = {
  json: /field payload \(bytes\): JSON has no binary type/,
  ndjson: /field payload \(bytes\): JSON has no binary type/,
  csv: 'ok',
  protobuf: 'ok',
  'protobuf-reflect': 'ok',
  'protobuf-es': 'ok',
  parquet: /field labels \(map<string, string>\): parquetjs-lite has no MAP type/,
  'parquet-hyparquet': /field labels \(map<string, string>\)/,
  msgpack: 'ok',
  'msgpack-records': 'ok',
  'msgpack-shared': 'ok',
  cbor: 'ok',
  'cbor-records': 'ok',
  avro: 'ok',
  'avro-container': 'ok',
  arrow: 'ok',
};

describe('every codec carries every kind or names the field it cannot carry', () => {
  test('the records match the schema', () => {
    for (const record of records) assert.equal(recordProblem(schema, record), undefined);
  });
  const codecs = createCodecRegistry();
  for (const codec of codecs.all()) {
    test(codec.name, async () => {
      const expected = EXPECTED[codec.name];
      assert.ok(expected, `EXPECTED lists ${codec.name}`);
      let outcome: string;
      try {
        const gate = await checkRoundTrip(bindCodec(codec, schema), schema, records);
        outcome = gate.ok ? 'ok' : gate.reason;
      } catch (thrown) {
        outcome = thrown instanceof Error ? thrown.message : String(thrown);
      }
      if (expected === 'ok') assert.equal(outcome, 'ok');
      else assert.match(outcome, expected);
    });
  }
});
