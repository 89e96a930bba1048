import type { ParquetReader, ParquetSchema } from 'parquetjs-lite';
import { describeThrown } from '../types.js';
import { checkParquetPages, checkThriftStruct, chunksOf } from './parquet-pages.js';

const MAGIC = 'PAR1';
/** PAR1, then at the end: 4-byte footer length and PAR1. */
const ENVELOPE_BYTES = 12;

/** A few words on what the bytes look like instead, so "not a Parquet file" says what it is. */
function looksLike(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16));
  const text = head.toString('latin1');
  if (/^\s*[[{]/.test(text)) return 'it looks like JSON';
  if (text.startsWith('ARROW1') || (head.readUInt32LE(0) === 0xffffffff && bytes.length >= 8)) return 'it looks like Arrow IPC';
  if (text.startsWith('Obj\u0001')) return 'it looks like an Avro container';
  if (/^[\x20-\x7e]{4}/.test(text)) return `it starts with "${text.replace(/[^\x20-\x7e]/g, '.').slice(0, 12)}"`;
  return `it starts with bytes ${head.subarray(0, 8).toString('hex')}`;
}

/**
 * Checks the Parquet envelope before a library parses it: both magic numbers, and a
 * footer length that fits in the file. A forged footer length otherwise reaches the
 * Thrift decoder, whose errors (parquetjs-lite) carry no message at all.
 */
export function checkParquetEnvelope(bytes: Uint8Array): void {
  if (bytes.length < ENVELOPE_BYTES) {
    throw new Error(`not a Parquet file: ${bytes.length} bytes is shorter than the smallest possible one (${ENVELOPE_BYTES} bytes)${bytes.length > 0 ? `; ${looksLike(bytes)}` : ''}`);
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.toString('latin1', 0, 4) !== MAGIC) throw new Error(`not a Parquet file: no PAR1 magic at the start; ${looksLike(bytes)}`);
  if (view.toString('latin1', bytes.length - 4) !== MAGIC) throw new Error('truncated or corrupt Parquet file: no PAR1 magic at the end (a cut-off file ends this way)');
  const footerLength = view.readUInt32LE(bytes.length - 8);
  const room = bytes.length - ENVELOPE_BYTES;
  if (footerLength > room) throw new Error(`corrupt Parquet footer: it claims ${footerLength} bytes of metadata, but the file has only ${room} bytes between its magic numbers`);
  if (footerLength === 0) throw new Error('corrupt Parquet footer: its metadata length is 0');
  try {
    checkThriftStruct(bytes, bytes.length - 8 - footerLength, bytes.length - 8);
  } catch (error) {
    // Both libraries' Thrift readers loop over a forged list size before they fail.
    throw new Error(`corrupt Parquet footer: its metadata ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * parquetjs-lite throws Thrift's InputBufferUnderrunError with no message, and plain
 * strings elsewhere; this says in words what went wrong, keeping the original as the cause.
 */
export function explainParquetjsError(thrown: unknown): Error {
  if (thrown instanceof ParquetSchemaMismatch) return thrown;
  // The guards' own findings (guards/parquet-pages.ts, guards/parquetjs-rle.ts), sometimes turned into strings on the way out.
  const own = describeThrown(thrown).replace(/^Error: /, '');
  if (/^corrupt Parquet (column |page: )/.test(own)) return thrown instanceof Error ? thrown : new Error(own, { cause: thrown });
  const name = thrown instanceof Error ? thrown.name : thrown !== null && typeof thrown === 'object' && 'name' in thrown ? String(thrown.name) : '';
  if (name === 'InputBufferUnderrunError') {
    return new Error('corrupt Parquet metadata: a Thrift structure runs past the end of its bytes (a damaged footer or page header)', { cause: thrown });
  }
  const detail = describeThrown(thrown);
  if (detail === 'invalid parquet version') {
    return new Error('unsupported Parquet file: parquetjs-lite reads only files whose footer says format version 1 (pyarrow and other current writers write version 2)', { cause: thrown });
  }
  if (thrown instanceof Error && detail.endsWith('without a message')) return new Error(`corrupt Parquet data: parquetjs-lite threw a ${name} and gave no detail`, { cause: thrown });
  return new Error(`corrupt or unsupported Parquet data: parquetjs-lite failed with "${detail}"`, { cause: thrown });
}

/** The file's columns are not laid out as the codec wrote them for this dataset. */
export class ParquetSchemaMismatch extends Error {
  override readonly name = 'ParquetSchemaMismatch';
}

function describeLeaf(field: ParquetSchema['fieldList'][number]): string {
  return `${field.primitiveType ?? '?'}${field.originalType ? ` (${field.originalType})` : ''}`;
}

/** Annotations that do not change how parquetjs-lite reads a value. */
const HARMLESS_ANNOTATION: Readonly<Record<string, string>> = { INT32: 'INT_32', INT64: 'INT_64' };
/** Thrift enums of the Parquet footer: physical type BYTE_ARRAY, encodings PLAIN_DICTIONARY and RLE_DICTIONARY. */
const BYTE_ARRAY = 6;
const DICTIONARY_ENCODINGS = new Set([2, 8]);

/**
 * parquetjs-lite reads columns by the file's own layout and does not fail when it
 * differs from what serbench wrote: a 3-level LIST (DuckDB, pyarrow) comes back as
 * empty lists, a dictionary-encoded number column as strings (it calls toString()
 * on every dictionary value). Comparing the file's leaf columns and encodings with
 * the codec's schema for the dataset turns that silent misreading into an error
 * that names the column; it runs once per file, not per row.
 */
export function checkParquetjsFile(bytes: Uint8Array, reader: Pick<ParquetReader, 'schema' | 'metadata'>, expected: ParquetSchema): void {
  checkParquetjsSchema(reader.schema, expected);
  checkParquetPages(bytes, chunksOf(reader.metadata.row_groups, reader.metadata.schema));
  for (const group of reader.metadata.row_groups) {
    for (const column of group.columns) {
      const meta = column.meta_data;
      if (meta && meta.type !== BYTE_ARRAY && (meta.encodings ?? []).some((e) => DICTIONARY_ENCODINGS.has(e))) {
        throw new ParquetSchemaMismatch(`unsupported Parquet encoding: column '${meta.path_in_schema.join('.')}' holds numbers in a dictionary, which parquetjs-lite would read back as strings`);
      }
    }
  }
}

function checkParquetjsSchema(file: ParquetSchema, expected: ParquetSchema): void {
  const wanted = new Map(expected.fieldList.filter((f) => !f.isNested).map((f) => [f.path.join('.'), f]));
  for (const field of file.fieldList) {
    if (field.isNested) continue;
    const path = field.path.join('.');
    const want = wanted.get(path);
    if (!want) {
      const hint = field.path.includes('list') ? ' (a 3-level LIST column, which parquetjs-lite does not read as a list)' : '';
      throw new ParquetSchemaMismatch(`unsupported Parquet schema: column '${path}'${hint} is not one the dataset's schema has`);
    }
    const annotation = field.originalType === HARMLESS_ANNOTATION[field.primitiveType ?? ''] ? undefined : field.originalType;
    if (want.primitiveType !== field.primitiveType || (want.originalType ?? '') !== (annotation ?? '')) {
      throw new ParquetSchemaMismatch(`unsupported Parquet schema: column '${path}' is ${describeLeaf(field)} in the file, ${describeLeaf(want)} in the dataset's schema (parquetjs-lite would misread it)`);
    }
    wanted.delete(path);
  }
  const missing = [...wanted.keys()].filter((path) => wanted.get(path)?.repetitionType === 'REQUIRED');
  if (missing.length > 0) throw new ParquetSchemaMismatch(`unsupported Parquet schema: the file has no column ${missing.map((p) => `'${p}'`).join(', ')}`);
}
