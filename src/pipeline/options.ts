import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { CaseSettings } from './case.js';
import { PIPELINE_DEFAULTS } from './constants.js';
import { DEFAULT_MATRIX, type MatrixBlock, type MatrixSelection } from './matrix.js';
import type { FaultSpec, GroupSettings, SinkSettings, SourceKind } from './types.js';

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
  /** Prepare every case, then alternate their timed runs (`--interleave`; see SuiteHooks.interleave). */
  readonly interleave: boolean;
  readonly seed: number;
  readonly source: SourceKind | undefined;
  readonly sink: string;
  readonly slowRecordsPerSec: number;
  readonly fileDir: string;
  /** The file sink's fsync policy. */
  readonly fsync: 'none' | 'batch';
  /** The redis sink's and the group variant's server (the CLI fills in the one it starts when none is given). */
  readonly redisUrl: string | undefined;
  /** The group variant: consumers already in this session (`--group NAME`) instead of child processes. */
  readonly groupName: string | undefined;
  /** The group variant: a pending entry idle this long is claimed by another consumer. */
  readonly claimIdleMs: number;
  /** The group variant's kill drill: SIGKILL a consumer once this many batches of a timed run are committed. */
  readonly killConsumerAt: number | undefined;
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
    interleave: input.interleave ?? false,
    seed: input.seed ?? PIPELINE_DEFAULTS.seed,
    source: input.source,
    sink: input.sink ?? 'null',
    slowRecordsPerSec: input.slowRecordsPerSec ?? PIPELINE_DEFAULTS.slowRecordsPerSec,
    fileDir: input.fileDir ?? PIPELINE_DEFAULTS.fileDir,
    fsync: input.fsync ?? PIPELINE_DEFAULTS.fileFsync,
    redisUrl: input.redisUrl,
    groupName: input.groupName,
    claimIdleMs: input.claimIdleMs ?? PIPELINE_DEFAULTS.group.claimIdleMs,
    killConsumerAt: input.killConsumerAt,
    capacity: input.capacity,
    yieldEveryMs: input.yieldEveryMs ?? PIPELINE_DEFAULTS.yieldEveryMs,
    memorySampleMs: input.memorySampleMs ?? PIPELINE_DEFAULTS.memorySampleMs,
    shard: input.shard,
    ...(input.fault ? { fault: input.fault } : {}),
  };
}

/** A session name no other run has: this host, this process, a random tail. */
export function newSessionName(): string {
  const host = os.hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 32) || 'host';
  return `${host}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** The group variant's settings, when there is a server to run it on. */
function groupSettings(options: PipelineSuiteOptions): GroupSettings | undefined {
  if (!options.redisUrl) return undefined;
  return {
    redisUrl: options.redisUrl,
    session: options.groupName ?? newSessionName(),
    spawn: options.groupName === undefined,
    claimIdleMs: options.claimIdleMs,
    retries: PIPELINE_DEFAULTS.group.retries,
    lagSampleMs: PIPELINE_DEFAULTS.group.lagSampleMs,
    ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
    ...(options.killConsumerAt !== undefined ? { killConsumerAt: options.killConsumerAt } : {}),
  };
}

export function caseSettings(options: PipelineSuiteOptions): CaseSettings {
  const group = groupSettings(options);
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
    ...(group ? { group } : {}),
  };
}

export function matrixBlocks(options: PipelineSuiteOptions, full: () => MatrixBlock): readonly MatrixBlock[] {
  return options.full ? [full()] : DEFAULT_MATRIX;
}
