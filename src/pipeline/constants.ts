import os from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../datasets/types.js';

/** Batch sizes the suite knows; any whole number from 1 works with --batch. */
export const BATCH_SIZES = [1, 100, 1000, 10_000] as const;

/** The codec name of scenarios that use none (passthrough): kept in case ids and reports. */
export const NO_CODEC = 'none';

/** Every default of the pipeline core and suite, in one place. */
export const PIPELINE_DEFAULTS = {
  seed: DEFAULT_SEED,
  /** Records per run (each repetition moves all of them) when the matrix block does not say. */
  records: 50_000,
  /** Timed repetitions per case: each one is a sample. */
  repetitions: 5,
  /** Timed repetitions go on until they add up to this long (--min-time; 0: exactly `repetitions`). */
  minTimeMs: 0,
  /** However short the runs, --min-time stops adding repetitions here. */
  maxRepetitions: 10_000,
  /**
   * Untimed repetitions first, at least this many and for at least warmupMs: a loop
   * over single records needs several hundred thousand iterations before V8's
   * optimizing tier has settled (in a run of 200 000 records it took three or four runs).
   */
  warmup: 1,
  warmupMs: 300,
  quick: { records: 2_000, repetitions: 2, warmup: 1, warmupMs: 50 },
  /**
   * Channel capacity, in batches, when --capacity is not given: about this many
   * records may wait in each channel, so memory in flight stays bounded by records
   * whatever the batch size (1024 batches of 1 record, 4 of 1000, 2 of 10 000).
   */
  recordsInFlightPerChannel: 4096,
  minCapacity: 2,
  maxCapacity: 1024,
  /**
   * A source stage that never awaits starves the event loop (no timers, no signals,
   * no samplers). The async and stream sources yield to it this often, as a well
   * behaved producer on a shared event loop would; `sync` and `bare` never do.
   */
  yieldEveryMs: 10,
  /** How often memory is sampled, on a timer and inline from the sink stage. */
  memorySampleMs: 10,
  /** The slow sink's rate, per sink instance (each worker has its own). */
  slowRecordsPerSec: 100_000,
  /** Where the file sink writes (the files are removed when the sink closes). */
  fileDir: join(os.tmpdir(), 'serbench-pipeline'),
  /** The file sink's fsync policy: 'none' (the page cache decides) or 'batch' (fdatasync after each batch). */
  fileFsync: 'none',
  /** The redis sink and the redis-server the suite starts (src/pipeline/sinks/redis.ts, servers/redis-server.ts). */
  redis: {
    /** XADDs sent before the sink waits for the oldest reply: the pipelining depth. */
    inFlight: 16,
    /** A batch is tried this many more times after its first attempt fails, then the run fails. */
    retries: 10,
    /** Backoff before retry n: min(retryBaseMs × 2^(n-1), retryMaxMs); about 3.5 s over all retries. */
    retryBaseMs: 20,
    retryMaxMs: 1_000,
    /** Stream keys start so; the process id and thread follow, so cleanup finds leftovers. */
    keyPrefix: 'serbench:pipeline',
    connectTimeoutMs: 5_000,
    /** A started redis-server that does not answer PING by then failed to start. */
    startTimeoutMs: 10_000,
    /** After SIGTERM, a server that has not exited by then is killed. */
    stopTimeoutMs: 5_000,
  },
  /** The `group` variant: a Redis Streams consumer group with consumer processes (src/pipeline/group/). */
  group: {
    /** Consumer processes per case when --consumers is not given. */
    consumers: [1, 2],
    /** A pending entry idle this long is claimed by another consumer (XAUTOCLAIM min-idle-time). */
    claimIdleMs: 1_000,
    /** A batch that fails is delivered at most retries + 1 times, then moved to the dead-letter stream. */
    retries: 2,
    /**
     * Batches waiting in the stream for each consumer, when --capacity does not say: about
     * this many records' worth (clamped like the channels' capacity). Four times a
     * channel's: a hand-off between processes waits for the scheduler, and with a shallow
     * backlog a consumer starves whenever the producer or the broker is off the CPU
     * (decode · orders · protobuf at batch 1000 on a loaded machine: 5 batches per
     * consumer gave 50% of one worker thread's throughput, 20 gave 72%).
     */
    recordsInFlightPerConsumer: 16_384,
    /**
     * The run's stream holds batches from the oldest not yet committed on (it is trimmed
     * behind them): at most this many times the backlog bound, however long a dead
     * consumer's batches wait to be claimed. The producer waits when it is full.
     */
    streamBoundPerBacklog: 2,
    /**
     * Entries per XREADGROUP; each consumer reads one request ahead, so it holds at most
     * twice this many (raw bytes: one batch is decoded at a time). The backlog bound adds
     * that to each consumer's `capacity`, so entries still wait in the stream for it.
     */
    readCount: 2,
    /** How often a consumer samples its memory (process.memoryUsage costs a /proc read and heap statistics). */
    memorySampleMs: 50,
    /** XREADGROUP / XREAD BLOCK: how long an idle reader waits before it looks at the run's state again. */
    blockMs: 50,
    /** How often the producer samples XINFO GROUPS (lag and pending) during a run. */
    lagSampleMs: 20,
    /** A run's lag series keeps at most this many points (longer runs keep every other one, and so on). */
    maxLagPoints: 1_000,
    /** Every key of the variant starts so: `<prefix>:<session>:…`. */
    keyPrefix: 'serbench:group',
    /** Consumers renew their membership this often; a member not renewed for memberTtlMs is gone. */
    heartbeatMs: 1_000,
    memberTtlMs: 5_000,
    /** The suite's claim on a session name lasts this long unless renewed (every third of it). */
    sessionTtlMs: 15_000,
    /** Consumers must have joined, and have answered ready / sent their report, within this. */
    startTimeoutMs: 60_000,
    reportTimeoutMs: 30_000,
    /** A run in which no batch is committed for this long fails (every consumer gone, a stuck broker). */
    stallTimeoutMs: 60_000,
    /** A failed Redis command is tried again this many times (backoff as the redis sink's) before the consumer gives up. */
    retriesOnDisconnect: 10,
    /** After SIGTERM, a consumer process that has not exited by then is killed. */
    stopTimeoutMs: 5_000,
  },
  /** A worker that has not said it is ready by then failed to start. */
  workerStartTimeoutMs: 60_000,
  /** How long a stopping pipeline waits for its workers to end before giving up on them. */
  workerTerminateTimeoutMs: 5_000,
} as const;

/** Batches this large go depth-first through the async runner's channels (see stages.ts). */
export const DEPTH_FIRST_MIN_RECORDS = 64;

/** The default channel capacity for a batch size (see recordsInFlightPerChannel). */
export function defaultCapacity(batchSize: number, records: number = PIPELINE_DEFAULTS.recordsInFlightPerChannel): number {
  const capacity = Math.ceil(records / batchSize);
  return Math.min(PIPELINE_DEFAULTS.maxCapacity, Math.max(PIPELINE_DEFAULTS.minCapacity, capacity));
}
