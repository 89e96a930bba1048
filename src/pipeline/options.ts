import type { CaseSettings } from './case.js';
import { PIPELINE_DEFAULTS } from './constants.js';
import { DEFAULT_MATRIX, type MatrixBlock, type MatrixSelection } from './matrix.js';
import type { FaultSpec, SinkSettings, SourceKind } from './types.js';

/** What a run of the pipeline suite was asked for, every default filled in. */
export interface PipelineSuiteOptions {
  /** Dimensions given explicitly; each replaces that dimension of every matrix block. */
  readonly selection: MatrixSelection;
  /** `--full`: every registered name in every dimension instead of the default blocks. */
  readonly full: boolean;
  readonly quick: boolean;
  /** Records per run for every case; undefined: the matrix block's own (see DEFAULT_MATRIX). */
  readonly records: number | undefined;
  readonly repetitions: number;
  /** Timed runs continue until they add up to this long (at least `repetitions` of them). */
  readonly minTimeMs: number;
  readonly warmup: number;
  readonly warmupMs: number;
  readonly seed: number;
  readonly source: SourceKind | undefined;
  readonly sink: string;
  readonly slowRecordsPerSec: number;
  readonly fileDir: string;
  /** The file sink's fsync policy. */
  readonly fsync: 'none' | 'batch';
  /** The redis sink's server (the CLI fills in the one it starts when none is given). */
  readonly redisUrl: string | undefined;
  readonly capacity: number | undefined;
  readonly yieldEveryMs: number;
  readonly memorySampleMs: number;
  readonly shard: { readonly index: number; readonly count: number } | undefined;
  readonly fault?: FaultSpec;
}

export type PipelineSuiteInput = Partial<{ -readonly [K in keyof PipelineSuiteOptions]: PipelineSuiteOptions[K] }>;

/** Fills in every default (PIPELINE_DEFAULTS; --quick shrinks records and repetitions unless given). */
export function resolvePipelineOptions(input: PipelineSuiteInput = {}): PipelineSuiteOptions {
  const quick = input.quick ?? false;
  const scale = quick ? PIPELINE_DEFAULTS.quick : PIPELINE_DEFAULTS;
  return {
    selection: input.selection ?? {},
    full: input.full ?? false,
    quick,
    records: input.records ?? (quick ? PIPELINE_DEFAULTS.quick.records : undefined),
    repetitions: input.repetitions ?? scale.repetitions,
    minTimeMs: input.minTimeMs ?? PIPELINE_DEFAULTS.minTimeMs,
    warmup: input.warmup ?? scale.warmup,
    warmupMs: input.warmupMs ?? scale.warmupMs,
    seed: input.seed ?? PIPELINE_DEFAULTS.seed,
    source: input.source,
    sink: input.sink ?? 'null',
    slowRecordsPerSec: input.slowRecordsPerSec ?? PIPELINE_DEFAULTS.slowRecordsPerSec,
    fileDir: input.fileDir ?? PIPELINE_DEFAULTS.fileDir,
    fsync: input.fsync ?? PIPELINE_DEFAULTS.fileFsync,
    redisUrl: input.redisUrl,
    capacity: input.capacity,
    yieldEveryMs: input.yieldEveryMs ?? PIPELINE_DEFAULTS.yieldEveryMs,
    memorySampleMs: input.memorySampleMs ?? PIPELINE_DEFAULTS.memorySampleMs,
    shard: input.shard,
    ...(input.fault ? { fault: input.fault } : {}),
  };
}

export function caseSettings(options: PipelineSuiteOptions): CaseSettings {
  const sinkSettings: SinkSettings = {
    fileDir: options.fileDir,
    slowRecordsPerSec: options.slowRecordsPerSec,
    fileFsync: options.fsync,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  };
  return {
    repetitions: options.repetitions,
    minTimeMs: options.minTimeMs,
    warmup: options.warmup,
    warmupMs: options.warmupMs,
    seed: options.seed,
    source: options.source,
    sink: options.sink,
    sinkSettings,
    capacity: options.capacity,
    yieldEveryMs: options.yieldEveryMs,
    memorySampleMs: options.memorySampleMs,
    ...(options.fault ? { fault: options.fault } : {}),
  };
}

export function matrixBlocks(options: PipelineSuiteOptions, full: () => MatrixBlock): readonly MatrixBlock[] {
  return options.full ? [full()] : DEFAULT_MATRIX;
}
