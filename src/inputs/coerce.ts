import { mayBeMissing, type DataRecord, type Field, type FieldType, type RecordSchema } from '../datasets/schema.js';
import { parseInteger } from '../codecs/csv-cells.js';
import { InputError, type RawRecord } from './types.js';

/**
 * Types a record as read (JSON values, CSV text, typed values from binary formats)
 * into the record model of its schema: the step every record of an input dataset
 * takes, in the run's source too. Fields the schema does not name are left out.
 * A value that does not fit stops with one line naming the file, record and field,
 * never the value.
 */
type Typer = (value: unknown, path: string) => unknown;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Thrown inside a record; the reader's record number is added where it is caught. */
class Misfit extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`field ${path}: ${detail}`);
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a timestamp';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value === 'object' ? 'an object' : `a ${typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value}`;
}

const misfit = (path: string, expected: string, value: unknown): never => {
  throw new Misfit(path, `expected ${expected}, got ${kindOf(value)}`);
};

function integer(value: unknown, path: string, textual: boolean, kind: 'int32' | 'int64'): number | bigint {
  let result: number | bigint;
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (!Number.isSafeInteger(value)) {
      if (textual) throw new Misfit(path, 'an integer beyond 2^53, which text cannot give exactly (write it as a string, or use a binary format)');
      result = BigInt(value);
    } else result = value;
  } else if (typeof value === 'bigint') result = value >= SAFE_MIN && value <= SAFE_MAX ? Number(value) : value;
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) result = parseInteger(value);
  else return misfit(path, `an ${kind}`, value);
  if (kind === 'int32' && (typeof result === 'bigint' || result < INT32_MIN || result > INT32_MAX)) throw new Misfit(path, 'an integer outside the int32 range');
  return result;
}

function compileTyper(type: FieldType, textual: boolean): Typer {
  switch (type.kind) {
    case 'string':
      return (value, path) => (typeof value === 'string' ? value : misfit(path, 'a string', value));
    case 'enum': {
      const symbols = new Set(type.symbols);
      const byNumber = new Map(type.symbols.map((s, i) => [type.numbers?.[i] ?? i, s]));
      return (value, path) => {
        if (typeof value === 'string' && symbols.has(value)) return value;
        if (typeof value === 'number' && byNumber.has(value)) return byNumber.get(value);
        throw new Misfit(path, `expected one of the enum's ${symbols.size} symbols`);
      };
    }
    case 'bool':
      return (value, path) => (typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : misfit(path, 'a boolean', value));
    case 'int32':
    case 'int64': {
      const kind = type.kind;
      return (value, path) => integer(value, path, textual, kind);
    }
    case 'double':
      return (value, path) => {
        if (typeof value === 'number') return value;
        if (typeof value === 'bigint') return Number(value);
        if (typeof value === 'string' && value.trim() !== '') {
          const number = Number(value);
          if (!Number.isNaN(number) || value === 'NaN') return number;
        }
        return misfit(path, 'a number', value);
      };
    case 'bytes':
      return (value, path) => (value instanceof Uint8Array ? value : typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : misfit(path, 'bytes (or base64 text)', value));
    case 'timestamp':
      return (value, path) => {
        const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
        if (!date || Number.isNaN(date.getTime())) return misfit(path, 'a timestamp (a Date, ISO 8601 text or milliseconds since 1970)', value);
        return date;
      };
    case 'list': {
      const item = compileTyper(type.of, textual);
      return (value, path) => {
        const list = typeof value === 'string' ? parseJsonCell(value, path) : value;
        if (!Array.isArray(list)) return misfit(path, 'a list', value);
        return list.map((v, i) => (v === null || v === undefined ? v : item(v, `${path}[${i}]`)));
      };
    }
    case 'map': {
      const item = compileTyper(type.values, textual);
      return (value, path) => {
        const object = typeof value === 'string' ? parseJsonCell(value, path) : value;
        if (!isPlainObject(object)) return misfit(path, 'a map (an object)', value);
        const out: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(object)) out[key] = v === null || v === undefined ? v : item(v, `${path}{}`);
        return out;
      };
    }
    case 'struct': {
      const typeRecord = compileFields(type.fields, textual);
      return (value, path) => {
        const object = typeof value === 'string' ? parseJsonCell(value, path) : value;
        return isPlainObject(object) ? typeRecord(object, path) : misfit(path, 'an object', value);
      };
    }
  }
}

function parseJsonCell(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Misfit(path, 'a JSON cell that does not parse');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value);
}

function compileFields(fields: readonly Field[], textual: boolean): (value: Record<string, unknown>, path: string) => Record<string, unknown> {
  const steps = fields.map((f) => ({ name: f.name, missing: mayBeMissing(f), type: compileTyper(f.type, textual) }));
  return (value, prefix) => {
    const out: Record<string, unknown> = {};
    for (const { name, missing, type } of steps) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      const v = value[name];
      if (v === undefined || v === null) {
        if (!missing) throw new Misfit(path, 'missing, and the schema requires it');
        if (v === null) out[name] = null;
        continue;
      }
      out[name] = type(v, path);
    }
    return out;
  };
}

/** A typer for a schema: raw record and its 1-based number in, typed record out (or an InputError naming both). */
export function compileCoercion(schema: RecordSchema, file: string, textual: boolean): (record: RawRecord, number: number) => DataRecord {
  const typeRecord = compileFields(schema.fields, textual);
  return (record, number) => {
    try {
      return typeRecord(record as Record<string, unknown>, '') as DataRecord;
    } catch (error) {
      if (error instanceof Misfit) throw new InputError(`${file} record ${number}: ${error.message}`);
      throw error;
    }
  };
}
