/**
 * A format-neutral description of a dataset's records. Schema-based codecs
 * (Parquet, Avro, Arrow, Protobuf) derive their own schema from it, and the
 * fidelity gate compares records field by field with it.
 *
 * The record model (what a record holds for each kind):
 * - `string`, `bool`, `double`: JS strings, booleans, numbers.
 * - `int32`: a number in [-2^31, 2^31).
 * - `int64`: a JS `number` that is a safe integer (|v| <= 2^53 - 1). Codecs must
 *   hand back a `number` of the same value; a Long, bigint or string coming back
 *   fails the gate. A user's file may hold integers beyond 2^53: readers that can
 *   read them exactly (CSV, Parquet, Arrow, Avro) keep them as a `bigint`, and the
 *   fidelity table shows which codec keeps them; readers that cannot (JSON text)
 *   stop and say so (src/inputs/).
 * - `bytes`: a Uint8Array (a Buffer is one).
 * - `timestamp`: a Date (an instant, millisecond precision: what a JS application holds).
 * - `enum`: a string, one of `symbols` (`numbers`: their Protobuf numbers when a .proto
 *   gave them; otherwise their positions). Only explicit schemas (.proto, .avsc) make enums:
 *   inference never does (a guess, and the symbols would be the user's values).
 * - `list`: an array; `struct`: an object with the listed fields; `map`: an object
 *   whose keys vary from record to record, every value of one type.
 */
export type ScalarKind = 'string' | 'bool' | 'int32' | 'int64' | 'double' | 'bytes' | 'timestamp';

export type FieldType =
  | { readonly kind: ScalarKind }
  | { readonly kind: 'enum'; readonly symbols: readonly string[]; readonly numbers?: readonly number[] }
  | { readonly kind: 'list'; readonly of: FieldType }
  | { readonly kind: 'map'; readonly values: FieldType }
  | { readonly kind: 'struct'; readonly fields: readonly Field[] };

export type FieldKind = FieldType['kind'];

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  /** Optional fields may be absent from a record; absent, undefined and null are equal. */
  readonly optional?: boolean;
  /**
   * The field was null in some record (inferred schemas say so apart from `optional`,
   * absent in some record). Codecs treat it as optional; the per-field fidelity table
   * reports a codec that turns null into absent.
   */
  readonly nullable?: boolean;
}

export interface RecordSchema {
  /** Pascal-case name; the protobuf message is `serbench.<name>` and the batch `serbench.<name>Batch`. */
  readonly name: string;
  readonly fields: readonly Field[];
  /**
   * The Protobuf messages of this schema when they are not the built-in ones in proto/:
   * a user's own .proto, or one derived from the schema (src/codecs/proto-schema.ts).
   */
  readonly protobuf?: ProtobufBinding;
}

/** A .proto source and the batch message (`repeated <record> records = 1`) in it. */
export interface ProtobufBinding {
  /** The whole .proto text, the batch message included. */
  readonly source: string;
  /** Fully qualified batch message name, e.g. `acme.events.EventBatch`. */
  readonly batchType: string;
  /** Where the .proto came from: the user's file, or derived from the schema. */
  readonly origin: 'user' | 'derived';
}

export type FieldValue =
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  | Uint8Array
  | Date
  | readonly FieldValue[]
  | { readonly [key: string]: FieldValue };

export type DataRecord = { readonly [key: string]: FieldValue };

export const scalar = (kind: ScalarKind): FieldType => ({ kind });
export const list = (of: FieldType): FieldType => ({ kind: 'list', of });
export const map = (values: FieldType): FieldType => ({ kind: 'map', values });
export const enumeration = (symbols: readonly string[]): FieldType => ({ kind: 'enum', symbols });
export const struct = (fields: readonly Field[]): FieldType => ({ kind: 'struct', fields });
export const field = (name: string, type: FieldType, optional = false): Field =>
  optional ? { name, type, optional } : { name, type };

/** May a record leave this field out (absent, undefined or null)? */
export const mayBeMissing = (f: Field): boolean => f.optional === true || f.nullable === true;

/** How deep schemas may nest (struct, list and map levels): deeper input is refused with the field named. */
export const MAX_NESTING = 32;

/**
 * Every type in a schema with its path, depth first: fields (`customer.address.city`),
 * list items (`items[]`, then `items[].sku`) and map values (`labels{}`).
 */
export function* typePaths(fields: readonly Field[], prefix = ''): Generator<{ readonly path: string; readonly type: FieldType; readonly field?: Field }> {
  for (const f of fields) {
    const path = prefix === '' ? f.name : `${prefix}.${f.name}`;
    yield { path, type: f.type, field: f };
    yield* innerPaths(f.type, path);
  }
}

function* innerPaths(type: FieldType, path: string): Generator<{ readonly path: string; readonly type: FieldType; readonly field?: Field }> {
  if (type.kind === 'struct') yield* typePaths(type.fields, path);
  else if (type.kind === 'list') {
    yield { path: `${path}[]`, type: type.of };
    yield* innerPaths(type.of, `${path}[]`);
  } else if (type.kind === 'map') {
    yield { path: `${path}{}`, type: type.values };
    yield* innerPaths(type.values, `${path}{}`);
  }
}

/** A short name of a type for messages and `cli schema`: `list<struct>`, `map<string, int64>`. */
export function describeType(type: FieldType): string {
  switch (type.kind) {
    case 'list':
      return `list<${describeType(type.of)}>`;
    case 'map':
      return `map<string, ${describeType(type.values)}>`;
    case 'enum':
      return `enum(${type.symbols.length})`;
    default:
      return type.kind;
  }
}

/** The first field path (depth first) whose type satisfies `test`, or undefined. */
export function findField(fields: readonly Field[], test: (type: FieldType) => boolean): string | undefined {
  for (const { path, type } of typePaths(fields)) if (test(type)) return path;
  return undefined;
}
