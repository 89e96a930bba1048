import { deflateRawSync, inflateRawSync } from 'node:zlib';
import avsc from 'avsc';
import type { DataRecord, RecordSchema } from '../datasets/schema.js';
import { avroRecordSchema, avroType, checkAvroSupport, type AvroType } from './avro-schema.js';
import { asBuffer } from './bytes.js';
import { compileRecordCopy } from './convert.js';
import type { Codec } from './types.js';

/** The container's header and block, as the Avro specification defines them ("Object Container Files"). */
const HEADER = avsc.Type.forSchema({
  type: 'record',
  name: 'Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
  ],
});
const LONG = avsc.Type.forSchema('long');
const MAGIC = Buffer.from('Obj\x01', 'latin1');
/** serbench writes one fixed marker (the bytes of a file are then the same on every run); readers take it from the header. */
const SYNC = Buffer.from('serbench-avro-ok', 'latin1');

interface Header {
  readonly magic: Buffer;
  readonly meta: Record<string, Buffer>;
  readonly sync: Buffer;
}

const codecs: Readonly<Record<string, (block: Buffer) => Buffer>> = { null: (block) => block, deflate: (block) => inflateRawSync(block) };

/**
 * An Avro object container file in memory (avsc types): a header carrying the
 * writer's schema and codec, then blocks of records each closed by the sync marker:
 * what Avro files on disk, Hadoop and Kafka Connect sinks hold. Encode writes one
 * uncompressed block (`deflate: true` for a deflate block); decode reads any writer's
 * file (null or deflate blocks) with the schema in its header, so files from other
 * Avro implementations decode too.
 */
export function createAvroContainerCodec(name: string, deflate: boolean): Codec {
  return {
    name,
    description: `avsc: Avro object container file (header with the schema, one ${deflate ? 'deflate' : 'uncompressed'} block, sync marker); decode reads any writer's file with the schema in its header`,
    int64: "Avro long via avsc's default long type: a number up to ±(2^53 - 2); beyond that, or a bigint, is rejected",
    create(schema: RecordSchema) {
      checkAvroSupport(schema);
      const recordSchema = avroRecordSchema(schema);
      const type = avroType(recordSchema, { omitRecordMethods: true });
      const toAvro = compileRecordCopy(schema.fields, (t) => (t.kind === 'bytes' ? (value) => (value instanceof Uint8Array ? asBuffer(value) : value) : undefined));
      const header = HEADER.toBuffer({ magic: MAGIC, meta: { 'avro.schema': Buffer.from(JSON.stringify(recordSchema)), 'avro.codec': Buffer.from(deflate ? 'deflate' : 'null') }, sync: SYNC });
      // Another writer's file is read with its own schema (its record names need not be ours); the gate then compares fields by name.
      const readers = new Map<string, avsc.Type>([[JSON.stringify(recordSchema), type]]);
      const readerFor = (writerSchema: string): avsc.Type => {
        let reader = readers.get(writerSchema);
        if (!reader) {
          reader = avroType(JSON.parse(writerSchema) as AvroType, { omitRecordMethods: true });
          readers.set(writerSchema, reader);
        }
        return reader;
      };
      return {
        mode: 'sync',
        encode(records) {
          const items = records.map((record) => type.toBuffer(toAvro ? toAvro(record) : record));
          const data = deflate ? deflateRawSync(Buffer.concat(items)) : Buffer.concat(items);
          return Buffer.concat([header, LONG.toBuffer(records.length), LONG.toBuffer(data.length), data, SYNC]);
        },
        decode(bytes) {
          const buffer = asBuffer(bytes);
          if (buffer.length < 4 || !buffer.subarray(0, 4).equals(MAGIC)) throw new Error('not an Avro object container file (no Obj\\x01 magic)');
          const head = HEADER.decode(buffer, 0);
          if (head.offset < 0) throw new Error('the container header is cut off');
          const { meta, sync } = head.value as Header;
          const writerSchema = meta['avro.schema']?.toString();
          if (!writerSchema) throw new Error('the container header has no avro.schema');
          const inflate = codecs[meta['avro.codec']?.toString() ?? 'null'];
          if (!inflate) throw new Error(`unsupported Avro block codec '${meta['avro.codec']?.toString()}' (null and deflate are read)`);
          const reader = readerFor(writerSchema);
          const records: DataRecord[] = [];
          let pos = head.offset;
          while (pos < buffer.length) {
            const count = LONG.decode(buffer, pos);
            const size = count.offset < 0 ? count : LONG.decode(buffer, count.offset);
            if (size.offset < 0) throw new Error('a block header is cut off');
            const length = size.value as number;
            const end = size.offset + length;
            if ((count.value as number) < 0 || length < 0 || end + 16 > buffer.length) throw new Error(`a block claims ${length} bytes, but only ${buffer.length - size.offset} are left`);
            if (!buffer.subarray(end, end + 16).equals(sync)) throw new Error('a block does not end with the sync marker');
            const data = inflate(buffer.subarray(size.offset, end));
            let offset = 0;
            for (let i = 0; i < (count.value as number); i++) {
              const item = reader.decode(data, offset);
              if (item.offset < 0) throw new Error('a block holds fewer records than it says');
              records.push(item.value as DataRecord);
              offset = item.offset;
            }
            pos = end + 16;
          }
          return records;
        },
      };
    },
  };
}

export const avroContainerCodec = createAvroContainerCodec('avro-container', false);
