import type { CaseResult } from '../../results/types.js';
import type { DatasetTable } from '../codec-tables.js';

/** The baseline row of the codec suite: a plain buffer copy, left out of "best". */
export const MEMCPY_CODEC = 'memcpy';

/** What one codec did on one dataset, as plain numbers (NaN when not measured). */
export interface CodecFigures {
  readonly codec: string;
  readonly records: number;
  /** Median ns per batch. */
  readonly encodeNs: number;
  readonly decodeNs: number;
  /** Why there is no encode / decode figure (`failed: …`, `skipped: …`, `not measured`); undefined when there is one. */
  readonly encodeMissing?: string;
  readonly decodeMissing?: string;
  readonly rmeEncode: number;
  readonly rmeDecode: number;
  readonly bytes: { readonly raw: number; readonly gzip: number; readonly brotli: number };
}

export type TimeOp = 'encode' | 'decode';

function medianOf(c: CaseResult | undefined): number {
  return c?.status === 'ok' && c.stats ? c.stats.median : Number.NaN;
}

function missing(c: CaseResult | undefined): string | undefined {
  if (!c) return 'not measured';
  if (c.status === 'ok') return c.stats ? undefined : 'no samples';
  return c.status;
}

export function codecFigures(table: DatasetTable): CodecFigures[] {
  return table.rows.map((row) => {
    const bytes = (row.encode ?? row.decode)?.bytes;
    const encodeMissing = missing(row.encode);
    const decodeMissing = missing(row.decode);
    return {
      codec: row.codec,
      records: table.records,
      encodeNs: medianOf(row.encode),
      decodeNs: medianOf(row.decode),
      ...(encodeMissing ? { encodeMissing } : {}),
      ...(decodeMissing ? { decodeMissing } : {}),
      rmeEncode: row.encode?.status === 'ok' && row.encode.stats ? row.encode.stats.rme : Number.NaN,
      rmeDecode: row.decode?.status === 'ok' && row.decode.stats ? row.decode.stats.rme : Number.NaN,
      bytes: { raw: bytes?.raw ?? Number.NaN, gzip: bytes?.gzip ?? Number.NaN, brotli: bytes?.brotli ?? Number.NaN },
    };
  });
}

export function timeOf(figures: CodecFigures, op: TimeOp): number {
  return op === 'encode' ? figures.encodeNs : figures.decodeNs;
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
