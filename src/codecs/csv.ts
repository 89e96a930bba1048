import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { DataRecord, Field, RecordSchema } from '../datasets/schema.js';
import { asBuffer } from './bytes.js';
import { flattenColumns, fromCell, toCell, type Column } from './csv-cells.js';
import { requireSupported } from './kinds.js';
import type { Codec } from './types.js';

/** An empty string is written quoted (""), an absent value as an empty unquoted cell: CSV keeps the two apart. */
const quoteEmpty = { string: (value: string) => (value === '' ? { value: '', quoted_empty: true } : value) };

/** csv-parse's cast: a quoted cell is text as it is; an unquoted empty cell is absent. */
function cellOrAbsent(value: string, context: { quoting: boolean; header?: boolean }): string | undefined {
  return context.quoting || value !== '' ? value : undefined;
}

/** The nested objects every record has (required structs under required structs), made before the cells are placed. */
function skeleton(fields: readonly Field[]): () => Record<string, unknown> {
  const required = fields.filter((f) => f.type.kind === 'struct' && !f.optional && !f.nullable).map((f) => [f.name, skeleton((f.type as { fields: readonly Field[] }).fields)] as const);
  return () => {
    const record: Record<string, unknown> = {};
    for (const [name, make] of required) record[name] = make();
    return record;
  };
}

function place(record: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = record;
  for (let i = 0; i < path.length - 1; i++) {
    const name = path[i] as string;
    let next = node[name] as Record<string, unknown> | undefined;
    if (next === undefined) {
      next = {};
      node[name] = next;
    }
    node = next;
  }
  node[path[path.length - 1] as string] = value;
}

/**
 * CSV (RFC 4180) with csv-stringify and csv-parse: a header row, one row per record.
 * Nested objects are flattened to dotted columns (customer.address.city); lists and
 * maps are a JSON cell. Decode types each cell back through the schema (numbers,
 * booleans, base64 bytes, ISO timestamps), which is the work every CSV reader does.
 */
export const csvCodec: Codec = {
  name: 'csv',
  description: 'csv-stringify + csv-parse: header row, nested objects as dotted columns, lists and maps as JSON cells; decode types cells through the schema',
  int64: 'decimal digits: exact at any size (past 2^53 read back as bigint)',
  create(schema: RecordSchema) {
    requireSupported(schema.fields, (_type, f) => (f && f.name.includes('.') ? 'a dot in a name would be ambiguous in the dotted CSV header' : undefined));
    const columns: readonly Column[] = flattenColumns(schema.fields);
    const header = columns.map((c) => c.header);
    const writers = columns.map((c) => ({ path: c.path, write: toCell(c.type) }));
    const readers = columns.map((c) => ({ path: c.path, read: fromCell(c.type) }));
    const makeRecord = skeleton(schema.fields);
    return {
      mode: 'sync',
      encode(records) {
        const rows: (string | undefined)[][] = [header];
        for (const record of records) {
          const row = new Array<string | undefined>(writers.length);
          for (let i = 0; i < writers.length; i++) {
            const { path, write } = writers[i] as (typeof writers)[number];
            let value: unknown = record;
            for (let p = 0; p < path.length && value !== undefined && value !== null; p++) value = (value as Record<string, unknown>)[path[p] as string];
            row[i] = write(value);
          }
          rows.push(row);
        }
        return Buffer.from(stringify(rows, { cast: quoteEmpty }), 'utf8');
      },
      decode(bytes) {
        const rows = parse(asBuffer(bytes), { cast: cellOrAbsent, relax_column_count: false }) as (string | undefined)[][];
        const [first, ...body] = rows;
        if (!first || first.length !== header.length || first.some((name, i) => name !== header[i])) {
          throw new Error(`the header row does not match the schema's ${header.length} columns`);
        }
        const records: DataRecord[] = new Array(body.length);
        for (let r = 0; r < body.length; r++) {
          const row = body[r] as (string | undefined)[];
          const record = makeRecord();
          for (let i = 0; i < readers.length; i++) {
            const cell = row[i];
            if (cell !== undefined) place(record, (readers[i] as (typeof readers)[number]).path, (readers[i] as (typeof readers)[number]).read(cell));
          }
          records[r] = record as DataRecord;
        }
        return records;
      },
    };
  },
};
