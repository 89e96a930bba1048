import avsc from 'avsc';
import type { DataRecord, Field, FieldType, RecordSchema } from '../datasets/schema.js';
import { asBuffer } from './bytes.js';
import { forSchemaGuarded } from './guards/avro.js';
import type { Codec } from './types.js';

type AvroType = string | readonly AvroType[] | { readonly [key: string]: unknown };

const primitives = { string: 'string', bool: 'boolean', int32: 'int', int64: 'long', double: 'double' } as const;

function toAvroType(type: FieldType, path: string): AvroType {
  switch (type.kind) {
    case 'list':
      return { type: 'array', items: toAvroType(type.of, `${path}_item`) };
    case 'struct':
      return toAvroRecord(path, type.fields);
    default:
      return primitives[type.kind];
  }
}

/** Nested records are named after their path (Order_customer_address): Avro names must be unique in a schema. */
function toAvroRecord(name: string, fields: readonly Field[]): AvroType {
  return {
    type: 'record',
    name,
    fields: fields.map((f) => {
      const type = toAvroType(f.type, `${name}_${f.name}`);
      // An optional field is a union with null, null first so that it can default to null when absent.
      return f.optional ? { name: f.name, type: ['null', type], default: null } : { name: f.name, type };
    }),
  };
}

/** The Avro schema of a batch: an array of the dataset's records (exported for docs and tests). */
export function avroBatchSchema(schema: RecordSchema): AvroType {
  return { type: 'array', items: toAvroRecord(schema.name, schema.fields) };
}

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
    const type = forSchemaGuarded(avroBatchSchema(schema) as avsc.Schema, { omitRecordMethods: true });
    return {
      mode: 'sync',
      encode: (records) => type.toBuffer(records),
      decode(bytes) {
        const decoded: unknown = type.fromBuffer(asBuffer(bytes));
        return decoded as readonly DataRecord[];
      },
    };
  },
};
