import { Random } from './random.js';
import { field, scalar, type RecordSchema } from './schema.js';
import { recordSeed, type Dataset } from './types.js';

/** One sample of a time series: numeric heavy, like what a metrics agent ships. */
export interface MetricRecord {
  readonly [key: string]: number;
  /** int64 series id (a hash of name and labels). */
  readonly seriesId: number;
  /** int64: milliseconds since the Unix epoch. */
  readonly timestampMs: number;
  readonly value: number;
  readonly rate: number;
  /** int64: a monotonic counter. */
  readonly counter: number;
  readonly p50: number;
  readonly p99: number;
  readonly region: number;
  readonly shard: number;
  readonly flags: number;
}

const schema: RecordSchema = {
  name: 'Metric',
  fields: [
    field('seriesId', scalar('int64')),
    field('timestampMs', scalar('int64')),
    field('value', scalar('double')),
    field('rate', scalar('double')),
    field('counter', scalar('int64')),
    field('p50', scalar('double')),
    field('p99', scalar('double')),
    field('region', scalar('int32')),
    field('shard', scalar('int32')),
    field('flags', scalar('int32')),
  ],
};

const SERIES = 512;
const EPOCH_MS = 1_767_225_600_000;

function makeMetric(seed: number, index: number): MetricRecord {
  const random = new Random(recordSeed(seed, index));
  const series = index % SERIES;
  const seriesRandom = new Random(recordSeed(seed ^ 0x3c6ef372, series));
  const base = seriesRandom.int(1, 10_000);
  const tick = Math.floor(index / SERIES);
  const p50 = Math.abs(random.gaussian(base / 100, base / 1000));
  return {
    seriesId: seriesRandom.int(0, Number.MAX_SAFE_INTEGER),
    timestampMs: EPOCH_MS + tick * 10_000 + seriesRandom.int(0, 9_999),
    value: random.gaussian(base, base / 10),
    rate: random.float() * base,
    counter: seriesRandom.int(0, 2 ** 40) + tick * base + random.int(0, base),
    p50,
    p99: p50 * (2 + random.float() * 8),
    region: seriesRandom.int(0, 15),
    shard: seriesRandom.int(0, 255),
    flags: random.chance(0.9) ? 0 : random.int(1, 7),
  };
}

export const metricsDataset: Dataset<MetricRecord> = {
  name: 'metrics',
  description: 'time-series samples: numeric heavy (64-bit ids, timestamps and counters, doubles, small int tags)',
  schema,
  *stream(count, seed, startIndex = 0) {
    for (let i = startIndex; i < startIndex + count; i++) yield makeMetric(seed, i);
  },
};
