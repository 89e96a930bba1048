import type { Field, FieldType } from '../datasets/schema.js';
import { compileCopy, compileInPlace, isoToDate, type LeafConvert } from './convert.js';

/**
 * One CSV cell per leaf field, as text, and back through the schema. Shared by the
 * `csv` codec and the CSV input reader's typing (src/inputs/). Exact where text can
 * be: doubles by their shortest round-trip text (so -0, NaN and ±Infinity survive),
 * int64 past 2^53 as its digits, bytes as base64, timestamps as ISO 8601 (the
 * millisecond a Date holds), lists and maps as a JSON cell (the documented encoding:
 * inside it JSON's own rules apply, so -0 there becomes 0).
 */
export type ToCell = (value: unknown) => string | undefined;
export type FromCell = (text: string) => unknown;

const numberText = (value: number): string => (Object.is(value, -0) ? '-0' : String(value));
const INTEGER = /^-?\d+$/;

/** An integer cell as a number when exact, else a bigint (never rounded); NaN when not an integer. */
export function parseInteger(text: string): number | bigint {
  if (!INTEGER.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

/** Values inside a JSON cell: bytes as base64, int64 past 2^53 as digits (JSON cannot hold them as numbers). */
const intoJson: LeafConvert = (type) => {
  if (type.kind === 'bytes') return (value) => (value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') : value);
  if (type.kind === 'int64') return (value) => (typeof value === 'bigint' ? String(value) : value);
  return undefined;
};
const outOfJson: LeafConvert = (type) => {
  if (type.kind === 'bytes') return (value) => (typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : value);
  if (type.kind === 'int64') return (value) => (typeof value === 'string' ? parseInteger(value) : value);
  if (type.kind === 'timestamp') return isoToDate;
  return undefined;
};

export function toCell(type: FieldType): ToCell {
  switch (type.kind) {
    case 'string':
    case 'enum':
      return (value) => (typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value));
    case 'bool':
      return (value) => (typeof value === 'boolean' ? String(value) : undefined);
    case 'int32':
    case 'int64':
    case 'double':
      return (value) => (typeof value === 'number' ? numberText(value) : typeof value === 'bigint' ? String(value) : undefined);
    case 'bytes':
      return (value) => (value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') : undefined);
    case 'timestamp':
      return (value) => (value instanceof Date ? value.toISOString() : undefined);
    case 'list':
    case 'map':
    case 'struct': {
      const convert = compileCopy(type, intoJson);
      return (value) => (value === undefined || value === null ? undefined : JSON.stringify(convert ? convert(value) : value));
    }
  }
}

export function fromCell(type: FieldType): FromCell {
  switch (type.kind) {
    case 'string':
    case 'enum':
      return (text) => text;
    case 'bool':
      return (text) => (text === 'true' ? true : text === 'false' ? false : text);
    case 'int32':
      return (text) => (INTEGER.test(text) ? Number(text) : text);
    case 'int64':
      return (text) => (INTEGER.test(text) ? parseInteger(text) : text);
    case 'double':
      return (text) => {
        const value = Number(text);
        return text.trim() !== '' && (!Number.isNaN(value) || text === 'NaN') ? value : text;
      };
    case 'bytes':
      return (text) => new Uint8Array(Buffer.from(text, 'base64'));
    case 'timestamp':
      return (text) => new Date(text);
    case 'list':
    case 'map':
    case 'struct': {
      const convert = compileInPlace(type, outOfJson);
      return (text) => {
        const value: unknown = JSON.parse(text);
        return convert ? convert(value) : value;
      };
    }
  }
}

/** A leaf column of the flattened schema: its dotted header and where it sits in a record. */
export interface Column {
  readonly header: string;
  /** Field names from the record down to the leaf. */
  readonly path: readonly string[];
  readonly type: FieldType;
  /** The structs on the way to the leaf, each with whether it may be absent. */
  readonly optionalParents: readonly number[];
  readonly field: Field;
}

/** Structs become dotted columns (customer.address.city); every other kind is one column. */
export function flattenColumns(fields: readonly Field[], prefix: readonly string[] = [], optionalParents: readonly number[] = []): Column[] {
  return fields.flatMap((f) => {
    const path = [...prefix, f.name];
    if (f.type.kind === 'struct') {
      const parents = f.optional || f.nullable ? [...optionalParents, path.length] : optionalParents;
      return flattenColumns(f.type.fields, path, parents);
    }
    return [{ header: path.join('.'), path, type: f.type, optionalParents, field: f }];
  });
}
