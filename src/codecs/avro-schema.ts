import avsc from 'avsc';
import type { Field, FieldType, RecordSchema } from '../datasets/schema.js';
import { forSchemaGuarded } from './guards/avro.js';
import { allChecks, nameProblem, requireSupported } from './kinds.js';

export type AvroType = string | readonly AvroType[] | { readonly [key: string]: unknown };

const primitives = { string: 'string', bool: 'boolean', int32: 'int', int64: 'long', double: 'double', bytes: 'bytes' } as const;

function toAvroType(type: FieldType, path: string): AvroType {
  switch (type.kind) {
    case 'list':
      return { type: 'array', items: toAvroType(type.of, `${path}_item`) };
    case 'map':
      return { type: 'map', values: toAvroType(type.values, `${path}_value`) };
    case 'struct':
      return toAvroRecord(path, type.fields);
    case 'enum':
      return { type: 'enum', name: path, symbols: [...type.symbols] };
    case 'timestamp':
      return { type: 'long', logicalType: 'timestamp-millis' };
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
      return f.optional || f.nullable ? { name: f.name, type: ['null', type], default: null } : { name: f.name, type };
    }),
  };
}

/** The Avro schema of one record (the user's own .avsc when they gave one). */
export function avroRecordSchema(schema: RecordSchema): AvroType {
  return toAvroRecord(schema.name, schema.fields);
}

/** The Avro schema of a batch: an array of the dataset's records (exported for docs and tests). */
export function avroBatchSchema(schema: RecordSchema): AvroType {
  return { type: 'array', items: avroRecordSchema(schema) };
}

const SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Field names and enum symbols must be Avro names; every other kind has an Avro type. */
export function checkAvroSupport(schema: RecordSchema): void {
  requireSupported(
    schema.fields,
    allChecks(nameProblem('Avro'), (type) => (type.kind === 'enum' && !type.symbols.every((s) => SYMBOL.test(s)) ? 'an enum symbol is not a valid Avro name' : undefined)),
  );
}

/** `timestamp-millis` as a JS Date (avsc's documented way to give a logical type a JS class). */
class DateType extends avsc.types.LogicalType {
  override _fromValue(value: unknown): Date {
    return new Date(Number(value));
  }
  override _toValue(value: unknown): unknown {
    return value instanceof Date ? value.getTime() : value;
  }
  override _resolve(type: avsc.Type): ((value: unknown) => Date) | undefined {
    return avsc.Type.isType(type, 'long', 'logical:timestamp-millis') ? (value) => this._fromValue(value) : undefined;
  }
}

/** `timestamp-micros` read as a Date: the record model holds milliseconds, so the microseconds are cut (docs/inputs.md). */
class MicrosDateType extends DateType {
  override _fromValue(value: unknown): Date {
    return new Date(Math.floor(Number(value) / 1000));
  }
  override _toValue(value: unknown): unknown {
    return value instanceof Date ? value.getTime() * 1000 : value;
  }
}

/**
 * Avro longs as exact integers for reading users' files: a number when it is safe,
 * a bigint past 2^53 (avsc's default long type refuses those).
 */
export const exactLongType = avsc.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => {
    const value = buffer.readBigInt64LE();
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  },
  toBuffer: (value: number | bigint) => {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(BigInt(value));
    return buffer;
  },
  fromJSON: (value: number) => value,
  toJSON: (value: number | bigint) => Number(value),
  isValid: (value: unknown) => typeof value === 'bigint' || Number.isSafeInteger(value),
  compare: (a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

/** The logical types serbench reads and writes as Dates. */
export const DATE_LOGICAL_TYPES = { 'timestamp-millis': DateType, 'timestamp-micros': MicrosDateType };

/** avsc's type for an Avro schema, with timestamps as Dates and array reads bounded (guards/avro.ts). */
export function avroType(schema: AvroType, options: Partial<avsc.ForSchemaOptions> = {}): avsc.Type {
  return forSchemaGuarded(schema as avsc.Schema, { ...options, logicalTypes: { 'timestamp-millis': DateType, ...options.logicalTypes } });
}

/** The type a user's Avro file or .avsc is read with: exact longs, timestamps as Dates, unions unwrapped. */
export function avroReadType(schema: unknown): avsc.Type {
  return forSchemaGuarded(schema as avsc.Schema, { registry: { long: exactLongType }, logicalTypes: DATE_LOGICAL_TYPES, wrapUnions: false });
}
