import { basename } from 'node:path';
import { Parser } from 'csv-parse';
import { FileChunks } from '../chunks.js';
import { InputError, type InputFormat, type RawRecord } from '../types.js';

/**
 * csv-parse's incremental core: `parse(chunk, end, push, close)` parses what it is
 * given synchronously and keeps the unfinished row. The Parser stream wraps it
 * asynchronously; reading it directly lets a CSV file feed a pipeline's synchronous
 * source stage chunk by chunk.
 */
interface CsvCore {
  parse(chunk: Buffer | undefined, end: boolean, push: (row: (string | undefined)[]) => void, close: () => void): Error | undefined;
  readonly info: { readonly lines: number; readonly records: number };
}

interface CsvParseError extends Error {
  readonly code?: string;
  readonly lines?: number;
  /** Rows parsed before this one, the header included. */
  readonly records?: number;
}

/** An unquoted empty cell is absent; a quoted one ("") is an empty string. */
const cellOrAbsent = (value: string, context: { quoting: boolean }): string | undefined => (context.quoting || value !== '' ? value : undefined);

function explain(error: CsvParseError, file: string): InputError {
  const line = error.lines === undefined ? '' : ` (line ${error.lines})`;
  // csv-parse counts the header as a record: the failing row's number after the header is that count.
  const row = error.records ?? '?';
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = /got (\d+)/.exec(error.message)?.[1] ?? '?';
      const expected = /expect (\d+)/.exec(error.message)?.[1] ?? '?';
      return new InputError(`${file} row ${row}${line}: ${got} fields, but the header has ${expected} (ragged rows)`);
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InputError(`${file}: a quoted field is not closed before the end of the file${line}`);
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new InputError(`${file} row ${row}${line}: text after a closing quote`);
    default:
      return new InputError(`${file} row ${row}${line}: not valid CSV (${error.code ?? 'parse error'})`);
  }
}

/** Dotted headers (customer.address.city) nest, as the csv codec writes them. */
function toRecord(header: readonly (readonly string[])[], row: readonly (string | undefined)[]): RawRecord {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const value = row[i];
    if (value === undefined) continue;
    const path = header[i] as readonly string[];
    let node = record;
    for (let p = 0; p < path.length - 1; p++) node = (node[path[p] as string] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1] as string] = value;
  }
  return record;
}

function delimited(name: 'csv' | 'tsv', delimiter: string, extensions: readonly string[]): InputFormat {
  return {
    name,
    extensions,
    description: `${name.toUpperCase()} with a header row (csv-parse)`,
    expects: `a header row of ${name === 'csv' ? 'comma' : 'tab'}-separated names`,
    textual: true,
    sniff: (head) => {
      const first = head.toString('utf8').replace(/^\uFEFF/, '').split('\n')[0] ?? '';
      return first.trim() !== '' && !first.includes('\u0000') && (first.includes(delimiter) || !/[,\t]/.test(first));
    },
    open(path) {
      const file = basename(path);
      const chunks = new FileChunks(path);
      const core = (new Parser({ delimiter, bom: true, cast: cellOrAbsent, relax_column_count: false }) as unknown as { api: CsvCore }).api;
      const rows: (string | undefined)[][] = [];
      let header: string[][] | undefined;
      let ended = false;
      const feed = (): boolean => {
        const chunk = chunks.next();
        if (chunk === undefined) ended = true;
        const error = core.parse(chunk, ended, (r) => rows.push(r), () => undefined) as CsvParseError | undefined;
        if (error) throw explain(error, file);
        return !ended;
      };
      return {
        mode: 'sync',
        next() {
          for (;;) {
            const next = rows.shift();
            if (next !== undefined) {
              if (!header) {
                if (next.some((name) => name === undefined)) throw new InputError(`${file}: the header row has an empty column name`);
                header = (next as string[]).map((name) => name.split('.'));
                continue;
              }

              return toRecord(header, next);
            }
            if (ended || !feed()) {
              if (rows.length === 0) return undefined;
            }
          }
        },
        close: () => chunks.close(),
      };
    },
  };
}

export const csvFormat = delimited('csv', ',', ['.csv']);
export const tsvFormat = delimited('tsv', '\t', ['.tsv', '.tab']);
