import type { DataRecord } from '../datasets/schema.js';
import type { InputSpec } from '../inputs/types.js';

/** Where in the pipeline something happened; errors name it (`consumer`: a consumer process of the group variant). */
export type Stage = 'source' | 'transform' | 'sink' | 'worker' | 'consumer';

interface BatchBase {
  /** Position of the batch in its source (per shard when workers generate their own). */
  readonly seq: number;
  /** Records in the batch. */
  readonly count: number;
  /** When the source made the batch, in absolute milliseconds (see clock.ts), for source-to-sink latency. */
  readonly bornAt: number;
  /** Size of the batch in the scenario's codec (encoded output, or encoded input for decode); 0 when none. */
  readonly encodedBytes: number;
}

export interface RecordBatch extends BatchBase {
  readonly kind: 'records';
  readonly records: readonly DataRecord[];
}

export interface BytesBatch extends BatchBase {
  readonly kind: 'bytes';
  readonly bytes: Uint8Array;
}

/** What flows between stages. */
export type Batch = RecordBatch | BytesBatch;

/** The middle stage: one batch in, one batch out (encode, decode, transcode, nothing). */
export type Transform = (batch: Batch) => Batch | Promise<Batch>;

/** A slice of a source's records: record indices [start, start + count). */
export interface Shard {
  readonly start: number;
  readonly count: number;
}

/** Where a source gets its records: made before timing, or generated lazily while timed. */
export type SourceKind = 'memory' | 'generate';

/** A deliberate failure, for tests and fault drills: `stage` fails on batch `atBatch` (0-based). */
export interface FaultSpec {
  readonly stage: 'source' | 'transform' | 'sink';
  readonly atBatch: number;
  /**
   * `throw`: the stage throws. `uncaught`: on a worker thread, an exception escapes
   * outside any handler and the thread dies (transform and sink; a source throws); on
   * the main thread it is the same as throw. `poison` (transform only): the batch whose
   * `seq` is `atBatch` throws every time it is transformed, on whichever thread or
   * process (a bad message in a broker: every consumer that takes it fails on it).
   */
  readonly kind: 'throw' | 'uncaught' | 'poison';
}

/** Settings every sink can read; plain JSON so worker threads receive them too. */
export interface SinkSettings {
  /** Directory for the file sink. */
  readonly fileDir: string;
  /** The slow sink accepts at most this many records a second (per sink instance). */
  readonly slowRecordsPerSec: number;
  /** Settings of sinks added later (e.g. a Redis URL): strings, numbers and booleans only. */
  readonly [setting: string]: string | number | boolean | undefined;
}

/**
 * One pipeline description: plain data, so every runner (and every worker thread)
 * builds the same stages from it through the registries.
 */
export interface PipelinePlan {
  readonly scenario: string;
  readonly dataset: string;
  /** The codec name, or NO_CODEC for scenarios that use none. */
  readonly codec: string;
  readonly source: SourceKind;
  readonly records: number;
  readonly batchSize: number;
  /** Batches each channel (and each worker's queue) may hold. */
  readonly capacity: number;
  /** Worker threads; 0 for variants that run on the main thread. */
  readonly workers: number;
  readonly seed: number;
  readonly sink: string;
  readonly sinkSettings: SinkSettings;
  readonly yieldEveryMs: number;
  readonly fault?: FaultSpec;
  /** The dataset is a user's file (`--input`): worker threads open it from this, as the main thread did. */
  readonly input?: InputSpec;
  /** Consumer processes of the `group` variant (absent for every other variant). */
  readonly consumers?: number;
  /** How the `group` variant reaches its broker and runs its consumers. */
  readonly group?: GroupSettings;
}

/**
 * The `group` variant's broker and consumers (src/pipeline/group/): plain JSON, since it
 * travels to the consumer processes inside the plan.
 */
export interface GroupSettings {
  /** The Redis server the stream, the consumer group and the ledger live on. */
  readonly redisUrl: string;
  /** Namespace of every key of the suite's runs (`--group NAME`, or one made per suite run). */
  readonly session: string;
  /** true: the variant starts its consumers as child processes; false: `npm run consumer` processes already in the session. */
  readonly spawn: boolean;
  /** A pending entry idle this long is claimed (XAUTOCLAIM) by another consumer. */
  readonly claimIdleMs: number;
  /** Batches waiting in the stream per consumer (`--capacity`); absent: about 16 384 records' worth. */
  readonly capacity?: number;
  /** A batch whose processing fails is delivered at most `retries + 1` times, then dead-lettered. */
  readonly retries: number;
  /** The kill drill: in every timed run, SIGKILL one consumer once this many batches are committed. */
  readonly killConsumerAt?: number;
  /** How often the producer samples the group's lag and pending count (XINFO GROUPS). */
  readonly lagSampleMs: number;
}
