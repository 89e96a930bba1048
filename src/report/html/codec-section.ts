import type { ResultFile } from '../../results/types.js';
import { COMPRESSION_HEADER, compressionRows, compressionSizes, datasetTables, rawHeader, rawRows, splitCompressed, tableUnit, type CompressionRow, type DatasetTable } from '../codec-tables.js';
import { relativeFigure } from '../../results/figures.js';
import type { CaseResult } from '../../results/types.js';
import { bestCase, formatMeasure, relativeCell } from '../codec-figures.js';
import { formatBytes, formatDuration } from '../format.js';
import { barValues, renderBarChart, type BarRow } from './bar-chart.js';
import { byteTickUnit } from './scale.js';
import { bestOf, caseOf, codecFigures, MEMCPY_CODEC, realCodecs, timeOf, type CodecFigures, type TimeOp } from './codec-model.js';
import { escapeHtml, slug } from './escape.js';
import { figure } from './figure.js';
import { CROWDED_POINTS, paretoFront, renderScatterChart } from './scatter-chart.js';
import { flamegraphLine, type ProfileLinks } from './profiles-section.js';
import { htmlTable } from './table.js';

const ratio = (value: number, best: number): string => `${(value / best).toFixed(2)}×`;

/** The column heading of a figure per batch: time and instruction counts never share a column. */
function perBatchHeading(unit: string, op: TimeOp): string {
  return unit === 'instructions' ? `${op} instructions per batch` : `${op} time per batch`;
}

/** The best codec of an op, its case, and each codec's figure relative to it (paired when measured side by side). */
function relativeTo(figures: readonly CodecFigures[], op: TimeOp): { readonly best: CaseResult | undefined; readonly relative: (f: CodecFigures) => number } {
  const best = bestCase(realCodecs(figures).map((f) => caseOf(f, op)));
  return {
    best,
    relative: (f) => {
      const item = caseOf(f, op);
      if (!item || !best || !Number.isFinite(timeOf(f, op))) return Number.NaN;
      return item === best ? 1 : relativeFigure(item, best).value;
    },
  };
}

/** The bars of an encode or decode chart: each codec relative to the fastest (paired ratios), with its figure. */
export function timeBarRows(figures: readonly CodecFigures[], op: TimeOp): BarRow[] {
  const { best, relative } = relativeTo(figures, op);
  return realCodecs(figures).map((f) => {
    const value = timeOf(f, op);
    const absent = op === 'encode' ? f.encodeMissing : f.decodeMissing;
    const item = caseOf(f, op);
    if (absent || !Number.isFinite(value) || !item) return { label: f.codec, values: [absent ?? 'not measured'] };
    return { label: f.codec, values: [{ value: relative(f), text: `${relativeCell(item, best)}${item === best ? ' best' : ''} · ${formatMeasure(value, f.unit)}` }] };
  });
}

function timeTable(figures: readonly CodecFigures[], op: TimeOp): string {
  const { best } = relativeTo(figures, op);
  const rows = realCodecs(figures).map((f) => {
    const value = timeOf(f, op);
    const absent = op === 'encode' ? f.encodeMissing : f.decodeMissing;
    const spread = op === 'encode' ? f.spreadEncode : f.spreadDecode;
    if (absent || !Number.isFinite(value)) return [f.codec, absent ?? 'not measured', '–', '–', '–'];
    return [f.codec, formatMeasure(value, f.unit), formatMeasure(value / f.records, f.unit), relativeCell(caseOf(f, op), best), spread || '–'];
  });
  return htmlTable(['codec', perBatchHeading(figures[0]?.unit ?? 'ns', op), 'per record', 'relative to best (≈ tie)', '± run to run'], rows);
}

const SIZE_KINDS = [
  { key: 'raw', label: 'encoded' },
  { key: 'gzip', label: 'gzip' },
  { key: 'brotli', label: 'brotli' },
] as const;

export function sizeBarRows(figures: readonly CodecFigures[]): BarRow[] {
  return realCodecs(figures).map((f) => ({
    label: f.codec,
    values: SIZE_KINDS.map(({ key }) => (Number.isFinite(f.bytes[key]) ? { value: f.bytes[key], text: formatBytes(f.bytes[key]) } : 'not measured')),
  }));
}

function sizeTable(figures: readonly CodecFigures[]): string {
  const codecs = realCodecs(figures);
  const best = Object.fromEntries(SIZE_KINDS.map(({ key }) => [key, bestOf(codecs.map((f) => f.bytes[key]))])) as Record<'raw' | 'gzip' | 'brotli', number>;
  const cell = (f: CodecFigures, key: 'raw' | 'gzip' | 'brotli'): string => (Number.isFinite(f.bytes[key]) ? `${formatBytes(f.bytes[key])} (${ratio(f.bytes[key], best[key])})` : '–');
  const rows = codecs.map((f) => [f.codec, cell(f, 'raw'), cell(f, 'gzip'), cell(f, 'brotli'), Number.isFinite(f.bytes.raw) ? `${(f.bytes.raw / f.records).toFixed(1)} B` : '–']);
  return htmlTable(['codec', 'encoded (× best)', 'gzip (× best)', 'brotli (× best)', 'encoded per record'], rows);
}

/** Which times the scatter adds up: both ops when every codec has both, else the one every codec has. */
export function scatterOps(figures: readonly CodecFigures[]): TimeOp[] {
  const codecs = realCodecs(figures);
  const has = (op: TimeOp): boolean => codecs.some((f) => Number.isFinite(timeOf(f, op)));
  return (['encode', 'decode'] as const).filter(has);
}

export interface TradeOffPoint {
  readonly codec: string;
  /** ns per record, summed over the ops of `scatterOps`. */
  readonly x: number;
  /** Encoded bytes per record. */
  readonly y: number;
}

export function tradeOffPoints(figures: readonly CodecFigures[]): TradeOffPoint[] {
  const ops = scatterOps(figures);
  return realCodecs(figures)
    .map((f) => ({ codec: f.codec, x: ops.reduce((sum, op) => sum + timeOf(f, op), 0) / f.records, y: f.bytes.raw / f.records }))
    .filter((p) => ops.length > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
}

function tradeOffFigure(id: string, table: DatasetTable, figures: readonly CodecFigures[]): string {
  const ops = scatterOps(figures);
  const points = tradeOffPoints(figures);
  const front = paretoFront(points).map((p) => p.codec);
  const opsText = ops.join(' + ');
  const unit = figures[0]?.unit ?? 'ns';
  const perRecord = (value: number): string => formatMeasure(value, unit);
  const measured = unit === 'instructions' ? 'instructions' : 'time';
  const left = realCodecs(figures).filter((f) => !points.some((p) => p.codec === f.codec)).map((f) => f.codec);
  const chart = renderScatterChart({
    id,
    title: `${table.dataset}: encoded size versus ${opsText} ${measured} per record`,
    description: points.map((p) => `${p.codec}: ${perRecord(p.x)} per record, ${p.y.toFixed(1)} bytes per record${front.includes(p.codec) ? ' (on the trade-off front)' : ''}`).join('; '),
    xLabel: `${opsText} ${measured} per record`,
    yLabel: 'bytes per record',
    xFormat: perRecord,
    yFormat: (v) => `${Number(v.toPrecision(3))} B`,
    points: points.map((p) => ({ label: p.codec, x: p.x, y: p.y, text: `${p.codec}: ${perRecord(p.x)} per record, ${p.y.toFixed(1)} B per record` })),
    front,
  });
  const rows = points.map((p) => [p.codec, perRecord(p.x), `${p.y.toFixed(1)} B`, front.includes(p.codec) ? 'yes' : 'no']);
  const caption =
    `Size against speed: lower left is better on both. The dashed line joins the trade-off front, the codecs no other codec beats on both size and time (${front.join(', ') || 'none'}).` +
    (left.length > 0 ? ` Not plotted (no time or size): ${left.join(', ')}.` : '');
  return figure({ chart, caption, table: htmlTable(['codec', `${opsText} per record`, 'encoded per record', 'on the front'], rows), ...(points.length > CROWDED_POINTS ? { className: 'wide' } : {}) });
}

function memcpyNote(figures: readonly CodecFigures[]): string {
  const memcpy = figures.find((f) => f.codec === MEMCPY_CODEC);
  if (!memcpy || !Number.isFinite(memcpy.encodePerBatch)) return '';
  return `<p class="note">Floor: <code>memcpy</code> copies a buffer the size of the JSON payload in ${escapeHtml(formatMeasure(memcpy.encodePerBatch, memcpy.unit))} per batch (memory bandwidth; not a codec, so left out of “best”).</p>`;
}

/** Bars of the compressed batch beside the uncompressed one, per codec × compressor. */
export function compressionBarRows(compressed: readonly CompressionRow[]): BarRow[] {
  const bar = (bytes: number) => (Number.isFinite(bytes) ? { value: bytes, text: formatBytes(bytes) } : 'not measured');
  return compressed.map((row) => {
    const sizes = compressionSizes(row);
    return { label: `${row.codec} + ${row.compressor}`, values: [bar(sizes.plain), bar(sizes.compressed)] };
  });
}

function compressionFigure(id: string, dataset: string, records: number, compressed: readonly CompressionRow[]): string {
  if (compressed.length === 0) return '';
  const rows = compressionBarRows(compressed);
  const chart = renderBarChart({
    id,
    title: `${dataset}: batch size uncompressed and compressed, per codec and compressor`,
    description: rows.map((r) => `${r.label}: ${r.values.map((v, i) => `${i === 0 ? 'uncompressed' : 'compressed'} ${typeof v === 'string' ? v : v.text}`).join(', ')}`).join('; '),
    axisLabel: `bytes per batch of ${records} records`,
    series: [
      { key: 'plain', label: 'uncompressed' },
      { key: 'compressed', label: 'compressed' },
    ],
    rows,
    format: formatBytes,
    scale: 'linear',
    tickUnit: byteTickUnit(Math.max(...barValues(rows))),
  });
  return figure({
    chart,
    caption:
      'Compressed codecs (--compression: encode then compress, decompress then decode). The table gives the size, the ratio of the uncompressed size to it, and the time compression adds to the uncompressed codec (difference of the medians). ' +
      'Compressed codecs are in the time charts and the trade-off above, but not in the size chart: gzip or brotli over an already compressed batch says nothing.',
    table: htmlTable(COMPRESSION_HEADER, compressionRows(compressed)),
    tableVisible: true,
    className: 'wide',
  });
}

/**
 * One dataset: encode and decode bars, sizes, the size/time trade-off, the compression
 * table, and the full table. `compressed`: the rows of `table` that are a codec composed
 * with a compressor (see splitCompressed), kept out of the size chart.
 */
export function datasetBlock(table: DatasetTable, profiles?: ProfileLinks, compressed: readonly CompressionRow[] = []): string {
  const figures = codecFigures(table);
  const composed = new Set(compressed.map((row) => row.compressed.codec));
  const plainFigures = figures.filter((f) => !composed.has(f.codec));
  const id = `codec-${slug(table.dataset)}-${table.records}`;
  const parts: string[] = [`<section class="dataset" id="${id}" aria-labelledby="${id}-h">`];
  parts.push(`<h3 id="${id}-h">${escapeHtml(table.dataset)} <small>${table.records} records per batch</small></h3>`);
  parts.push('<div class="figure-grid">');
  for (const op of ['encode', 'decode'] as const) {
    const rows = timeBarRows(figures, op);
    if (rows.every((r) => typeof r.values[0] === 'string' && r.values[0] === 'not measured')) continue;
    const chart = renderBarChart({
      id: `${id}-${op}`,
      title: `${table.dataset}: ${op} time relative to the fastest codec`,
      description: rows.map((r) => `${r.label}: ${typeof r.values[0] === 'string' ? r.values[0] : r.values[0]?.text}`).join('; '),
      axisLabel: `${op} time, × the fastest`,
      series: [{ key: op, label: op }],
      rows,
      format: (v) => `${Number(v.toPrecision(3))}×`,
      scale: 'auto',
      logFloor: 1,
    });
    const what = tableUnit(table) === 'instructions' ? 'instructions (counted under Valgrind)' : 'time';
    parts.push(
      figure({
        chart,
        caption: `${capitalise(op)} ${what} per batch of ${table.records} records, relative to the fastest codec (1× is best; shorter is better; ≈ a tie: its interval includes the best). Each bar is labelled with its ratio and its figure per batch.`,
        table: timeTable(figures, op),
      }),
    );
  }
  const sizeRows = sizeBarRows(plainFigures);
  if (sizeRows.length > 0) {
    const chart = renderBarChart({
      id: `${id}-size`,
      title: `${table.dataset}: encoded size of a batch, raw and compressed`,
      description: sizeRows.map((r) => `${r.label}: ${r.values.map((v, i) => `${SIZE_KINDS[i]?.label} ${typeof v === 'string' ? v : v.text}`).join(', ')}`).join('; '),
      axisLabel: `bytes per batch of ${table.records} records`,
      series: SIZE_KINDS.map(({ key, label }) => ({ key, label })),
      rows: sizeRows,
      format: formatBytes,
      scale: 'linear',
      tickUnit: byteTickUnit(Math.max(...barValues(sizeRows))),
    });
    parts.push(figure({ chart, caption: 'Encoded size of one batch: as encoded (solid), after gzip level 6 (hatched) and brotli (dotted; quality 11, or 5 in --quick runs). Shorter is better.', table: sizeTable(plainFigures) }));
  }
  parts.push(tradeOffFigure(`${id}-tradeoff`, table, figures));
  parts.push(compressionFigure(`${id}-compression`, table.dataset, table.records, compressed));
  parts.push('</div>', memcpyNote(figures));
  parts.push(flamegraphLine(table.rows.flatMap((r) => [r.encode?.id, r.decode?.id].filter((id): id is string => id !== undefined)), profiles));
  parts.push(`<details class="all-figures"><summary>All figures for ${escapeHtml(table.dataset)}</summary>${htmlTable(rawHeader(tableUnit(table)), rawRows(table))}</details>`);
  parts.push('</section>');
  return parts.join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The codec suite part of the page; empty string when the result has no codec cases. */
export function codecSection(result: ResultFile, profiles?: ProfileLinks): string {
  return datasetTables(result)
    .map((table) => datasetBlock(table, profiles, splitCompressed(result, table).compressed))
    .join('\n');
}
