import type { Field, FieldType, FieldValue, RecordSchema } from '../datasets/schema.js';

/**
 * The fidelity gate's equality, driven by the schema:
 * - every field of the schema is read by property access, so values that a codec
 *   keeps on a prototype (protobufjs defaults) count;
 * - numbers compare with Object.is (NaN equals NaN, -0 differs from 0) and must
 *   stay numbers (a Long, bigint or string in an int64 field is a difference);
 * - an optional field may be absent, undefined or null: the three are equal;
 * - lists compare element by element; extra properties not in the schema are ignored.
 */
export interface Difference {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

function compareValue(type: FieldType, expected: unknown, actual: unknown, path: string): Difference | undefined {
  switch (type.kind) {
    case 'struct':
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return { path, expected, actual };
      return compareFields(type.fields, expected as Record<string, FieldValue>, actual as Record<string, unknown>, path);
    case 'list': {
      if (!Array.isArray(expected) || !Array.isArray(actual)) return Array.isArray(expected) === Array.isArray(actual) ? undefined : { path, expected, actual };
      if (expected.length !== actual.length) return { path: `${path}.length`, expected: expected.length, actual: actual.length };
      for (let i = 0; i < expected.length; i++) {
        const difference = compareValue(type.of, expected[i], actual[i], `${path}[${i}]`);
        if (difference) return difference;
      }
      return undefined;
    }
    case 'int32':
    case 'int64':
    case 'double':
      if (typeof expected === 'bigint' && typeof actual === 'bigint') return expected === actual ? undefined : { path, expected, actual };
      return typeof actual === typeof expected && Object.is(expected, actual) ? undefined : { path, expected, actual };
    default:
      return expected === actual ? undefined : { path, expected, actual };
  }
}

function compareFields(fields: readonly Field[], expected: Record<string, FieldValue>, actual: Record<string, unknown>, prefix: string): Difference | undefined {
  for (const field of fields) {
    const path = prefix === '' ? field.name : `${prefix}.${field.name}`;
    const want = expected[field.name];
    const got = actual[field.name];
    if (field.optional && isAbsent(want)) {
      if (isAbsent(got)) continue;
      return { path, expected: want, actual: got };
    }
    const difference = compareValue(field.type, want, got, path);
    if (difference) return difference;
  }
  return undefined;
}

/** The first difference between two batches of records, or undefined when equal. */
export function firstDifference(schema: RecordSchema, expected: readonly FieldValue[], actual: readonly unknown[]): Difference | undefined {
  if (!Array.isArray(actual)) return { path: '(batch)', expected: 'an array of records', actual };
  if (expected.length !== actual.length) return { path: '(batch).length', expected: expected.length, actual: actual.length };
  for (let i = 0; i < expected.length; i++) {
    const got = actual[i];
    if (typeof got !== 'object' || got === null) return { path: `[${i}]`, expected: expected[i], actual: got };
    const difference = compareFields(schema.fields, expected[i] as Record<string, FieldValue>, got as Record<string, unknown>, `[${i}]`);
    if (difference) return difference;
  }
  return undefined;
}

/** A short, unambiguous rendering of a value for error messages and the fidelity table. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const name = value.constructor?.name;
    if (name && name !== 'Object' && name !== 'Array') return `${name} ${safeJson(value)}`;
    return safeJson(value);
  }
  return String(value);
}

function safeJson(value: object): string {
  try {
    const text = JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return '[unprintable]';
  }
}

export function describeDifference(difference: Difference): string {
  return `at ${difference.path}: expected ${describeValue(difference.expected)}, got ${describeValue(difference.actual)}`;
}
