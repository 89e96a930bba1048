import { mayBeMissing, type Field, type FieldType, type RecordSchema } from './schema.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value);

/** The first way `value` does not match `type`, or undefined. Used to check generators and decoded files. */
function typeProblem(type: FieldType, value: unknown, path: string): string | undefined {
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' ? undefined : `${path}: expected a string`;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `${path}: expected a boolean`;
    case 'int32':
      return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31 ? undefined : `${path}: expected an int32`;
    case 'int64':
      // A bigint only for what a number cannot hold exactly (a user's file; see schema.ts).
      if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX && !(value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) ? undefined : `${path}: expected an int64 (a bigint only beyond 2^53)`;
      return Number.isSafeInteger(value) ? undefined : `${path}: expected an int64 held as a safe integer number`;
    case 'double':
      return typeof value === 'number' ? undefined : `${path}: expected a number`;
    case 'bytes':
      return value instanceof Uint8Array ? undefined : `${path}: expected bytes (a Uint8Array)`;
    case 'timestamp':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : `${path}: expected a timestamp (a valid Date)`;
    case 'enum':
      return typeof value === 'string' && type.symbols.includes(value) ? undefined : `${path}: expected one of the enum's ${type.symbols.length} symbols`;
    case 'list':
      if (!Array.isArray(value)) return `${path}: expected a list`;
      for (let i = 0; i < value.length; i++) {
        const problem = typeProblem(type.of, value[i], `${path}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    case 'map':
      if (!isObject(value)) return `${path}: expected a map (an object)`;
      for (const item of Object.values(value)) {
        const problem = typeProblem(type.values, item, `${path}{}`);
        if (problem) return problem;
      }
      return undefined;
    case 'struct':
      if (!isObject(value)) return `${path}: expected an object`;
      return fieldsProblem(type.fields, value, path);
  }
}

function fieldsProblem(fields: readonly Field[], record: Record<string, unknown>, prefix: string): string | undefined {
  for (const field of fields) {
    const path = prefix === '' ? field.name : `${prefix}.${field.name}`;
    const value = record[field.name];
    if (value === undefined || value === null) {
      if (mayBeMissing(field)) continue;
      return `${path}: required field is missing`;
    }
    const problem = typeProblem(field.type, value, path);
    if (problem) return problem;
  }
  return undefined;
}

export function recordProblem(schema: RecordSchema, record: unknown): string | undefined {
  if (!isObject(record)) return 'expected a record object';
  return fieldsProblem(schema.fields, record, '');
}
