// Regenerates test/fixtures/inputs/: the same small "events" records in every format
// `--input` reads, written by serbench's own codecs and the libraries in the tree, plus
// broken files for the bad-input tests. Every string field of record 3 holds the
// sentinel SENTINEL_TEXT, so tests can search everything serbench writes for it.
// The Avro file from another implementation (Apache Avro's Python library) is made by
// scripts/input-fixtures-avro.py. Run: npx tsx scripts/gen-input-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import avsc from 'avsc';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { avroRecordSchema } from '../src/codecs/avro-schema.js';
import { createCodecRegistry, bindCodec } from '../src/codecs/registry.js';
import { field, list, scalar, struct, type DataRecord, type RecordSchema } from '../src/datasets/schema.js';
import { protobuf } from '../src/codecs/protobuf-runtime.js';

const out = join(import.meta.dirname, '..', 'test', 'fixtures', 'inputs');
mkdirSync(out, { recursive: true });

export const SENTINEL_TEXT = 'SENTINEL-9d1e-user-secret';

/** The fixtures' schema, as inference should find it from any format that carries it. */
export const eventsSchema: RecordSchema = {
  name: 'InputEvents',
  fields: [
    field('id', scalar('int64')),
    field('user', scalar('string')),
    field('kind', scalar('string')),
    field('ts_ms', scalar('int64')),
    field('ok', scalar('bool')),
    field('score', scalar('double')),
    field('count', scalar('int32')),
    field('tags', list(scalar('string'))),
    field('device', struct([field('os', scalar('string')), field('version', scalar('int32'))])),
    field('note', scalar('string'), true),
  ],
};

function events(): DataRecord[] {
  return Array.from({ length: 12 }, (_, i) => {
    const secret = i === 3;
    return {
      id: 5_000_000_000 + i * 7919,
      user: secret ? SENTINEL_TEXT : `user-${i % 5}`,
      kind: secret ? SENTINEL_TEXT : ['click', 'view', 'buy'][i % 3] as string,
      ts_ms: 1_767_225_600_000 + i * 61_000,
      ok: i % 4 !== 0,
      score: i === 5 ? -0 : i / 8 + 0.5,
      count: i * 3 - 10,
      tags: i % 3 === 0 ? [] : secret ? [SENTINEL_TEXT] : ['a', 'b'].slice(0, i % 2 + 1),
      device: { os: secret ? SENTINEL_TEXT : ['linux', 'ios', 'android'][i % 3] as string, version: 10 + (i % 4) },
      ...(i % 3 === 1 ? {} : { note: secret ? SENTINEL_TEXT : i % 3 === 2 ? '' : `note ${i}` }),
    };
  });
}

const records = events();
const codecs = createCodecRegistry();
const encode = async (codec: string, schema: RecordSchema = eventsSchema) => bindCodec(codecs.get(codec), schema).encode(records);

writeFileSync(join(out, 'events.ndjson'), await encode('ndjson'));
writeFileSync(join(out, 'events.json'), await encode('json'));
writeFileSync(join(out, 'events.parquet'), await encode('parquet-hyparquet'));
writeFileSync(join(out, 'events.arrows'), await encode('arrow'));
writeFileSync(join(out, 'events.arrow'), tableToIPC(tableFromIPC(await encode('arrow')), 'file'));
// CSV carries no lists: the flat part of the events.
const flat: RecordSchema = { name: 'InputEventsFlat', fields: eventsSchema.fields.filter((f) => f.name !== 'tags') };
writeFileSync(join(out, 'events-flat.csv'), await bindCodec(codecs.get('csv'), flat).encode(records));
writeFileSync(join(out, 'events-flat.ndjson'), await bindCodec(codecs.get('ndjson'), flat).encode(records.map(({ tags: _, ...rest }) => rest)));
writeFileSync(join(out, 'events-flat.tsv'), (await bindCodec(codecs.get('csv'), flat).encode(records)).toString().replace(/,/g, '\t'));

// Avro object container, written by avsc's block encoder (deflate-free: the null codec).
const avroSchema = avroRecordSchema(eventsSchema);
const container = await new Promise<Buffer>((resolve, reject) => {
  const chunks: Buffer[] = [];
  // A fixed sync marker: the same fixture bytes on every run.
  const encoder = new avsc.streams.BlockEncoder(avsc.Type.forSchema(avroSchema as avsc.Schema), { syncMarker: Buffer.alloc(16, 0x5a) });
  encoder.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  for (const record of records) encoder.write(record);
  encoder.end();
});
writeFileSync(join(out, 'events.avro'), container);
writeFileSync(join(out, 'events.avsc'), `${JSON.stringify(avroSchema, null, 2)}\n`);

// A user's .proto, field numbers of their own, and length-delimited messages written with protobufjs.
const proto = `syntax = "proto3";
package acme.events;

message Device {
  string os = 1;
  int32 version = 2;
}

message Event {
  int64 id = 1;
  string user = 2;
  string kind = 3;
  int64 ts_ms = 4;
  bool ok = 5;
  double score = 6;
  sint32 count = 7;
  repeated string tags = 8;
  Device device = 9;
  optional string note = 15;
}
`;
writeFileSync(join(out, 'events.proto'), proto);
const Event = protobuf.parse(proto, { keepCase: true }).root.lookupType('acme.events.Event');
const writer = protobuf.Writer.create();
for (const record of records) Event.encodeDelimited(record as Record<string, unknown>, writer);
writeFileSync(join(out, 'events.pb'), writer.finish());
writeFileSync(join(out, 'event-one.pb'), Event.encode(records[0] as Record<string, unknown>).finish());

// Kinds only some formats have: maps (keys vary), bytes, timestamps, nulls, int64 past 2^53 (CSV holds it exactly).
const kinds = [
  { id: 1, labels: { env: 'prod', region: 'eu' }, maybe: null, big: '1' },
  { id: 2, labels: { team: 'core', tier: 'gold', zone: 'a' }, maybe: 3, big: '2' },
  { id: 3, labels: { owner: 'x' }, maybe: null, big: '3' },
];
writeFileSync(join(out, 'kinds.ndjson'), kinds.map((r) => JSON.stringify(r)).join('\n') + '\n');
writeFileSync(join(out, 'big-int.csv'), 'id,big\n1,9007199254740993\n2,12\n');
writeFileSync(join(out, 'big-int.ndjson'), '{"id":1,"big":9007199254740993}\n');

// Values some codecs change (a lone surrogate, -0 in a double): their gate reasons and per-field rows must not quote the sentinel.
writeFileSync(join(out, 'leaky.ndjson'), `${JSON.stringify({ id: 1, user: `${SENTINEL_TEXT}\ud800`, amount: 1.5 })}\n${JSON.stringify({ id: 2, user: SENTINEL_TEXT, amount: 2.25 })}\n`);

// Bad inputs.
writeFileSync(join(out, 'broken-line.ndjson'), '{"id":1,"user":"a"}\n{"id":2,"user":"SENTINEL-9d1e-user-secret"\n{"id":3,"user":"c"}\n');
writeFileSync(join(out, 'ragged.csv'), 'id,user,kind\n1,a,click\n2,b\n3,c,view\n');
writeFileSync(join(out, 'object.json'), '{\n  "id": 1,\n  "user": "a"\n}\n');
writeFileSync(join(out, 'mixed-kinds.ndjson'), '{"id":1,"v":1}\n{"id":2,"v":2}\n{"id":3,"v":"three"}\n');
writeFileSync(join(out, 'empty.ndjson'), '');
writeFileSync(join(out, 'notes.xyz'), 'hello\n');
let deep: unknown = { leaf: 1 };
for (let i = 0; i < 40; i++) deep = { d: deep };
writeFileSync(join(out, 'deep.ndjson'), `${JSON.stringify(deep)}\n`);
const parquet = Buffer.from(await encode('parquet-hyparquet'));
parquet.fill(0xff, parquet.length - 40, parquet.length - 8);
writeFileSync(join(out, 'corrupt.parquet'), parquet);
// The sync marker after the first block, damaged: the last 16 bytes of a one-block file.
const damaged = Buffer.from(container);
damaged.fill(0xee, damaged.length - 16);
writeFileSync(join(out, 'corrupt.avro'), damaged);
const arrow = Buffer.from(await encode('arrow'));
writeFileSync(join(out, 'corrupt.arrows'), arrow.subarray(0, Math.floor(arrow.length / 2)));
console.log(`gen-input-fixtures: wrote ${out}`);
