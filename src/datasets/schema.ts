/**
 * A format-neutral description of a dataset's records. Schema-based codecs
 * (Parquet, Avro, Arrow) derive their own schema from it, and the fidelity gate
 * compares records field by field with it.
 *
 * 64-bit integers: every `int64` field holds a JS `number` that is a safe
 * integer (|v| <= 2^53 - 1). Codecs must hand back a `number` of the same value;
 * a Long, bigint or string coming back fails the gate. Values beyond 2^53 are
 * not part of the record model; the fidelity probes show what each codec does
 * with them.
 */
export type ScalarKind = 'string' | 'bool' | 'int32' | 'int64' | 'double';

export type FieldType =
  | { readonly kind: ScalarKind }
  | { readonly kind: 'list'; readonly of: FieldType }
  | { readonly kind: 'struct'; readonly fields: readonly Field[] };

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  /** Optional fields may be absent from a record; absent, undefined and null are equal. */
  readonly optional?: boolean;
}

export interface RecordSchema {
  /** Pascal-case name; the protobuf message is `serbench.<name>` and the batch `serbench.<name>Batch`. */
  readonly name: string;
  readonly fields: readonly Field[];
}

export type FieldValue =
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  | readonly FieldValue[]
  | { readonly [key: string]: FieldValue };

export type DataRecord = { readonly [key: string]: FieldValue };

export const scalar = (kind: ScalarKind): FieldType => ({ kind });
export const list = (of: FieldType): FieldType => ({ kind: 'list', of });
export const struct = (fields: readonly Field[]): FieldType => ({ kind: 'struct', fields });
export const field = (name: string, type: FieldType, optional = false): Field =>
  optional ? { name, type, optional } : { name, type };
