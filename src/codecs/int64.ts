import type { Field, FieldType } from '../datasets/schema.js';
import { compileRecordInPlace } from './convert.js';

/**
 * Converters for libraries that hold int64 as bigint (Apache Arrow, hyparquet,
 * @bufbuild/protobuf) while serbench's record model holds it as a JS number
 * (src/datasets/schema.ts). Both are compiled once per schema; their cost is part
 * of the codec's encode or decode, as it would be in an application.
 */

export function containsInt64(type: FieldType): boolean {
  switch (type.kind) {
    case 'int64':
      return true;
    case 'list':
      return containsInt64(type.of);
    case 'map':
      return containsInt64(type.values);
    case 'struct':
      return type.fields.some((f) => containsInt64(f.type));
    default:
      return false;
  }
}

type Convert = (value: unknown) => unknown;

const toBigint: Convert = (value) => (value === undefined || value === null ? null : typeof value === 'bigint' ? value : BigInt(value as number));
const orNull: Convert = (value) => (value === undefined ? null : value);

/**
 * The value with every int64 inside it as a bigint, and absent values as null.
 * Objects and arrays are copied only on the way to an int64; the rest is shared.
 * A number that is not an integer throws (BigInt's RangeError), which the codec reports.
 */
export function compileToBigint(type: FieldType): Convert {
  if (!containsInt64(type)) return orNull;
  switch (type.kind) {
    case 'int64':
      return toBigint;
    case 'list': {
      const item = compileToBigint(type.of);
      return (value) => (Array.isArray(value) ? value.map(item) : null);
    }
    case 'map': {
      const item = compileToBigint(type.values);
      return (value) => (value === undefined || value === null ? null : Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, item(v)])));
    }
    case 'struct': {
      const steps = type.fields.filter((f) => containsInt64(f.type)).map((f) => [f.name, compileToBigint(f.type)] as const);
      return (value) => {
        if (value === undefined || value === null) return null;
        const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
        for (const [name, convert] of steps) copy[name] = convert(copy[name]);
        return copy;
      };
    }
    default:
      return orNull;
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint back to a number when it is a safe integer; beyond 2^53 it stays a bigint (exact, and visibly not a number). */
export function bigintToNumber(value: unknown): unknown {
  return typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

/**
 * Rewrites a decoded row in place: int64 bigints back to numbers (see above).
 * Undefined when the schema has no int64 (nothing to do).
 */
export function compileBigintToNumber(fields: readonly Field[]): ((row: Record<string, unknown>) => void) | undefined {
  // Objects and arrays are rewritten, not copied: the decoded rows belong to the codec.
  const convert = compileRecordInPlace(fields, (type) => (type.kind === 'int64' ? bigintToNumber : undefined));
  return convert ? (row) => void convert(row) : undefined;
}
