import type { DataRecord } from '../datasets/schema.js';
import { avroBatchSchema, avroType, checkAvroSupport } from './avro-schema.js';
import { asBuffer } from './bytes.js';
import { compileRecordCopy } from './convert.js';
import type { Codec } from './types.js';

export { avroBatchSchema } from './avro-schema.js';

/**
 * avsc with a schema derived from the dataset's RecordSchema and compiled once
 * per schema (avsc generates a reader and writer for it): the way Avro is used at
 * its best, when both sides know the schema. The bytes are the bare Avro binary
 * encoding of the batch, with no schema or container header.
 */
export const avroCodec: Codec = {
  name: 'avro',
  description: 'avsc, schema derived from the dataset and compiled once; bare Avro binary of the batch (array of records)',
  int64: "Avro long (zig-zag varint) via avsc's default long type: a number up to ±(2^53 - 2); beyond that, or a bigint, is rejected",
  create(schema) {
    checkAvroSupport(schema);
    const type = avroType(avroBatchSchema(schema), { omitRecordMethods: true });
    // avsc's bytes type takes only a Buffer; a Uint8Array is viewed as one (no copy of the bytes).
    const toAvro = compileRecordCopy(schema.fields, (t) => (t.kind === 'bytes' ? (value) => (value instanceof Uint8Array ? asBuffer(value) : value) : undefined));
    return {
      mode: 'sync',
      encode: toAvro ? (records) => type.toBuffer(records.map(toAvro)) : (records) => type.toBuffer(records),
      decode(bytes) {
        const decoded: unknown = type.fromBuffer(asBuffer(bytes));
        return decoded as readonly DataRecord[];
      },
    };
  },
};
