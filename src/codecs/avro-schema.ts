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
    return new Date(value as number);
  }
  override _toValue(value: unknown): unknown {
    return value instanceof Date ? value.getTime() : value;
  }
  override _resolve(type: avsc.Type): ((value: unknown) => Date) | undefined {
    return avsc.Type.isType(type, 'long', 'logical:timestamp-millis') ? (value) => this._fromValue(value) : undefined;
  }
}

/** avsc's type for an Avro schema, with timestamps as Dates and array reads bounded (guards/avro.ts). */
export function avroType(schema: AvroType, options: Partial<avsc.ForSchemaOptions> = {}): avsc.Type {
  return forSchemaGuarded(schema as avsc.Schema, { ...options, logicalTypes: { 'timestamp-millis': DateType, ...options.logicalTypes } });
}
