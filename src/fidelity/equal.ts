import { mayBeMissing, type Field, type FieldType, type FieldValue, type RecordSchema } from '../datasets/schema.js';

/**
 * The fidelity gate's equality, driven by the schema:
 * - every field of the schema is read by property access, so values that a codec
 *   keeps on a prototype (protobufjs defaults) count;
 * - numbers compare with Object.is (NaN equals NaN, -0 differs from 0) and must
 *   stay numbers (a Long, bigint or string in an int64 field is a difference);
 *   an int64 beyond 2^53 (a bigint in the record) must come back the same bigint;
 * - an optional (or nullable) field may be absent, undefined or null: the three are equal;
 * - bytes compare byte by byte (any Uint8Array, a Buffer too); timestamps are Dates
 *   of the same millisecond; maps have the same keys and equal values;
 * - lists compare element by element; extra properties not in the schema are ignored.
 */
export interface Difference {
  /** Where, with record and list positions: `[3].items[0].sku`. */
  readonly path: string;
  /** The schema path, without positions: `items[].sku` (map values: `labels{}`). */
  readonly field: string;
  readonly type: FieldType | undefined;
  readonly expected: unknown;
  readonly actual: unknown;
}

const isAbsent = (value: unknown): boolean => value === undefined || value === null;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value);

/** Receives each difference; returns true to stop the walk. */
type Report = (difference: Difference) => boolean;

interface Where {
  readonly path: string;
  readonly field: string;
}

const child = (where: Where, name: string): Where => ({ path: `${where.path}.${name}`, field: where.field === '' ? name : `${where.field}.${name}` });

function sameBytes(expected: unknown, actual: unknown): boolean {
  if (!(expected instanceof Uint8Array) || !(actual instanceof Uint8Array)) return false;
  if (expected.byteLength !== actual.byteLength) return false;
  for (let i = 0; i < expected.byteLength; i++) if (expected[i] !== actual[i]) return false;
  return true;
}

function sameNumber(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'bigint' || typeof actual === 'bigint') return expected === actual;
  return typeof actual === typeof expected && Object.is(expected, actual);
}

/** Walks one value; returns true when the walk must stop. */
function walk(type: FieldType, expected: unknown, actual: unknown, where: Where, report: Report): boolean {
  const differ = (): boolean => report({ path: where.path, field: where.field, type, expected, actual });
  switch (type.kind) {
    case 'struct':
      if (!isObject(actual)) return differ();
      return walkFields(type.fields, expected as Record<string, FieldValue>, actual, where, report);
    case 'list': {
      if (!Array.isArray(expected) || !Array.isArray(actual)) return Array.isArray(expected) === Array.isArray(actual) ? false : differ();
      if (expected.length !== actual.length) return report({ path: `${where.path}.length`, field: `${where.field}[]`, type, expected: expected.length, actual: actual.length });
      for (let i = 0; i < expected.length; i++) {
        if (walk(type.of, expected[i], actual[i], { path: `${where.path}[${i}]`, field: `${where.field}[]` }, report)) return true;
      }
      return false;
    }
    case 'map': {
      if (!isObject(expected) || !isObject(actual)) return differ();
      const keys = Object.keys(expected);
      if (keys.length !== Object.keys(actual).length || keys.some((key) => !Object.hasOwn(actual, key))) {
        return report({ path: `${where.path}{keys}`, field: `${where.field}{}`, type, expected: keys.length, actual: Object.keys(actual).length });
      }
      for (const key of keys) {
        // Map keys are the record's data: paths name the map, never the key.
        if (walk(type.values, expected[key], actual[key], { path: `${where.path}{}`, field: `${where.field}{}` }, report)) return true;
      }
      return false;
    }
    case 'int32':
    case 'int64':
    case 'double':
      return sameNumber(expected, actual) ? false : differ();
    case 'bytes':
      return sameBytes(expected, actual) ? false : differ();
    case 'timestamp':
      return expected instanceof Date && actual instanceof Date && Object.is(expected.getTime(), actual.getTime()) ? false : differ();
    default:
      return expected === actual ? false : differ();
  }
}

function walkFields(fields: readonly Field[], expected: Record<string, FieldValue>, actual: Record<string, unknown>, where: Where, report: Report): boolean {
  for (const f of fields) {
    const inner = child(where, f.name);
    const want = expected[f.name];
    const got = actual[f.name];
    if (mayBeMissing(f) && isAbsent(want)) {
      if (isAbsent(got)) {
        // Equal for the gate; the per-field table still wants to know null became absent.
        if (want === null && got === undefined) {
          if (reportInformational(report, { path: inner.path, field: inner.field, type: f.type, expected: want, actual: got })) return true;
        }
        continue;
      }
      if (report({ path: inner.path, field: inner.field, type: f.type, expected: want, actual: got })) return true;
      continue;
    }
    if (walk(f.type, want, got, inner, report)) return true;
  }
  return false;
}

/**
 * Differences the gate accepts (an optional field's null coming back absent) go only
 * to reports that ask for them (collectDifferences); firstDifference never sees them.
 */
const INFORMATIONAL = Symbol('informational');
type TaggedReport = Report & { [INFORMATIONAL]?: true };
function reportInformational(report: TaggedReport, difference: Difference): boolean {
  return report[INFORMATIONAL] ? report(difference) : false;
}

function walkBatch(schema: RecordSchema, expected: readonly FieldValue[], actual: readonly unknown[], report: Report): void {
  if (!Array.isArray(actual)) {
    report({ path: '(batch)', field: '(batch)', type: undefined, expected: 'an array of records', actual });
    return;
  }
  if (expected.length !== actual.length) {
    report({ path: '(batch).length', field: '(batch)', type: undefined, expected: expected.length, actual: actual.length });
    return;
  }
  for (let i = 0; i < expected.length; i++) {
    const got = actual[i];
    if (!isObject(got)) {
      if (report({ path: `[${i}]`, field: '(record)', type: undefined, expected: expected[i], actual: got })) return;
      continue;
    }
    if (walkFields(schema.fields, expected[i] as Record<string, FieldValue>, got, { path: `[${i}]`, field: '' }, report)) return;
  }
}

/** The first difference between two batches of records, or undefined when equal. */
export function firstDifference(schema: RecordSchema, expected: readonly FieldValue[], actual: readonly unknown[]): Difference | undefined {
  let first: Difference | undefined;
  walkBatch(schema, expected, actual, (difference) => {
    first = difference;
    return true;
  });
  return first;
}

/**
 * Every difference between two batches, including the ones the gate accepts (an
 * optional field's null coming back absent), for the per-field fidelity table.
 * `limit` stops the walk after that many (a codec that changes every value of a
 * million-record batch need not list them all).
 */
export function collectDifferences(schema: RecordSchema, expected: readonly FieldValue[], actual: readonly unknown[], limit = 100_000): Difference[] {
  const found: Difference[] = [];
  const report: TaggedReport = (difference) => {
    found.push(difference);
    return found.length >= limit;
  };
  report[INFORMATIONAL] = true;
  walkBatch(schema, expected, actual, report);
  return found;
}

/** A short, unambiguous rendering of a value for error messages and the fidelity table. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  if (value instanceof Date) return `Date ${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()}`;
  if (value instanceof Uint8Array) return `${value.constructor.name}(${value.byteLength})`;
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
