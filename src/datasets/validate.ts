import type { Field, FieldType, RecordSchema } from './schema.js';

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
      return Number.isSafeInteger(value) ? undefined : `${path}: expected an int64 held as a safe integer number`;
    case 'double':
      return typeof value === 'number' ? undefined : `${path}: expected a number`;
    case 'list':
      if (!Array.isArray(value)) return `${path}: expected a list`;
      for (let i = 0; i < value.length; i++) {
        const problem = typeProblem(type.of, value[i], `${path}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    case 'struct':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path}: expected an object`;
      return fieldsProblem(type.fields, value as Record<string, unknown>, path);
  }
}

function fieldsProblem(fields: readonly Field[], record: Record<string, unknown>, prefix: string): string | undefined {
  for (const field of fields) {
    const path = prefix === '' ? field.name : `${prefix}.${field.name}`;
    const value = record[field.name];
    if (value === undefined || value === null) {
      if (field.optional) continue;
      return `${path}: required field is missing`;
    }
    const problem = typeProblem(field.type, value, path);
    if (problem) return problem;
  }
  return undefined;
}

export function recordProblem(schema: RecordSchema, record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'expected a record object';
  return fieldsProblem(schema.fields, record as Record<string, unknown>, '');
}
