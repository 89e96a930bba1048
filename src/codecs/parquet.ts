import parquet, { type ParquetCompression, type ParquetFieldDefinition } from 'parquetjs-lite';
import { mayBeMissing, type DataRecord, type Field, type FieldType, type FieldValue, type RecordSchema } from '../datasets/schema.js';
import { asBuffer } from './bytes.js';
import { checkParquetEnvelope, checkParquetjsFile, explainParquetjsError } from './guards/parquet.js';
import { hardenParquetjsRle } from './guards/parquetjs-rle.js';
import { requireSupported } from './kinds.js';
import type { Codec } from './types.js';

export interface ParquetOptions {
  /** Column compression; parquetjs-lite's default is none. */
  readonly compression: ParquetCompression;
  /** Rows per row group; the default puts a whole batch in one group. */
  readonly rowGroupSize: number;
}

export const PARQUET_DEFAULTS: ParquetOptions = { compression: 'UNCOMPRESSED', rowGroupSize: 1_000_000 };

const leafTypes = { string: 'UTF8', enum: 'UTF8', bool: 'BOOLEAN', int32: 'INT32', int64: 'INT64', double: 'DOUBLE', bytes: 'BYTE_ARRAY', timestamp: 'TIMESTAMP_MILLIS' } as const;

function toParquetField(type: FieldType, options: ParquetOptions, flags: { optional?: boolean; repeated?: boolean }): ParquetFieldDefinition {
  switch (type.kind) {
    case 'list':
      if (type.of.kind === 'list') throw new Error('parquetjs-lite cannot nest a list directly in a list');
      return toParquetField(type.of, options, { repeated: true });
    case 'struct':
      return { ...flags, fields: toParquetFields(type.fields, options) };
    case 'map':
      throw new Error('parquetjs-lite has no MAP type');
    default:
      return { ...flags, type: leafTypes[type.kind], compression: options.compression };
  }
}

function toParquetFields(fields: readonly Field[], options: ParquetOptions): Record<string, ParquetFieldDefinition> {
  return Object.fromEntries(fields.map((f) => [f.name, toParquetField(f.type, options, mayBeMissing(f) ? { optional: true } : {})]));
}

type Fixup = (row: Record<string, unknown>) => void;

/**
 * parquetjs-lite reads INT64 as bigint and leaves empty repeated fields out of the
 * row; this puts rows back into the record model (int64 as number, empty lists as
 * []). It walks only the fields that need it, and its cost is part of decode.
 */
function compileFixup(fields: readonly Field[]): Fixup | undefined {
  const steps: Fixup[] = [];
  for (const f of fields) {
    const { name, type } = f;
    if (type.kind === 'int64') {
      steps.push((row) => {
        const v = row[name];
        if (typeof v === 'bigint') row[name] = Number(v);
      });
    } else if (type.kind === 'struct') {
      const inner = compileFixup(type.fields);
      if (inner) steps.push((row) => {
        const v = row[name];
        if (v !== null && typeof v === 'object') inner(v as Record<string, unknown>);
      });
    } else if (type.kind === 'list') {
      const item = type.of;
      const inner = item.kind === 'struct' ? compileFixup(item.fields) : undefined;
      const isInt64 = item.kind === 'int64';
      steps.push((row) => {
        const v = row[name];
        if (!Array.isArray(v)) {
          row[name] = [];
          return;
        }
        if (inner) for (const element of v) inner(element as Record<string, unknown>);
        else if (isInt64) for (let i = 0; i < v.length; i++) v[i] = Number(v[i] as bigint);
      });
    }
  }
  if (steps.length === 0) return undefined;
  return (row) => {
    for (const step of steps) step(row);
  };
}

export function createParquetCodec(name: string, overrides: Partial<ParquetOptions> = {}): Codec {
  const options: ParquetOptions = { ...PARQUET_DEFAULTS, ...overrides };
  return {
    name,
    description: `parquetjs-lite, a whole Parquet file in memory (${options.compression.toLowerCase()}, row-at-a-time async appendRow)`,
    int64: 'INT64 column; parquetjs-lite reads it as bigint, converted back to number by the codec',
    create(schema: RecordSchema) {
      requireSupported(schema.fields, (type) => (type.kind === 'map' ? 'parquetjs-lite has no MAP type' : type.kind === 'list' && type.of.kind === 'list' ? 'parquetjs-lite cannot nest a list directly in a list' : undefined));
      hardenParquetjsRle();
      const parquetSchema = new parquet.ParquetSchema(toParquetFields(schema.fields, options));
      const fixup = compileFixup(schema.fields);
      return {
        mode: 'async',
        async encode(records) {
          const chunks: Buffer[] = [];
          const output = {
            write(chunk: Buffer, done: (error?: Error | null) => void) {
              chunks.push(chunk);
              done();
            },
            end(done: (error?: Error | null) => void) {
              done();
            },
          };
          const writer = await parquet.ParquetWriter.openStream(parquetSchema, output, { rowGroupSize: options.rowGroupSize });
          for (const record of records) await writer.appendRow(record);
          await writer.close();
          return Buffer.concat(chunks);
        },
        async decode(bytes) {
          checkParquetEnvelope(bytes);
          try {
            const reader = await parquet.ParquetReader.openBuffer(asBuffer(bytes));
            try {
              checkParquetjsFile(bytes, reader, parquetSchema);
              const cursor = reader.getCursor();
              const rows: DataRecord[] = [];
              for (let row = await cursor.next(); row !== null; row = await cursor.next()) {
                fixup?.(row);
                rows.push(row as Record<string, FieldValue>);
              }
              return rows;
            } finally {
              await reader.close();
            }
          } catch (thrown) {
            throw explainParquetjsError(thrown);
          }
        },
      };
    },
  };
}

export const parquetCodec = createParquetCodec('parquet');
