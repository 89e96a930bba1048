import { parquetWriteBuffer } from 'hyparquet-writer';
import { mayBeMissing, type DataRecord, type Field, type FieldType, type RecordSchema } from '../datasets/schema.js';
import { requireSupported } from './kinds.js';
import { parquetDecompressors, readParquetObjectsSafely, type ParquetCompressors } from './guards/hyparquet.js';
import { compileBigintToNumber, compileToBigint } from './int64.js';
import type { Codec } from './types.js';

// hyparquet-writer pins its own hyparquet version, so the schema type is taken from the writer.
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

const leaves = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  enum: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  bytes: { type: 'BYTE_ARRAY' },
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
  bool: { type: 'BOOLEAN' },
  int32: { type: 'INT32' },
  int64: { type: 'INT64' },
  double: { type: 'DOUBLE' },
} as const satisfies Record<string, Omit<SchemaElement, 'name'>>;

/** One field as Parquet schema elements in preorder; lists use the standard three-level LIST layout. */
function toSchemaElements(name: string, type: FieldType, optional: boolean): SchemaElement[] {
  const repetition_type = optional ? 'OPTIONAL' : 'REQUIRED';
  switch (type.kind) {
    case 'list':
      return [
        { name, repetition_type, converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        ...toSchemaElements('element', type.of, false),
      ];
    case 'struct':
      return [{ name, repetition_type, num_children: type.fields.length }, ...type.fields.flatMap((f) => toSchemaElements(f.name, f.type, mayBeMissing(f)))];
    case 'map':
      throw new Error(`field ${name} (map): not mapped to Parquet's MAP by this codec`);
    default:
      return [{ name, repetition_type, ...leaves[type.kind] }];
  }
}

/** The Parquet schema hyparquet-writer is given, derived from the dataset's RecordSchema. */
export function hyparquetSchema(schema: RecordSchema): SchemaElement[] {
  return [{ name: 'root', num_children: schema.fields.length }, ...schema.fields.flatMap((f: Field) => toSchemaElements(f.name, f.type, mayBeMissing(f)))];
}

/** A view of exactly these bytes as an ArrayBuffer (hyparquet reads ArrayBuffers), copying only when the view is partial. */
function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  // Not bytes.slice(): on a Buffer that is a view, not a copy.
  const copy = new Uint8Array(byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/**
 * A second Parquet implementation beside parquetjs-lite (`parquet`), with the same
 * file layout choices (uncompressed pages, the whole batch in one row group) so the
 * two rows show what one library costs against what the format costs.
 * hyparquet-writer writes columns (records are transposed first) and picks
 * dictionary encoding per column where it pays; hyparquet reads whole columns and
 * assembles rows. hyparquet's reader is promise-based, so the codec is async.
 */
export const hyparquetCodec: Codec = {
  name: 'parquet-hyparquet',
  description: 'hyparquet-writer + hyparquet: a whole Parquet file in memory (uncompressed, one row group, column statistics on)',
  int64: 'INT64 column: numbers converted to bigint for hyparquet-writer; hyparquet reads bigint, converted back to number by the codec',
  create(schema) {
    requireSupported(schema.fields, (type) => (type.kind === 'map' ? "this codec does not map it to Parquet's MAP" : undefined));
    const parquetSchema = hyparquetSchema(schema);
    const columns = schema.fields.map((f) => ({ name: f.name, convert: compileToBigint(f.type) }));
    const fixup = compileBigintToNumber(schema.fields);
    // Files from other writers may be compressed (this codec writes uncompressed pages).
    let compressors: ParquetCompressors | undefined;
    return {
      mode: 'async',
      async encode(records) {
        const columnData = columns.map(({ name, convert }) => ({ name, data: records.map((record) => convert(record[name])) }));
        const file = parquetWriteBuffer({ columnData, schema: parquetSchema, codec: 'UNCOMPRESSED', rowGroupSize: Math.max(1, records.length) });
        return new Uint8Array(file);
      },
      async decode(bytes) {
        const rows = await readParquetObjectsSafely(exactArrayBuffer(bytes), compressors ?? (compressors = await parquetDecompressors()));
        if (fixup) for (const row of rows) fixup(row);
        return rows as DataRecord[];
      },
    };
  },
};
