import os from 'node:os';
import type { PipelineRegistries } from './assemble.js';
import type { CaseSpec } from './case.js';
import { BATCH_SIZES, NO_CODEC } from './constants.js';
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
}

/** Dimensions given on the command line; each one replaces that dimension in every block. */
export type MatrixSelection = Partial<MatrixBlock>;

const PIPELINE_VARIANTS = ['sync', 'async', 'stream', 'workers', 'workers-sharded'];

/**
 * The default matrix (a few minutes on two cores). Passthrough shows what each variant
 * costs by itself from one record per batch up; encode, decode and transcode show
 * codec work inside the pipeline at the two batch sizes that tell the story (1 and
 * 1000), with the bare codec loop as the reference. Parquet (parquetjs-lite, about
 * 10 000 records a second) is left to explicit runs.
 */
export const DEFAULT_MATRIX: readonly MatrixBlock[] = [
  { scenarios: ['passthrough'], datasets: ['log'], codecs: [NO_CODEC], variants: [...PIPELINE_VARIANTS, 'stream-workers'], batches: [1, 100, 1000], workers: [1, 2] },
  { scenarios: ['encode', 'decode'], datasets: ['orders'], codecs: ['json', 'protobuf'], variants: ['bare', ...PIPELINE_VARIANTS], batches: [1, 1000], workers: [1, 2] },
  { scenarios: ['transcode'], datasets: ['orders'], codecs: ['protobuf'], variants: ['bare', ...PIPELINE_VARIANTS], batches: [1, 1000], workers: [1, 2] },
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
  };
}

function override(block: MatrixBlock, selection: MatrixSelection): MatrixBlock {
  return {
    scenarios: selection.scenarios ?? block.scenarios,
    datasets: selection.datasets ?? block.datasets,
    codecs: selection.codecs ?? block.codecs,
    variants: selection.variants ?? block.variants,
    batches: selection.batches ?? block.batches,
    workers: selection.workers ?? block.workers,
  };
}

/**
 * The cases of a matrix, in a stable order (block, scenario, dataset, codec, batch,
 * variant, workers) and without duplicates: scenarios without a codec collapse the
 * codec dimension to NO_CODEC, main-thread variants the workers dimension to 0.
 */
export function expandMatrix(
  blocks: readonly MatrixBlock[],
  selection: MatrixSelection,
  records: number,
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
              for (const workers of variant.threads === 'workers' ? block.workers : [0]) {
                const spec: CaseSpec = { scenario: scenarioName, dataset, codec, variant: variantName, batchSize, workers, records };
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
