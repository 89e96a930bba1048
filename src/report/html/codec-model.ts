import type { CaseResult } from '../../results/types.js';
import { figureOf, formatSpread } from '../codec-figures.js';
import { tableUnit, type DatasetTable } from '../codec-tables.js';

/** The baseline row of the codec suite: a plain buffer copy, left out of "best". */
export const MEMCPY_CODEC = 'memcpy';

/** What one codec did on one dataset, as plain numbers (NaN when not measured). */
export interface CodecFigures {
  readonly codec: string;
  readonly records: number;
  /** What the figures count: `ns` (time) or `instructions`. */
  readonly unit: string;
  /** The reported figure per batch (results/figures.ts), in `unit`. */
  readonly encodePerBatch: number;
  readonly decodePerBatch: number;
  readonly encodeCase?: CaseResult;
  readonly decodeCase?: CaseResult;
  /** Why there is no encode / decode figure (`failed: …`, `skipped: …`, `not measured`); undefined when there is one. */
  readonly encodeMissing?: string;
  readonly decodeMissing?: string;
  /** `±1.2%`: the 95% run-to-run interval of each figure (`*`: within one run only). */
  readonly spreadEncode: string;
  readonly spreadDecode: string;
  readonly bytes: { readonly raw: number; readonly gzip: number; readonly brotli: number };
}

export type TimeOp = 'encode' | 'decode';


function missing(c: CaseResult | undefined): string | undefined {
  if (!c) return 'not measured';
  if (c.status === 'ok') return c.samples.length > 0 ? undefined : 'no samples';
  return c.status;
}

export function codecFigures(table: DatasetTable): CodecFigures[] {
  return table.rows.map((row) => {
    const bytes = (row.encode ?? row.decode)?.bytes;
    const encodeMissing = missing(row.encode);
    const decodeMissing = missing(row.decode);
    const [encode, decode] = [figureOf(row.encode), figureOf(row.decode)];
    return {
      codec: row.codec,
      records: table.records,
      unit: tableUnit(table),
      encodePerBatch: encode?.value ?? Number.NaN,
      decodePerBatch: decode?.value ?? Number.NaN,
      ...(row.encode ? { encodeCase: row.encode } : {}),
      ...(row.decode ? { decodeCase: row.decode } : {}),
      ...(encodeMissing ? { encodeMissing } : {}),
      ...(decodeMissing ? { decodeMissing } : {}),
      spreadEncode: formatSpread(encode),
      spreadDecode: formatSpread(decode),
      bytes: { raw: bytes?.raw ?? Number.NaN, gzip: bytes?.gzip ?? Number.NaN, brotli: bytes?.brotli ?? Number.NaN },
    };
  });
}

export function timeOf(figures: CodecFigures, op: TimeOp): number {
  return op === 'encode' ? figures.encodePerBatch : figures.decodePerBatch;
}

export function caseOf(figures: CodecFigures, op: TimeOp): CaseResult | undefined {
  return op === 'encode' ? figures.encodeCase : figures.decodeCase;
}

/** The smallest positive finite value, NaN when there is none. */
export function bestOf(values: readonly number[]): number {
  const valid = values.filter((v) => Number.isFinite(v) && v > 0);
  return valid.length > 0 ? Math.min(...valid) : Number.NaN;
}

/** Codecs measured in this dataset, without the memcpy baseline. */
export function realCodecs(figures: readonly CodecFigures[]): CodecFigures[] {
  return figures.filter((f) => f.codec !== MEMCPY_CODEC);
}
