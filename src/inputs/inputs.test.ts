import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { mayBeMissing, type Field, type FieldType, type RecordSchema } from '../datasets/schema.js';
import { recordProblem } from '../datasets/validate.js';
import { openInputDataset } from './dataset.js';
import { resolveInput, type InputRequest } from './resolve.js';
import { schemaDocument } from './schema-file.js';
import { InputError } from './types.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'inputs');
const SENTINEL = 'SENTINEL-9d1e-user-secret';
const fixture = (name: string): string => join(FIXTURES, name);
const resolve = (request: InputRequest, records = 1000) => resolveInput(request, { records, reserved: ['log', 'metrics', 'orders'] });

/** A schema as kinds and "may be missing" (formats that have no absent say null: the same to every codec). */
function shape(fields: readonly Field[]): unknown {
  const type = (t: FieldType): unknown => (t.kind === 'struct' ? shape(t.fields) : t.kind === 'list' ? ['list', type(t.of)] : t.kind === 'map' ? ['map', type(t.values)] : t.kind);
  return fields.map((f) => [f.name, type(f.type), mayBeMissing(f)]);
}

const EVENTS = [
  ['id', 'int64', false],
  ['user', 'string', false],
  ['kind', 'string', false],
  ['ts_ms', 'int64', false],
  ['ok', 'bool', false],
  ['score', 'double', false],
  ['count', 'int32', false],
  ['tags', ['list', 'string'], false],
  ['device', [['os', 'string', false], ['version', 'int32', false]], false],
  ['note', 'string', true],
];

describe('inference', () => {
  for (const file of ['events.ndjson', 'events.json', 'events.parquet', 'events.avro', 'events-python-avro.avro', 'events.arrow', 'events.arrows']) {
    test(`${file} infers the events schema`, async () => {
      const spec = await resolve({ path: fixture(file) });
      assert.deepEqual(shape(spec.schema.fields), EVENTS);
      assert.equal(spec.provenance.records, 12);
      assert.equal(spec.available, 12, 'a file shorter than the run says how many records it has');
    });
  }

  test('CSV, TSV and NDJSON of the same flat records infer the same schema', async () => {
    const flat = EVENTS.filter(([name]) => name !== 'tags');
    for (const file of ['events-flat.csv', 'events-flat.tsv', 'events-flat.ndjson']) assert.deepEqual(shape((await resolve({ path: fixture(file) })).schema.fields), flat, file);
  });

  test('maps (keys vary), nullable fields; CSV keeps an int64 past 2^53 exactly', async () => {
    const kinds = await resolve({ path: fixture('kinds.ndjson') });
    assert.deepEqual(kinds.schema.fields.map((f) => [f.name, f.type.kind, f.nullable === true]), [['id', 'int32', false], ['labels', 'map', false], ['maybe', 'int32', true], ['big', 'string', false]]);
    const big = await resolve({ path: fixture('big-int.csv') });
    const [first] = (await openInputDataset(big, 2)).stream(1, 0);
    assert.equal(first?.big, 9007199254740993n);
  });

  test('the inferred schema round-trips through serbench\'s schema file', async () => {
    const spec = await resolve({ path: fixture('events.ndjson') });
    const file = join(mkdtempSync(join(tmpdir(), 'serbench-schema-')), 'events.json');
    writeFileSync(file, JSON.stringify(schemaDocument(spec.schema)));
    const pinned = await resolve({ path: fixture('events.ndjson'), schemaFile: file });
    assert.deepEqual(pinned.schema.fields, spec.schema.fields);
    assert.equal(pinned.provenance.schemaSource, 'serbench');
    assert.equal(pinned.provenance.schemaHash, spec.provenance.schemaHash);
  });
});

describe('explicit schemas', () => {
  const proto = { schemaFile: fixture('events.proto'), message: 'acme.events.Event' };
  test('a .proto reads length-delimited and single Protobuf messages with the user\'s field names', async () => {
    const many = await resolve({ path: fixture('events.pb'), ...proto });
    const one = await resolve({ path: fixture('event-one.pb'), ...proto });
    assert.equal(many.provenance.records, 12);
    assert.equal(one.provenance.records, 1);
    assert.equal(many.schema.protobuf?.origin, 'user');
    const records = [...(await openInputDataset(many, 12)).stream(12, 0)];
    for (const record of records) assert.equal(recordProblem(many.schema, record), undefined);
    assert.equal(records[1]?.id, 5_000_007_919);
  });

  test('an .avsc types an NDJSON file', async () => {
    const spec = await resolve({ path: fixture('events.ndjson'), schemaFile: fixture('events.avsc') });
    assert.equal(spec.provenance.schemaSource, 'avsc');
    assert.deepEqual(shape(spec.schema.fields), EVENTS);
  });
});

describe('bad input: one line naming the file and what is wrong, never a value', () => {
  const cases: [string, RegExp, Partial<InputRequest>?][] = [
    ['missing.ndjson', /missing\.ndjson: no such file/],
    ['empty.ndjson', /empty\.ndjson: the file is empty/],
    ['notes.xyz', /unknown file type '\.xyz'; supported: .*\(ndjson\).*\(parquet\)/],
    ['broken-line.ndjson', /broken-line\.ndjson line 2: not valid JSON/],
    ['ragged.csv', /ragged\.csv row 2 \(line 3\): 2 fields, but the header has 3/],
    ['object.json', /object\.json is one JSON object, not records/],
    ['mixed-kinds.ndjson', /field v: mixed kinds: an integer in record 1, a string in record 3/],
    ['deep.ndjson', /nested more than 32 levels deep/],
    ['corrupt.parquet', /corrupt\.parquet: not a readable Parquet file: corrupt Parquet/],
    ['corrupt.avro', /corrupt\.avro: not a readable Avro container file: invalid sync marker/],
    ['corrupt.arrows', /corrupt\.arrows: not a readable Arrow IPC file/],
    ['big-int.ndjson', /field big: record 1 holds an integer beyond 2\^53/],
    ['events.pb', /Protobuf binary needs its \.proto/],
    ['events.ndjson', /'orders' is already a dataset/, { name: 'orders' }],
  ];
  for (const [file, expected, extra] of cases) {
    test(file, async () => {
      await assert.rejects(resolve({ path: fixture(file), ...extra }), (error: unknown) => {
        assert.ok(error instanceof InputError, String(error));
        assert.match(error.message, expected);
        assert.doesNotMatch(error.message, /\n/);
        assert.ok(!error.message.includes(SENTINEL), 'no value from the file');
        return true;
      });
    });
  }
});

describe('input datasets', () => {
  test('stream lazily and continue where the last batch stopped', async () => {
    const spec = await resolve({ path: fixture('events.ndjson') }, 12);
    const dataset = await openInputDataset(spec, 12);
    const whole = [...dataset.stream(12, 0)];
    assert.deepEqual([...dataset.stream(5, 0, 0), ...dataset.stream(7, 0, 5)], whole);
    assert.deepEqual([...dataset.stream(2, 0, 10)], whole.slice(10));
    assert.throws(() => [...dataset.stream(13, 0)], /has 12 records, fewer than the 13/);
  });

  test('a file longer than the run is read only as far as the run needs', async () => {
    const spec = await resolve({ path: fixture('events.parquet') }, 4);
    assert.equal(spec.available, undefined);
    assert.equal(spec.provenance.records, 4);
    const dataset = await openInputDataset(spec, 4);
    assert.equal([...dataset.stream(4, 0)].length, 4);
  });

  test('records match their schema in every format', async () => {
    for (const file of ['events.ndjson', 'events.parquet', 'events.avro', 'events.arrow', 'events-flat.csv']) {
      const spec: { schema: RecordSchema } & Awaited<ReturnType<typeof resolve>> = await resolve({ path: fixture(file) });
      for (const record of (await openInputDataset(spec, 12)).stream(12, 0)) assert.equal(recordProblem(spec.schema, record), undefined, file);
    }
  });
});
