import type { FidelityTable } from '../../fidelity/probes.js';
import { RESULT_SCHEMA, type CaseResult, type PipelineMetrics, type ResultFile } from '../../results/types.js';
import { summarize } from '../../stats/summary.js';

/**
 * Synthetic result files for the report tests: deterministic, SPEC.md-shaped, small.
 * The figures are made up (the tests check how the page shows data, not the data).
 */

/** A small deterministic generator (LCG), so samples vary but never between runs. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function samplesAround(median: number, count: number, seed: number, spread = 0.04): number[] {
  const next = noise(seed);
  return Array.from({ length: count }, () => median * (1 + (next() - 0.5) * 2 * spread));
}

const META: ResultFile['meta'] = {
  createdAt: '2026-01-02T03:04:05.000Z',
  git: { sha: '0123456789abcdef0123456789abcdef01234567', dirty: false },
  env: { node: 'v20.0.0', v8: '11.3', platform: 'linux', arch: 'x64', cpuModel: 'Test CPU', cpuCount: 2, totalMemBytes: 8 * 1024 ** 3 },
  options: { datasets: [], codecs: [], ops: ['encode', 'decode'], records: 1000, seed: 42, timeMs: 150, rounds: 1, quick: true, command: 'bench' },
};

export interface CodecSpec {
  readonly codec: string;
  readonly encodeNs: number;
  readonly decodeNs?: number;
  readonly raw?: number;
  readonly failDecode?: boolean;
}

export const CODEC_SPECS: readonly CodecSpec[] = [
  { codec: 'json', encodeNs: 1_500_000, decodeNs: 850_000, raw: 270_000 },
  { codec: 'protobuf', encodeNs: 1_000_000, decodeNs: 500_000, raw: 165_000 },
  { codec: 'parquet', encodeNs: 19_000_000, decodeNs: 2_600_000, raw: 180_000 },
  { codec: 'broken', encodeNs: 2_000_000, raw: 200_000, failDecode: true },
  { codec: 'memcpy', encodeNs: 5_000 },
];

export function codecCase(dataset: string, spec: CodecSpec, op: 'encode' | 'decode', seed: number, records = 1000): CaseResult {
  const id = `codec/${dataset}/${spec.codec}/${op}/${records}`;
  const base = { id, suite: 'codec' as const, dataset, codec: spec.codec, op, records, unit: 'ns' as const };
  if (op === 'decode' && spec.failDecode) return { ...base, samples: [], status: 'failed', error: 'decode failed: boom' };
  const median = op === 'encode' ? spec.encodeNs : (spec.decodeNs ?? Number.NaN);
  const samples = samplesAround(median, 30, seed);
  const stats = summarize(samples);
  const bytes = spec.raw !== undefined ? { raw: spec.raw, gzip: Math.round(spec.raw * 0.15), brotli: Math.round(spec.raw * 0.12) } : undefined;
  return {
    ...base,
    samples,
    stats,
    throughput: { recordsPerSec: (records * 1e9) / stats.median, bytesPerSec: ((spec.raw ?? 270_000) * 1e9) / stats.median },
    ...(bytes ? { bytes } : {}),
    status: 'ok',
  };
}

export const FIDELITY: FidelityTable = {
  probes: [
    { name: 'NaN', description: 'double field holding NaN' },
    { name: 'int64 2^63-1', description: 'int64 beyond 2^53' },
  ],
  codecs: [
    { codec: 'json', int64: 'JSON number', outcomes: { NaN: { kind: 'changed', detail: 'real: NaN → null' }, 'int64 2^63-1': { kind: 'rejected', detail: 'Do not know how to serialize a BigInt' } } },
    { codec: 'protobuf', int64: 'varint', outcomes: { NaN: { kind: 'kept' }, 'int64 2^63-1': { kind: 'changed', detail: 'big: 9223372036854775807n → 0' } } },
  ],
};

/** Two datasets × the codecs of CODEC_SPECS (decode only where the spec has one), with a fidelity table. */
export function codecResult(options: { scale?: Readonly<Record<string, number>>; seed?: number } = {}): ResultFile {
  const cases: CaseResult[] = [];
  let seed = options.seed ?? 1;
  for (const dataset of ['log', 'metrics']) {
    for (const spec of CODEC_SPECS) {
      const factor = options.scale?.[spec.codec] ?? 1;
      const scaled = { ...spec, encodeNs: spec.encodeNs * factor, ...(spec.decodeNs !== undefined ? { decodeNs: spec.decodeNs * factor } : {}) };
      cases.push(codecCase(dataset, scaled, 'encode', seed++));
      if (spec.decodeNs !== undefined || spec.failDecode) cases.push(codecCase(dataset, scaled, 'decode', seed++));
    }
  }
  return { schema: RESULT_SCHEMA, complete: false, meta: META, cases, fidelity: FIDELITY };
}

export interface PipelineSpec {
  readonly variant: string;
  readonly workers: number;
  readonly batchSize: number;
  readonly recordsPerSec: number;
}

/** sync and async on the main thread at three batch sizes; workers at 1, 2 and 4 threads (and two batch sizes at 1). */
export const PIPELINE_SPECS: readonly PipelineSpec[] = [
  { variant: 'sync', workers: 0, batchSize: 1, recordsPerSec: 300_000 },
  { variant: 'sync', workers: 0, batchSize: 100, recordsPerSec: 900_000 },
  { variant: 'sync', workers: 0, batchSize: 1000, recordsPerSec: 1_000_000 },
  { variant: 'async', workers: 0, batchSize: 1, recordsPerSec: 150_000 },
  { variant: 'async', workers: 0, batchSize: 100, recordsPerSec: 800_000 },
  { variant: 'async', workers: 0, batchSize: 1000, recordsPerSec: 950_000 },
  { variant: 'workers', workers: 1, batchSize: 100, recordsPerSec: 500_000 },
  { variant: 'workers', workers: 1, batchSize: 1000, recordsPerSec: 700_000 },
  { variant: 'workers', workers: 2, batchSize: 1000, recordsPerSec: 1_260_000 },
  { variant: 'workers', workers: 4, batchSize: 1000, recordsPerSec: 1_540_000 },
];

export function pipelineCase(spec: PipelineSpec, seed: number, scenario = 'encode', dataset = 'log', codec = 'protobuf'): CaseResult {
  const records = 50_000;
  const median = (records * 1e9) / spec.recordsPerSec;
  const samples = samplesAround(median, 5, seed);
  const pipeline: PipelineMetrics = {
    variant: spec.variant,
    batchSize: spec.batchSize,
    workers: spec.workers,
    recordsPerSec: spec.recordsPerSec,
    mbPerSec: (spec.recordsPerSec * 170) / 1e6,
    latencyMs: { p50: 2 + 1000 / spec.batchSize / 100, p99: 8 + 1000 / spec.batchSize / 50 },
    peakRssBytes: 120 * 1024 * 1024 + spec.workers * 30 * 1024 * 1024,
    peakHeapBytes: 60 * 1024 * 1024,
    gc: { count: 12, pauseMs: 4.5 },
    eventLoopDelayMs: { p99: 12 },
    cpuUtilization: spec.workers === 0 ? 0.98 : 0.9 * spec.workers + 0.2,
    // Fields the pipeline suite adds beyond SPEC.md (src/report/pipeline-tables.ts reads them).
    scenario,
    sink: 'null',
    cpuCores: spec.workers === 0 ? 0.98 : 0.9 * spec.workers + 0.2,
  };
  return {
    id: `pipeline/${scenario}/${dataset}/${codec}/${spec.variant}/b${spec.batchSize}/w${spec.workers}/${records}`,
    suite: 'pipeline',
    dataset,
    codec,
    op: scenario,
    records,
    unit: 'ns',
    samples,
    stats: summarize(samples),
    throughput: { recordsPerSec: spec.recordsPerSec, bytesPerSec: spec.recordsPerSec * 170 },
    pipeline,
    status: 'ok',
  };
}

export function pipelineResult(): ResultFile {
  const cases = PIPELINE_SPECS.map((spec, i) => pipelineCase(spec, 100 + i));
  const failed: CaseResult = { ...pipelineCase(PIPELINE_SPECS[0] as PipelineSpec, 999, 'decode'), status: 'failed', error: 'worker exited', samples: [] };
  return {
    schema: RESULT_SCHEMA,
    complete: true,
    meta: { ...META, options: { variants: ['sync', 'async', 'workers'], batchSizes: [1, 100, 1000], workers: [1, 2, 4], quick: true, command: 'bench:pipeline' } },
    cases: [...cases, failed],
  };
}
