import type { LoadedCase, LoadedResult } from '../results/read.js';
import { medianInterval } from '../stats/median-interval.js';
import { quantileSorted } from '../stats/summary.js';

/**
 * A result file in the formats of the tools people already use to track
 * benchmarks over time. Pure functions; every figure is computed from samples.
 *
 * - github-action-benchmark: the `customSmallerIsBetter` tool's JSON array of
 *   `{ name, unit, value, range, extra }` (value: the median; range: the
 *   half-width of the median's 95% interval).
 * - bmf: Bencher Metric Format, `{ <benchmark>: { <measure>: { value,
 *   lower_value, upper_value } } }` with the built-in `latency` measure
 *   (nanoseconds, the median and its 95% interval), `file-size` (encoded bytes of
 *   the batch) and a `records-per-second` measure when the case has a throughput.
 */
export const EXPORT_FORMATS = ['github-action-benchmark', 'bmf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The interval reported with each median. */
const EXPORT_ALPHA = 0.05;

export interface GithubActionBenchmarkEntry {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly range?: string;
  readonly extra?: string;
}

export interface BencherMetric {
  readonly value: number;
  readonly lower_value?: number;
  readonly upper_value?: number;
}

export type BencherMetricFormat = Record<string, Record<string, BencherMetric>>;

interface MedianSummary {
  readonly n: number;
  readonly median: number;
  readonly lower?: number;
  readonly upper?: number;
}

function summarizeMedian(item: LoadedCase): MedianSummary | null {
  if (item.status !== 'ok' || item.samples.length === 0) return null;
  const sorted = [...item.samples].sort((a, b) => a - b);
  const interval = medianInterval(sorted, EXPORT_ALPHA);
  return { n: sorted.length, median: quantileSorted(sorted, 0.5), ...(interval ? { lower: interval.lower, upper: interval.upper } : {}) };
}

function numberAt(value: unknown, key: string): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined;
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

export function toGithubActionBenchmark(result: LoadedResult): GithubActionBenchmarkEntry[] {
  return result.cases.flatMap((item) => {
    const summary = summarizeMedian(item);
    if (!summary) return [];
    const { median, lower, upper, n } = summary;
    const halfWidth = lower !== undefined && upper !== undefined ? Math.max(median - lower, upper - median) : undefined;
    const recordsPerSec = numberAt(item.throughput, 'recordsPerSec');
    const bytes = numberAt(item.bytes, 'raw');
    const extra = [
      `median of ${n} samples`,
      ...(lower !== undefined && upper !== undefined ? [`95% interval of the median: ${round(lower)} to ${round(upper)} ${item.unit}`] : []),
      ...(recordsPerSec !== undefined ? [`${round(recordsPerSec)} records/s`] : []),
      ...(bytes !== undefined ? [`encoded size: ${bytes} bytes`] : []),
    ].join('\n');
    return [{ name: item.id, unit: item.unit, value: round(median), ...(halfWidth !== undefined ? { range: `± ${round(halfWidth)}` } : {}), extra }];
  });
}

export function toBencherMetricFormat(result: LoadedResult): BencherMetricFormat {
  const entries = result.cases.flatMap((item): [string, Record<string, BencherMetric>][] => {
    const summary = summarizeMedian(item);
    if (!summary) return [];
    const measures: Record<string, BencherMetric> = {};
    const measure = item.unit === 'ns' ? 'latency' : item.unit;
    measures[measure] = { value: summary.median, ...(summary.lower !== undefined && summary.upper !== undefined ? { lower_value: summary.lower, upper_value: summary.upper } : {}) };
    const recordsPerSec = numberAt(item.throughput, 'recordsPerSec');
    if (recordsPerSec !== undefined) measures['records-per-second'] = { value: recordsPerSec };
    const bytes = numberAt(item.bytes, 'raw');
    if (bytes !== undefined) measures['file-size'] = { value: bytes };
    return [[item.id, measures]];
  });
  return Object.fromEntries(entries);
}

/** The result file in `format`, as JSON text ending in a newline. */
export function exportResult(result: LoadedResult, format: ExportFormat): string {
  const value = format === 'github-action-benchmark' ? toGithubActionBenchmark(result) : toBencherMetricFormat(result);
  return `${JSON.stringify(value, null, 2)}\n`;
}
