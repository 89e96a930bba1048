import { stringify } from 'csv-stringify/sync';
import { failureKind } from '../results/failure.js';
import type { ResultFile } from '../results/types.js';

export const CSV_COLUMNS = [
  'id', 'suite', 'dataset', 'codec', 'op', 'records', 'status', 'median_ns', 'mean_ns', 'p75_ns', 'p99_ns', 'min_ns', 'max_ns', 'sd_ns', 'rme_pct', 'samples',
  'records_per_sec', 'bytes_per_sec', 'bytes_raw', 'bytes_gzip', 'bytes_brotli', 'error', 'failure',
] as const;

/** One row per case, machine-friendly (plain numbers, no units in cells). */
export function resultCsv(result: ResultFile): string {
  const rows = result.cases.map((c) => [
    c.id, c.suite, c.dataset, c.codec, c.op, c.records, c.status,
    c.stats?.median, c.stats?.mean, c.stats?.p75, c.stats?.p99, c.stats?.min, c.stats?.max, c.stats?.sd, c.stats?.rme, c.samples.length,
    c.throughput?.recordsPerSec, c.throughput?.bytesPerSec, c.bytes?.raw, c.bytes?.gzip, c.bytes?.brotli,
    c.status === 'ok' ? '' : c.error,
    failureKind(c) ?? '',
  ]);
  return stringify([[...CSV_COLUMNS], ...rows]);
}
