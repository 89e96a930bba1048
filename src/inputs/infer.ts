import { MAX_NESTING, type Field, type FieldType, type RecordSchema } from '../datasets/schema.js';
import { InputError, type RawRecord } from './types.js';

/**
 * Schema inference from the records read, by these documented rules (docs/inputs.md):
 * - kinds: JSON strings, booleans and numbers as such; integers are int32 when every
 *   value fits, else int64; a number with a fraction makes the field double (an int
 *   and a double widen to double); typed values from binary formats keep their kind
 *   (bytes, timestamps, 64-bit integers). In CSV every cell is text: a column whose
 *   non-empty cells are all integers is an integer column, all numbers a double
 *   column, all true/false a bool column, anything else a string column (a number
 *   with a leading zero, such as a postcode, is text).
 * - a field absent from some record is optional; null in some record, nullable.
 * - an object is a struct, unless its keys vary from record to record with values of
 *   one kind: then a map<string, T>. "Vary" means the distinct keys seen are at least
 *   twice as many as any one object holds (optional fields of a struct never do that).
 * - a field of two kinds that do not widen (a number in one record, a string in
 *   another) stops inference with one line naming the field and both record numbers.
 * - a list empty in every record read is list<string>; a field null in every record is a nullable string.
 * - nesting deeper than MAX_NESTING levels stops inference naming the field.
 * Text formats (JSON, CSV) cannot hold integers past 2^53 exactly: such a value stops
 * inference naming the field and record (never silently rounded).
 */
type Kind = 'string' | 'bool' | 'int' | 'double' | 'bytes' | 'timestamp' | 'object' | 'list';

class Shape {
  /** Records (or parent values) in which this field could have appeared. */
  seen = 0;
  present = 0;
  nulls = 0;
  /** The first record number each kind was seen in, for conflict messages. */
  readonly kinds = new Map<Kind, number>();
  min = 0;
  max = 0;
  readonly fields = new Map<string, Shape>();
  /** Objects seen, and the most keys one of them had. */
  objects = 0;
  maxKeys = 0;
  items: Shape | undefined;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const CELL_INTEGER = /^-?(0|[1-9]\d*)$/;
const CELL_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$|^-?\.\d+$|^NaN$|^-?Infinity$/;

export interface InferOptions {
  /** The file's name, for messages. */
  readonly file: string;
  /** Every value is CSV text. */
  readonly textCells: boolean;
  /** Values come from text: an integer past 2^53 cannot be exact. */
  readonly textual: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value);
}

export class SchemaInference {
  readonly #root = new Shape();
  #records = 0;

  constructor(readonly options: InferOptions) {}

  get records(): number {
    return this.#records;
  }

  add(record: RawRecord): void {
    this.#records++;
    this.#root.seen++;
    this.#root.present++;
    this.#object(this.#root, record as Record<string, unknown>, '', 1);
  }

  #fail(path: string, detail: string): never {
    throw new InputError(`${this.options.file}: field ${path}: ${detail}`);
  }

  #object(shape: Shape, value: Record<string, unknown>, path: string, depth: number): void {
    if (depth > MAX_NESTING) this.#fail(path, `nested more than ${MAX_NESTING} levels deep (the documented limit)`);
    shape.objects++;
    let keys = 0;
    for (const key of Object.keys(value)) {
      keys++;
      let inner = shape.fields.get(key);
      if (!inner) {
        inner = new Shape();
        // Earlier objects did not have this key: it was absent there.
        inner.seen = shape.objects - 1;
        shape.fields.set(key, inner);
      }
    }
    shape.maxKeys = Math.max(shape.maxKeys, keys);
    for (const [key, inner] of shape.fields) {
      inner.seen++;
      if (Object.hasOwn(value, key)) this.#value(inner, value[key], path === '' ? key : `${path}.${key}`, depth);
    }
  }

  #value(shape: Shape, value: unknown, path: string, depth: number): void {
    if (value === undefined) return;
    shape.present++;
    if (value === null) {
      shape.nulls++;
      return;
    }
    const kind = this.#kindOf(value, path);
    if (!shape.kinds.has(kind)) shape.kinds.set(kind, this.#records);
    switch (kind) {
      case 'int': {
        const number = typeof value === 'bigint' ? value : Number(value);
        if (typeof number === 'bigint') {
          // Past 2^53 from a binary format: exact, and certainly int64.
          shape.min = Math.min(shape.min, Number.MIN_SAFE_INTEGER);
          shape.max = Math.max(shape.max, Number.MAX_SAFE_INTEGER);
        } else {
          shape.min = Math.min(shape.min, number);
          shape.max = Math.max(shape.max, number);
        }
        return;
      }
      case 'object':
        return this.#object(shape, value as Record<string, unknown>, path, depth + 1);
      case 'list': {
        if (depth + 1 > MAX_NESTING) this.#fail(path, `nested more than ${MAX_NESTING} levels deep (the documented limit)`);
        shape.items ??= new Shape();
        for (const item of value as unknown[]) {
          shape.items.seen++;
          this.#value(shape.items, item, `${path}[]`, depth + 1);
        }
        return;
      }
      default:
        return;
    }
  }

  #kindOf(value: unknown, path: string): Kind {
    if (this.options.textCells && typeof value === 'string') {
      if (value === 'true' || value === 'false') return 'bool';
      if (CELL_INTEGER.test(value)) {
        if (!Number.isSafeInteger(Number(value))) return 'int';
        return 'int';
      }
      return CELL_NUMBER.test(value) ? 'double' : 'string';
    }
    switch (typeof value) {
      case 'string':
        return 'string';
      case 'boolean':
        return 'bool';
      case 'bigint':
        return 'int';
      case 'number':
        if (Number.isInteger(value) && !Object.is(value, -0)) {
          if (!Number.isSafeInteger(value) && this.options.textual) {
            this.#fail(path, `record ${this.#records} holds an integer beyond 2^53, which ${this.options.file} (text) cannot give exactly; write it as a string, or use a binary format`);
          }
          return 'int';
        }
        return 'double';
      default:
        if (value instanceof Date) return 'timestamp';
        if (value instanceof Uint8Array) return 'bytes';
        if (Array.isArray(value)) return 'list';
        if (isPlainObject(value)) return 'object';
        return this.#fail(path, `record ${this.#records} holds a value of a kind serbench does not model (${(value as object).constructor?.name ?? typeof value})`);
    }
  }

  /** The schema of everything added so far. */
  schema(name: string): RecordSchema {
    if (this.#records === 0) throw new InputError(`${this.options.file}: no records to infer a schema from`);
    return { name, fields: this.#fields(this.#root, '') };
  }

  #fields(shape: Shape, path: string): Field[] {
    return [...shape.fields].map(([name, inner]) => {
      const fieldPath = path === '' ? name : `${path}.${name}`;
      const type = this.#type(inner, fieldPath);
      const optional = inner.present < inner.seen;
      const nullable = inner.nulls > 0 || inner.kinds.size === 0;
      return { name, type, ...(optional ? { optional: true } : {}), ...(nullable ? { nullable: true } : {}) };
    });
  }

  #type(shape: Shape, path: string): FieldType {
    const kinds = [...shape.kinds.keys()];
    let kind: Kind | undefined = kinds[0];
    if (kinds.length > 1) kind = this.#widen(shape, path);
    switch (kind) {
      case undefined:
        return { kind: 'string' };
      case 'int':
        return { kind: shape.min >= INT32_MIN && shape.max <= INT32_MAX ? 'int32' : 'int64' };
      case 'list':
        return { kind: 'list', of: shape.items && shape.items.kinds.size > 0 ? this.#type(shape.items, `${path}[]`) : { kind: 'string' } };
      case 'object':
        return this.#isMap(shape) ? { kind: 'map', values: this.#mapValues(shape, path) } : { kind: 'struct', fields: this.#fields(shape, path) };
      default:
        return { kind };
    }
  }

  #widen(shape: Shape, path: string): Kind {
    const kinds = new Set(shape.kinds.keys());
    if (kinds.size === 2 && kinds.has('int') && kinds.has('double')) return 'double';
    // CSV is text: a column that is not all numbers (or all booleans) is a string column.
    if (this.options.textCells && kinds.has('string') && [...kinds].every((k) => k === 'string' || k === 'int' || k === 'double' || k === 'bool')) return 'string';
    const [[first, firstRecord], [second, secondRecord]] = [...shape.kinds].sort((a, b) => a[1] - b[1]) as [[Kind, number], [Kind, number]];
    return this.#fail(path, `mixed kinds: ${describe(first)} in record ${firstRecord}, ${describe(second)} in record ${secondRecord} (they do not widen; pin the field's kind with --schema)`);
  }

  #isMap(shape: Shape): boolean {
    if (shape.fields.size === 0 || shape.objects < 2) return false;
    if (shape.fields.size < 2 * shape.maxKeys) return false;
    const values = [...shape.fields.values()];
    const kinds = new Set(values.flatMap((v) => [...v.kinds.keys()]));
    return kinds.size === 1 || (kinds.size === 2 && kinds.has('int') && kinds.has('double'));
  }

  #mapValues(shape: Shape, path: string): FieldType {
    const merged = new Shape();
    for (const inner of shape.fields.values()) {
      for (const [kind, record] of inner.kinds) if (!merged.kinds.has(kind) || (merged.kinds.get(kind) ?? 0) > record) merged.kinds.set(kind, record);
      merged.min = Math.min(merged.min, inner.min);
      merged.max = Math.max(merged.max, inner.max);
      for (const [key, field] of inner.fields) merged.fields.set(key, field);
      merged.objects += inner.objects;
      merged.maxKeys = Math.max(merged.maxKeys, inner.maxKeys);
      merged.items ??= inner.items;
    }
    return this.#type(merged, `${path}{}`);
  }
}

function describe(kind: Kind): string {
  return { string: 'a string', bool: 'a boolean', int: 'an integer', double: 'a number', bytes: 'bytes', timestamp: 'a timestamp', object: 'an object', list: 'a list' }[kind];
}
