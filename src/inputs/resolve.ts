import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename, extname, resolve as resolvePath } from 'node:path';
import type { RecordSchema } from '../datasets/schema.js';
import { deriveProtobuf } from '../codecs/proto-schema.js';
import { compileCoercion } from './coerce.js';
import { readHead } from './formats/json-array.js';
import { detectFormat } from './formats/registry.js';
import { SchemaInference } from './infer.js';
import { readAll } from './read.js';
import { readSchemaFile, schemaDocument, type ExplicitSchema } from './schema-file.js';
import { InputError, type InputProvenance, type InputSpec, type ReadOptions } from './types.js';

/** What a user asked for with `--input FILE[=NAME]`, `--schema` and `--message`. */
export interface InputRequest {
  readonly path: string;
  readonly name?: string;
  readonly schemaFile?: string;
  readonly message?: string;
}

export const INPUT_DEFAULTS = {
  /** Inference reads at least this many records (or the whole file), even when the run uses fewer. */
  inferRecords: 1000,
} as const;

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `Events_2024 (copy).ndjson` → `events-2024-copy`. */
export function datasetNameFor(path: string): string {
  const stem = basename(path, extname(path));
  return stem
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The schema's name: InputEvents2024 (an `Input` prefix keeps it apart from the built-in messages in proto/). */
export function schemaNameFor(dataset: string): string {
  return `Input${dataset
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;
}

function checkFile(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`--input ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? 'error'})`}`);
  }
  if (stat.isDirectory()) throw new InputError(`--input ${path} is a directory, not a file`);
  if (stat.size === 0) throw new InputError(`--input ${path}: the file is empty`);
  return stat.size;
}

function head(path: string): Buffer {
  try {
    return readHead(path);
  } catch (error) {
    throw new InputError(`--input ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function schemaHash(schema: RecordSchema): string {
  return createHash('sha256').update(JSON.stringify(schemaDocument(schema).fields)).digest('hex').slice(0, 16);
}

/** An inferred schema with the .proto its Protobuf codecs use, when Protobuf can carry it (otherwise they name the field). */
function withProtobuf(schema: RecordSchema): RecordSchema {
  try {
    return { ...schema, protobuf: deriveProtobuf(schema) };
  } catch {
    return schema;
  }
}

/**
 * Resolves one `--input`: checks the file, detects its format, reads its first
 * records (`records`, the most any case of the run uses, and at least
 * INPUT_DEFAULTS.inferRecords) to infer the schema (or checks them against
 * `--schema`), and measures its provenance (size, SHA-256). Every problem is one
 * InputError line naming the file.
 */
export async function resolveInput(request: InputRequest, options: { readonly records: number; readonly reserved: readonly string[] }): Promise<InputSpec> {
  const path = resolvePath(request.path);
  const bytes = checkFile(request.path);
  const format = detectFormat(path, head(request.path));
  const name = request.name ?? datasetNameFor(path);
  if (!KEBAB.test(name)) throw new InputError(`--input ${request.path}: the dataset name '${name}' must be kebab-case (a-z, 0-9 and -); choose one with FILE=NAME`);
  if (options.reserved.includes(name)) throw new InputError(`--input ${request.path}: '${name}' is already a dataset; choose another name with ${request.path}=NAME`);
  const schemaName = schemaNameFor(name);
  const explicit: ExplicitSchema | undefined = request.schemaFile ? readSchemaFile(request.schemaFile, schemaName, request.message) : undefined;
  if (!explicit && request.message) throw new InputError('--message needs --schema FILE.proto');
  if (format.name === 'protobuf' && explicit?.source !== 'proto') throw new InputError(`--input ${request.path}: Protobuf binary needs its .proto: give --schema FILE.proto --message pkg.Name`);
  const readOptions: ReadOptions = explicit?.protobuf ? { protobuf: explicit.protobuf } : {};
  const file = basename(path);

  const wanted = Math.max(options.records, INPUT_DEFAULTS.inferRecords);
  const inference = new SchemaInference({ file, textCells: format.name === 'csv' || format.name === 'tsv', textual: format.textual });
  const check = explicit ? compileCoercion(explicit.schema, file, format.textual) : undefined;
  let read = 0;
  let ended = true;
  for await (const record of readAll(format.open(path, readOptions))) {
    if (read >= wanted) {
      ended = false;
      break;
    }
    read++;
    if (check) check(record, read);
    else inference.add(record);
  }
  if (read === 0) throw new InputError(`--input ${request.path}: the file has no records`);
  const schema = explicit ? explicit.schema : withProtobuf(inference.schema(schemaName));
  const available = ended && read < options.records ? read : undefined;
  const provenance: InputProvenance = {
    dataset: name,
    file,
    format: format.name,
    bytes,
    sha256: await sha256File(path),
    records: Math.min(read, options.records),
    exhausted: available !== undefined,
    schemaHash: schemaHash(schema),
    schemaSource: explicit ? explicit.source : 'inferred',
  };
  return { name, path, format: format.name, schema, options: readOptions, ...(available === undefined ? {} : { available }), provenance };
}
