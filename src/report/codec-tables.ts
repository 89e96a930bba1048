import { isRefusedByGate } from '../results/failure.js';
import type { CaseResult, ResultFile } from '../results/types.js';
import { bestCase, figureValue, formatMeasure, measureCell, relativeCell } from './codec-figures.js';
import { formatBytes, formatMBps, formatPercent, formatRate, formatRelative } from './format.js';

/** One codec's row for one dataset, gathered from its encode and decode cases. */
export interface CodecRow {
  readonly codec: string;
  readonly encode?: CaseResult;
  readonly decode?: CaseResult;
}

export interface DatasetTable {
  readonly dataset: string;
  readonly records: number;
  readonly rows: readonly CodecRow[];
}

export function codecCases(result: ResultFile): CaseResult[] {
  return result.cases.filter((c) => c.suite === 'codec');
}

/** Groups codec cases by dataset (in file order) and codec. */
export function datasetTables(result: ResultFile): DatasetTable[] {
  const tables = new Map<string, { records: number; rows: Map<string, { encode?: CaseResult; decode?: CaseResult }> }>();
  for (const c of codecCases(result)) {
    const key = `${c.dataset}\u0000${c.records}`;
    let table = tables.get(key);
    if (!table) tables.set(key, (table = { records: c.records, rows: new Map() }));
    const row = table.rows.get(c.codec) ?? {};
    if (c.op === 'encode') row.encode = c;
    if (c.op === 'decode') row.decode = c;
    table.rows.set(c.codec, row);
  }
  return [...tables.entries()].map(([key, t]) => ({
    dataset: key.split('\u0000')[0] ?? key,
    records: t.records,
    rows: [...t.rows.entries()].map(([codec, r]) => ({ codec, ...r })),
  }));
}

const size = (row: CodecRow, kind: 'raw' | 'gzip' | 'brotli'): number => (row.encode ?? row.decode)?.bytes?.[kind] ?? Number.NaN;
const best = (values: readonly number[]): number => Math.min(...values.filter((v) => Number.isFinite(v) && v > 0));

/** The unit of a table's cases (`ns`, or `instructions` for a --measure instructions run). */
export function tableUnit(table: DatasetTable): string {
  return table.rows.flatMap((r) => [r.encode, r.decode]).find((c) => c !== undefined)?.unit ?? 'ns';
}

/** The raw table's header: per-record columns in the table's unit. */
export function rawHeader(unit: string): string[] {
  const perRecord = unit === 'instructions' ? 'instr/rec' : 'ns/rec';
  return ['codec', 'encode', 'decode', `encode ${perRecord}`, `decode ${perRecord}`, 'encode MB/s', 'decode rec/s', 'size', 'gzip', 'brotli'];
}

/** Bytes one call moves, kept by the suite (older files: from the recorded throughput and median). */
function bytesPerCall(c: CaseResult): number {
  const kept = c.extra?.bytesPerCall;
  if (typeof kept === 'number') return kept;
  const median = c.stats?.median;
  return c.throughput && median ? (c.throughput.bytesPerSec * median) / 1e9 : Number.NaN;
}

/**
 * The raw figures of one dataset: per batch (with its 95% run-to-run interval),
 * per record, throughput (time only), sizes.
 */
export function rawRows(table: DatasetTable): string[][] {
  const timed = tableUnit(table) === 'ns';
  const perRecord = (c: CaseResult | undefined): string => (Number.isFinite(figureValue(c)) ? (figureValue(c) / table.records).toFixed(0) : '–');
  const seconds = (c: CaseResult | undefined): number => figureValue(c) / 1e9;
  return table.rows.map((row) => [
    row.codec,
    measureCell(row.encode),
    measureCell(row.decode),
    perRecord(row.encode),
    perRecord(row.decode),
    timed && row.encode ? formatMBps(bytesPerCall(row.encode) / seconds(row.encode)) : '–',
    timed ? formatRate(table.records / seconds(row.decode), 'rec').replace(' rec/s', '') : '–',
    formatBytes(size(row, 'raw')),
    formatBytes(size(row, 'gzip')),
    formatBytes(size(row, 'brotli')),
  ]);
}

export const RELATIVE_HEADER = ['codec', 'encode', 'decode', 'size', 'gzip', 'brotli'];

/**
 * Each figure over the best of its column (1.00× is best; memcpy is left out of
 * "best"). Times are compared process by process when the cases were measured side
 * by side, with their run-to-run interval; a codec whose interval includes the
 * best is a tie (`≈`), not ranked.
 */
export function relativeRows(table: DatasetTable, baseline = 'memcpy'): string[][] {
  const rows = table.rows.filter((r) => r.codec !== baseline);
  const bestEncode = bestCase(rows.map((r) => r.encode));
  const bestDecode = bestCase(rows.map((r) => r.decode));
  const bestSize = (kind: 'raw' | 'gzip' | 'brotli'): number => best(rows.map((r) => size(r, kind)));
  return rows.map((row) => [
    row.codec,
    relativeCell(row.encode, bestEncode),
    relativeCell(row.decode, bestDecode),
    formatRelative(size(row, 'raw'), bestSize('raw')),
    formatRelative(size(row, 'gzip'), bestSize('gzip')),
    formatRelative(size(row, 'brotli'), bestSize('brotli')),
  ]);
}

/**
 * Cases the fidelity gate refused: the codec loses or cannot carry this dataset's
 * data. A finding about the codec (every report shows it), not a failure of the run.
 */
export function refusedCases(result: ResultFile): CaseResult[] {
  return result.cases.filter(isRefusedByGate);
}

/** Cases without a measurement for any other reason (failed to run, or skipped), with their reason. */
export function failedCases(result: ResultFile): CaseResult[] {
  return result.cases.filter((c) => c.status !== 'ok' && !isRefusedByGate(c));
}

export const REFUSED_HEADING = 'Refused by the fidelity gate';
export const REFUSED_NOTE = 'These codecs changed or could not carry this data in the round trip before timing, so they were not timed (a finding about the codec, not a failure of the run; `--fail-on lossy` makes it one).';

export function caseError(c: CaseResult): string {
  return c.status === 'ok' ? '' : c.error;
}

/** The compressors a run composed its codecs with (`--compression`, kept in the result's options). */
export function compressorsOf(result: ResultFile): string[] {
  const value = result.meta.options['compression'];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A codec measured compressed (`<codec>-<compressor>`), beside the same codec uncompressed when it ran too. */
export interface CompressionRow {
  readonly codec: string;
  readonly compressor: string;
  readonly compressed: CodecRow;
  readonly plain?: CodecRow;
}

/**
 * Separates a table's compressed codecs from the plain ones. A row is compressed
 * when its name is `<codec>-<compressor>` for a compressor of the run and a codec
 * of the run (the CLI refuses runs where such a name is also a registered codec).
 */
export function splitCompressed(result: ResultFile, table: DatasetTable): { readonly plain: DatasetTable; readonly compressed: readonly CompressionRow[] } {
  const compressors = compressorsOf(result).sort((a, b) => b.length - a.length);
  if (compressors.length === 0) return { plain: table, compressed: [] };
  const optionCodecs = result.meta.options['codecs'];
  const runCodecs = new Set([...codecCases(result).map((c) => c.codec), ...(Array.isArray(optionCodecs) ? optionCodecs.map(String) : [])]);
  const byName = new Map(table.rows.map((row) => [row.codec, row]));
  const compressed: CompressionRow[] = [];
  const plainRows: CodecRow[] = [];
  for (const row of table.rows) {
    const compressor = compressors.find((k) => row.codec.endsWith(`-${k}`) && runCodecs.has(row.codec.slice(0, -(k.length + 1))));
    if (compressor === undefined) {
      plainRows.push(row);
      continue;
    }
    const codec = row.codec.slice(0, -(compressor.length + 1));
    const plain = byName.get(codec);
    compressed.push({ codec, compressor, compressed: row, ...(plain ? { plain } : {}) });
  }
  return { plain: { ...table, rows: plainRows }, compressed };
}

export const COMPRESSION_HEADER = ['codec', 'compressor', 'size', 'ratio', 'encode', '+encode', 'decode', '+decode'];

/** The time a compressor adds to its codec: the difference of the figures, and as a share of the plain codec's. */
function addedTime(compressed: CaseResult | undefined, plain: CaseResult | undefined): string {
  const added = figureValue(compressed) - figureValue(plain);
  if (!Number.isFinite(added)) return '–';
  const sign = added < 0 ? '−' : '+';
  return `${sign}${formatMeasure(Math.abs(added), plain?.unit ?? 'ns')} (${sign}${formatPercent((Math.abs(added) / figureValue(plain)) * 100, 0)})`;
}

/** Bytes of one batch compressed, and of the same batch from the plain codec (NaN when it did not run). */
export function compressionSizes(row: CompressionRow): { readonly compressed: number; readonly plain: number } {
  return { compressed: size(row.compressed, 'raw'), plain: row.plain ? size(row.plain, 'raw') : Number.NaN };
}

/** One row per codec × compressor: compressed size, ratio to the plain codec's size, and the time compression adds. */
export function compressionRows(rows: readonly CompressionRow[]): string[][] {
  return rows.map((row) => {
    const { codec, compressor, compressed, plain } = row;
    const { compressed: compressedSize, plain: plainSize } = compressionSizes(row);
    const ratio = plainSize / compressedSize;
    return [
      codec,
      compressor,
      formatBytes(compressedSize),
      Number.isFinite(ratio) ? `${ratio.toFixed(2)}:1` : '–',
      measureCell(compressed.encode),
      addedTime(compressed.encode, plain?.encode),
      measureCell(compressed.decode),
      addedTime(compressed.decode, plain?.decode),
    ];
  });
}

/** The brotli quality the run used for its sizes (older files did not say: 11). */
export function brotliQuality(result: ResultFile): number {
  const quality = result.meta.options.brotliQuality;
  return typeof quality === 'number' ? quality : 11;
}
