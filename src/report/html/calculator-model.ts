import type { ResultFile } from '../../results/types.js';
import { datasetTables } from '../codec-tables.js';
import { formatRate } from '../format.js';
import { codecFigures, realCodecs } from './codec-model.js';

/**
 * "Messages per second at a given bandwidth": a message is one record. The CPU limit
 * is the cores given to serialization divided by the measured time per record; the
 * bandwidth limit is the link divided by the bytes per record on the wire. The lower
 * of the two is what a codec can deliver, and names its bottleneck.
 */

export const WIRE_FORMATS = ['raw', 'gzip', 'brotli'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];
export const SIDES = ['encode', 'decode', 'both'] as const;
export type Side = (typeof SIDES)[number];

export interface CalculatorCodec {
  readonly codec: string;
  readonly encodeNsPerRecord: number | null;
  readonly decodeNsPerRecord: number | null;
  readonly bytesPerRecord: Readonly<Record<WireFormat, number | null>>;
}

export interface CalculatorDataset {
  readonly dataset: string;
  readonly records: number;
  readonly codecs: readonly CalculatorCodec[];
}

/** Embedded in the page as JSON for the inline script (null, not NaN, for what was not measured). */
export interface CalculatorData {
  readonly cpuCount: number;
  readonly datasets: readonly CalculatorDataset[];
}

export interface CalculatorInput {
  readonly dataset: string;
  readonly bandwidthBitsPerSec: number;
  readonly cpuCores: number;
  readonly side: Side;
  readonly wire: WireFormat;
}

export const CALCULATOR_DEFAULTS: Omit<CalculatorInput, 'dataset'> = { bandwidthBitsPerSec: 1e9, cpuCores: 1, side: 'encode', wire: 'raw' };

export type Bottleneck = 'CPU' | 'bandwidth' | 'not measured';

export interface CalculatorRow {
  readonly codec: string;
  readonly cpuLimit: number;
  readonly bandwidthLimit: number;
  readonly messagesPerSec: number;
  readonly bottleneck: Bottleneck;
  /** The link speed (bits/s) above which the CPU, not the link, limits this codec. */
  readonly crossoverBitsPerSec: number;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function calculatorData(result: ResultFile): CalculatorData {
  return {
    cpuCount: result.meta.env.cpuCount,
    datasets: datasetTables(result)
      .map((table) => ({
        dataset: table.dataset,
        records: table.records,
        // The calculator turns time into throughput: a file of instruction counts has none to give.
        codecs: realCodecs(codecFigures(table))
          .filter((f) => f.unit === 'ns')
          .map((f) => ({
            codec: f.codec,
            encodeNsPerRecord: finite(f.encodePerBatch / f.records),
            decodeNsPerRecord: finite(f.decodePerBatch / f.records),
            bytesPerRecord: { raw: finite(f.bytes.raw / f.records), gzip: finite(f.bytes.gzip / f.records), brotli: finite(f.bytes.brotli / f.records) },
          })),
      }))
      .filter((d) => d.codecs.length > 0),
  };
}

export function cpuNsPerRecord(codec: CalculatorCodec, side: Side): number {
  const encode = codec.encodeNsPerRecord ?? Number.NaN;
  const decode = codec.decodeNsPerRecord ?? Number.NaN;
  return side === 'encode' ? encode : side === 'decode' ? decode : encode + decode;
}

export function calculatorRow(codec: CalculatorCodec, input: Omit<CalculatorInput, 'dataset'>): CalculatorRow {
  const ns = cpuNsPerRecord(codec, input.side);
  const bytes = codec.bytesPerRecord[input.wire] ?? Number.NaN;
  const cpuLimit = ns > 0 ? (input.cpuCores * 1e9) / ns : Number.NaN;
  const bandwidthLimit = bytes > 0 ? input.bandwidthBitsPerSec / 8 / bytes : Number.NaN;
  const known = Number.isFinite(cpuLimit) && Number.isFinite(bandwidthLimit);
  return {
    codec: codec.codec,
    cpuLimit,
    bandwidthLimit,
    messagesPerSec: known ? Math.min(cpuLimit, bandwidthLimit) : Number.NaN,
    bottleneck: !known ? 'not measured' : cpuLimit < bandwidthLimit ? 'CPU' : 'bandwidth',
    crossoverBitsPerSec: known ? cpuLimit * bytes * 8 : Number.NaN,
  };
}

export function calculatorRows(data: CalculatorData, input: CalculatorInput): CalculatorRow[] {
  const dataset = data.datasets.find((d) => d.dataset === input.dataset) ?? data.datasets[0];
  return dataset ? dataset.codecs.map((c) => calculatorRow(c, input)) : [];
}

/** Link speeds in bits per second, as people say them (`1 Gbit/s`). */
export function formatBitRate(bitsPerSec: number): string {
  if (!Number.isFinite(bitsPerSec)) return '–';
  if (bitsPerSec >= 1e9) return `${Number((bitsPerSec / 1e9).toPrecision(3))} Gbit/s`;
  if (bitsPerSec >= 1e6) return `${Number((bitsPerSec / 1e6).toPrecision(3))} Mbit/s`;
  if (bitsPerSec >= 1e3) return `${Number((bitsPerSec / 1e3).toPrecision(3))} kbit/s`;
  return `${Number(bitsPerSec.toPrecision(3))} bit/s`;
}

/** The table cells of one row, exactly as the inline script prints them. */
export function calculatorCells(row: CalculatorRow, bestMessagesPerSec: number): string[] {
  return [
    row.codec,
    formatRate(row.messagesPerSec, 'msg') + (row.messagesPerSec === bestMessagesPerSec && Number.isFinite(row.messagesPerSec) ? ' (most)' : ''),
    row.bottleneck,
    formatRate(row.cpuLimit, 'msg'),
    formatRate(row.bandwidthLimit, 'msg'),
    formatBitRate(row.crossoverBitsPerSec),
  ];
}

export const CALCULATOR_HEADER = ['codec', 'messages per second', 'bottleneck', 'CPU allows', 'bandwidth allows', 'CPU-bound above'];

/** `a`, `a and b`, `a, b and c`. */
export function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The sentence under the calculator, as the inline script writes it. */
export function calculatorSummary(rows: readonly CalculatorRow[], input: Omit<CalculatorInput, 'dataset'>): string {
  const measured = rows.filter((r) => r.bottleneck !== 'not measured');
  const best = Math.max(...rows.map((r) => (Number.isFinite(r.messagesPerSec) ? r.messagesPerSec : -1)));
  const winners = measured.filter((r) => r.messagesPerSec === best);
  const first = winners[0];
  if (!first) return 'No codec has both a time and a size for this choice.';
  const cpuBound = measured.filter((r) => r.bottleneck === 'CPU').length;
  return (
    `At ${formatBitRate(input.bandwidthBitsPerSec)} with ${input.cpuCores} core${input.cpuCores === 1 ? '' : 's'} (${input.side}), ` +
    `${joinNames(winners.map((w) => w.codec))} ${winners.length === 1 ? 'delivers' : 'deliver'} the most: ${formatRate(first.messagesPerSec, 'msg')}, limited by ${first.bottleneck}. ` +
    `${cpuBound} of ${measured.length} codecs CPU-bound.`
  );
}
