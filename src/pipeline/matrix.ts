import os from 'node:os';
import type { PipelineRegistries } from './assemble.js';
import type { CaseSpec } from './case.js';
import { BATCH_SIZES, NO_CODEC, PIPELINE_DEFAULTS } from './constants.js';
import type { Variant } from './variants/types.js';
import type { Registry } from '../registry.js';

/** The dimensions of a case matrix. */
export interface MatrixBlock {
  readonly scenarios: readonly string[];
  readonly datasets: readonly string[];
  readonly codecs: readonly string[];
  readonly variants: readonly string[];
  readonly batches: readonly number[];
  /** Worker counts for variants on worker threads. */
  readonly workers: readonly number[];
  /** Consumer process counts for variants that run consumer processes (default PIPELINE_DEFAULTS.group.consumers). */
  readonly consumers?: readonly number[];
  /** Records per run for this block's cases (--records overrides it). */
  readonly records?: number;
}

/** Dimensions given on the command line; each one replaces that dimension in every block. */
export type MatrixSelection = Partial<Omit<MatrixBlock, 'records'>>;

const MAIN_THREAD = ['sync', 'async', 'stream'];
const WORKERS = ['workers', 'workers-sharded'];

/** A codec block: the main-thread variants at one record and 1000 per batch, the worker pool at 1000. */
function codecBlocks(scenarios: readonly string[], codecs: readonly string[]): MatrixBlock[] {
  const common = { scenarios, datasets: ['orders'], codecs, records: 20_000 };
  return [
    { ...common, variants: ['bare', ...MAIN_THREAD], batches: [1, 1000], workers: [1, 2] },
    { ...common, variants: WORKERS, batches: [1000], workers: [1, 2] },
  ];
}

/**
 * The default matrix (a few minutes on two cores). Passthrough shows what each variant
 * costs by itself from one record per batch up, worker pools included; encode, decode
 * and transcode show codec work inside the pipeline at one record and 1000 per batch,
 * with the bare codec loop as the reference, and the worker pool at 1000 (passthrough
 * already shows what a message per record costs). Parquet (parquetjs-lite, about
 * 10 000 records a second) is left to explicit runs.
 */
export const DEFAULT_MATRIX: readonly MatrixBlock[] = [
  { scenarios: ['passthrough'], datasets: ['log'], codecs: [NO_CODEC], variants: [...MAIN_THREAD, ...WORKERS, 'stream-workers'], batches: [1, 100, 1000], workers: [1, 2], records: 50_000 },
  ...codecBlocks(['encode', 'decode'], ['json', 'protobuf']),
  ...codecBlocks(['transcode'], ['protobuf']),
];

/** Every registered name in every dimension, workers from 1 to the core count. */
export function fullMatrix(registries: PipelineRegistries, variants: Registry<Variant>, cpuCount = os.availableParallelism?.() ?? os.cpus().length): MatrixBlock {
  return {
    scenarios: registries.scenarios.names(),
    datasets: registries.datasets.names(),
    codecs: registries.codecs.names(),
    variants: variants.names(),
    batches: [...BATCH_SIZES],
    workers: Array.from({ length: cpuCount }, (_, i) => i + 1),
    consumers: Array.from({ length: cpuCount }, (_, i) => i + 1),
  };
}

function override(block: MatrixBlock, selection: MatrixSelection): MatrixBlock {
  return {
    ...block,
    scenarios: selection.scenarios ?? block.scenarios,
    datasets: selection.datasets ?? block.datasets,
    codecs: selection.codecs ?? block.codecs,
    variants: selection.variants ?? block.variants,
    batches: selection.batches ?? block.batches,
    workers: selection.workers ?? block.workers,
    consumers: selection.consumers ?? block.consumers ?? PIPELINE_DEFAULTS.group.consumers,
  };
}

/** The parallel dimension of a variant: worker threads, consumer processes, or neither. */
function parallelism(variant: Variant, block: MatrixBlock): { workers: number; consumers?: number }[] {
  if (variant.threads === 'workers') return block.workers.map((workers) => ({ workers }));
  if (variant.threads === 'processes') return (block.consumers ?? []).map((consumers) => ({ workers: 0, consumers }));
  return [{ workers: 0 }];
}

/**
 * The cases of a matrix, in a stable order (block, scenario, dataset, codec, batch,
 * variant, workers or consumers) and without duplicates: scenarios without a codec
 * collapse the codec dimension to NO_CODEC, main-thread variants the workers dimension
 * to 0; a variant is left out of the scenarios it cannot run.
 */
export function expandMatrix(
  blocks: readonly MatrixBlock[],
  selection: MatrixSelection,
  /** Records per run for every case; undefined: each block's own, else PIPELINE_DEFAULTS.records. */
  records: number | undefined,
  registries: PipelineRegistries,
  variants: Registry<Variant>,
): CaseSpec[] {
  const cases = new Map<string, CaseSpec>();
  for (const block of blocks.map((b) => override(b, selection))) {
    for (const scenarioName of block.scenarios) {
      const scenario = registries.scenarios.get(scenarioName);
      for (const dataset of block.datasets) {
        for (const codec of scenario.usesCodec ? block.codecs.filter((name) => name !== NO_CODEC) : [NO_CODEC]) {
          for (const batchSize of block.batches) {
            for (const variantName of block.variants) {
              const variant = variants.get(variantName);
              if (variant.scenarios && !variant.scenarios.includes(scenarioName)) continue;
              for (const parallel of parallelism(variant, block)) {
                const spec: CaseSpec = { scenario: scenarioName, dataset, codec, variant: variantName, batchSize, ...parallel, records: records ?? block.records ?? PIPELINE_DEFAULTS.records };
                const key = JSON.stringify(spec);
                if (!cases.has(key)) cases.set(key, spec);
              }
            }
          }
        }
      }
    }
  }
  return [...cases.values()];
}

/** The I-th (1-based) of N interleaved slices, so shards get a similar mix of cases. */
export function shardCases<T>(cases: readonly T[], shard: { index: number; count: number } | undefined): T[] {
  if (!shard) return [...cases];
  return cases.filter((_, position) => position % shard.count === shard.index - 1);
}
