import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { MAX_NESTING, type Field, type FieldType, type RecordSchema } from '../datasets/schema.js';
import { bindUserProto } from '../codecs/proto-schema.js';
import { protobuf } from '../codecs/protobuf-runtime.js';
import { InputError } from './types.js';

/** The format `cli schema` prints and `--schema FILE.json` reads: infer once, edit, pin it. */
export const SCHEMA_FORMAT = 'serbench.schema/v1';

export interface SchemaDocument {
  readonly schema: typeof SCHEMA_FORMAT;
  readonly name: string;
  readonly fields: readonly Field[];
}

export function schemaDocument(schema: RecordSchema): SchemaDocument {
  return { schema: SCHEMA_FORMAT, name: schema.name, fields: schema.fields };
}

const KINDS = new Set(['string', 'bool', 'int32', 'int64', 'double', 'bytes', 'timestamp', 'enum', 'list', 'map', 'struct']);

function checkType(value: unknown, where: string, depth: number): FieldType {
  if (depth > MAX_NESTING) throw new InputError(`${where}: nested more than ${MAX_NESTING} levels deep`);
  const type = value as { kind?: unknown; of?: unknown; values?: unknown; fields?: unknown; symbols?: unknown };
  if (typeof type !== 'object' || type === null || typeof type.kind !== 'string' || !KINDS.has(type.kind)) throw new InputError(`${where}: "kind" must be one of ${[...KINDS].join(', ')}`);
  switch (type.kind) {
    case 'list':
      return { kind: 'list', of: checkType(type.of, `${where}.of`, depth + 1) };
    case 'map':
      return { kind: 'map', values: checkType(type.values, `${where}.values`, depth + 1) };
    case 'struct':
      return { kind: 'struct', fields: checkFields(type.fields, where, depth + 1) };
    case 'enum':
      if (!Array.isArray(type.symbols) || type.symbols.length === 0 || !type.symbols.every((s) => typeof s === 'string')) throw new InputError(`${where}: an enum needs "symbols", a list of strings`);
      return { kind: 'enum', symbols: type.symbols as string[] };
    default:
      return { kind: type.kind } as FieldType;
  }
}

function checkFields(value: unknown, where: string, depth: number): Field[] {
  if (!Array.isArray(value)) throw new InputError(`${where}: "fields" must be a list`);
  return value.map((item: unknown, i) => {
    const f = item as { name?: unknown; type?: unknown; optional?: unknown; nullable?: unknown };
    if (typeof f !== 'object' || f === null || typeof f.name !== 'string' || f.name === '') throw new InputError(`${where}.fields[${i}]: needs a "name"`);
    return { name: f.name, type: checkType(f.type, `${where}.${f.name}`, depth), ...(f.optional === true ? { optional: true } : {}), ...(f.nullable === true ? { nullable: true } : {}) };
  });
}

function readSerbenchSchema(text: string, file: string, name: string): RecordSchema {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new InputError(`--schema ${file}: not valid JSON`);
  }
  const doc = document as Partial<SchemaDocument>;
  if (typeof doc !== 'object' || doc === null || doc.schema !== SCHEMA_FORMAT) throw new InputError(`--schema ${file}: not a serbench schema (expected "schema": "${SCHEMA_FORMAT}", as 'npm run cli -- schema' prints)`);
  return { name, fields: checkFields(doc.fields, file, 1) };
}

/** An Avro record schema (.avsc) as a RecordSchema: unions with null are optional; other unions are refused. */
function fromAvro(type: unknown, where: string, depth: number): FieldType {
  if (depth > MAX_NESTING) throw new InputError(`${where}: nested more than ${MAX_NESTING} levels deep`);
  if (typeof type === 'string') {
    const primitive: Record<string, FieldType> = { string: { kind: 'string' }, boolean: { kind: 'bool' }, int: { kind: 'int32' }, long: { kind: 'int64' }, float: { kind: 'double' }, double: { kind: 'double' }, bytes: { kind: 'bytes' } };
    const found = primitive[type];
    if (!found) throw new InputError(`${where}: Avro type '${type}' is not supported (named type references are not followed)`);
    return found;
  }
  if (Array.isArray(type)) throw new InputError(`${where}: a union other than [null, T] has no serbench kind`);
  const t = type as { type?: unknown; logicalType?: unknown; items?: unknown; values?: unknown; fields?: unknown; symbols?: unknown };
  if (t.logicalType === 'timestamp-millis' || t.logicalType === 'timestamp-micros') return { kind: 'timestamp' };
  switch (t.type) {
    case 'record':
      return { kind: 'struct', fields: avroFields(t.fields, where, depth + 1) };
    case 'array':
      return { kind: 'list', of: fromAvro(t.items, `${where}[]`, depth + 1) };
    case 'map':
      return { kind: 'map', values: fromAvro(t.values, `${where}{}`, depth + 1) };
    case 'enum':
      return { kind: 'enum', symbols: t.symbols as string[] };
    case 'fixed':
      return { kind: 'bytes' };
    default:
      return fromAvro(t.type, where, depth);
  }
}

function avroFields(fields: unknown, where: string, depth: number): Field[] {
  if (!Array.isArray(fields)) throw new InputError(`${where}: an Avro record needs "fields"`);
  return fields.map((f: { name: string; type: unknown }) => {
    const path = where === '' ? f.name : `${where}.${f.name}`;
    if (Array.isArray(f.type)) {
      const others = f.type.filter((t: unknown) => t !== 'null');
      if (others.length !== 1 || others.length === f.type.length) throw new InputError(`field ${path}: a union other than [null, T] has no serbench kind`);
      return { name: f.name, type: fromAvro(others[0], path, depth), optional: true };
    }
    return { name: f.name, type: fromAvro(f.type, path, depth) };
  });
}

const PROTO_SCALARS: Record<string, FieldType> = {
  string: { kind: 'string' },
  bool: { kind: 'bool' },
  int32: { kind: 'int32' },
  sint32: { kind: 'int32' },
  sfixed32: { kind: 'int32' },
  uint32: { kind: 'int64' },
  fixed32: { kind: 'int64' },
  int64: { kind: 'int64' },
  sint64: { kind: 'int64' },
  sfixed64: { kind: 'int64' },
  uint64: { kind: 'int64' },
  fixed64: { kind: 'int64' },
  double: { kind: 'double' },
  float: { kind: 'double' },
  bytes: { kind: 'bytes' },
};

function protoFieldType(f: protobuf.Field, path: string, depth: number, seen: readonly protobuf.Type[]): FieldType {
  const resolved = f.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    const entries = Object.entries(resolved.values);
    return { kind: 'enum', symbols: entries.map(([symbol]) => symbol), numbers: entries.map(([, number]) => number) };
  }
  if (resolved instanceof protobuf.Type) {
    if (resolved.fullName === '.google.protobuf.Timestamp') return { kind: 'timestamp' };
    if (resolved.fullName.startsWith('.google.protobuf.')) throw new InputError(`field ${path}: ${resolved.fullName.slice(1)} is not supported (google.protobuf.Timestamp is)`);
    if (seen.includes(resolved) || depth > MAX_NESTING) throw new InputError(`field ${path}: a recursive message has no fixed depth`);
    return { kind: 'struct', fields: protoFields(resolved, path, depth + 1, [...seen, resolved]) };
  }
  const scalar = PROTO_SCALARS[f.type];
  if (!scalar) throw new InputError(`field ${path}: Protobuf type '${f.type}' is not supported`);
  return scalar;
}

function protoFields(type: protobuf.Type, where: string, depth: number, seen: readonly protobuf.Type[]): Field[] {
  return type.fieldsArray.map((f) => {
    const path = where === '' ? f.name : `${where}.${f.name}`;
    if (f instanceof protobuf.MapField) {
      if (f.keyType !== 'string') throw new InputError(`field ${path}: a map with ${f.keyType} keys is not supported (map<string, T> is)`);
      return { name: f.name, type: { kind: 'map', values: protoFieldType(f, `${path}{}`, depth, seen) } };
    }
    const item = protoFieldType(f, path, depth, seen);
    if (f.repeated) return { name: f.name, type: { kind: 'list', of: item } };
    const presence = f.resolvedType instanceof protobuf.Type || f.partOf !== null || f.options?.proto3_optional === true || (f as { hasPresence?: boolean }).hasPresence === true;
    return { name: f.name, type: item, ...(presence ? { optional: true } : {}) };
  });
}

export interface ExplicitSchema {
  readonly schema: RecordSchema;
  readonly source: 'proto' | 'avsc' | 'serbench';
  /** The .proto and message, for Protobuf binary inputs. */
  readonly protobuf?: { readonly source: string; readonly message: string };
}

/** Reads `--schema FILE` (.proto with --message, .avsc, or serbench's .json); the schema is named `name`. */
export function readSchemaFile(path: string, name: string, message: string | undefined): ExplicitSchema {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`--schema ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read it'}`);
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.proto') {
    if (!message) throw new InputError(`--schema ${file} is a .proto: name the record's message with --message pkg.Name`);
    let root: protobuf.Root;
    try {
      root = protobuf.parse(text, { keepCase: true }).root;
      root.resolveAll();
    } catch (error) {
      throw new InputError(`--schema ${file}: not a .proto protobufjs can read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const type = root.lookup(message);
    if (!(type instanceof protobuf.Type)) throw new InputError(`--message ${message}: no such message in ${file}`);
    const schema: RecordSchema = { name, fields: protoFields(type, '', 1, [type]), protobuf: bindUserProto(text, message) };
    return { schema, source: 'proto', protobuf: { source: text, message } };
  }
  if (message) throw new InputError('--message applies to a .proto schema');
  if (extension === '.avsc') {
    let avro: unknown;
    try {
      avro = JSON.parse(text);
    } catch {
      throw new InputError(`--schema ${file}: not valid JSON`);
    }
    const record = avro as { type?: unknown; fields?: unknown };
    if (record.type !== 'record') throw new InputError(`--schema ${file}: the top-level Avro type must be a record`);
    return { schema: { name, fields: avroFields(record.fields, '', 1) }, source: 'avsc' };
  }
  if (extension === '.json') return { schema: readSerbenchSchema(text, file, name), source: 'serbench' };
  throw new InputError(`--schema ${file}: unknown schema type '${extension}'; supported: .proto (with --message), .avsc, .json (what 'npm run cli -- schema' prints)`);
}
