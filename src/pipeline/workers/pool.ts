import { Worker } from 'node:worker_threads';
import { describeThrown } from '../../codecs/types.js';
import { now } from '../clock.js';
import { PipelineStageError, type PipelineError } from '../errors.js';
import { LatencyHistogram } from '../measure/latency.js';
import type { PipelineMeter } from '../meter.js';
import type { SinkSummary } from '../sinks/types.js';
import { ownedBytes } from '../sources.js';
import type { Batch, PipelinePlan, Shard } from '../types.js';
import type { WorkerRunStats } from '../variants/types.js';
import type { FromWorker, ToWorker, WorkerData } from './messages.js';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/**
 * A worker inherits the parent's Node flags unless told otherwise, and V8 flags
 * (--single-threaded-gc, --max-semi-space-size) are process-wide anyway; but it
 * rejects `--input-type` (for --eval input only), so that one is filtered out when present.
 */
function workerExecArgv(): { execArgv?: string[] } {
  const filtered = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
  return filtered.length === process.execArgv.length ? {} : { execArgv: filtered };
}

export interface PoolOptions {
  readonly size: number;
  readonly memorySampleMs: number;
  readonly startTimeoutMs: number;
  readonly terminateTimeoutMs: number;
}

interface Slot {
  readonly index: number;
  readonly worker: Worker;
  inFlight: number;
}

/** Waits for one reply of a type from every worker. */
interface Gathering {
  readonly type: FromWorker['type'];
  readonly replies: Map<number, FromWorker>;
  resolve(replies: FromWorker[]): void;
  reject(error: Error): void;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * A pool of worker threads, each running a plan's transform and its own sink. Threads
 * start once and are configured per case. The main thread submits batches (bytes are
 * transferred, records structured-cloned) with at most `plan.capacity` unacknowledged
 * batches per worker; `submit` returns a promise only when every worker is full. The
 * first failure of any worker fails the pool for good: every waiter rejects with it
 * and every worker is terminated.
 */
export class WorkerPool {
  readonly size: number;
  readonly #slots: Slot[] = [];
  #capacity = 1;
  readonly #options: PoolOptions;
  #meter: PipelineMeter | undefined;
  #failure: PipelineError | undefined;
  #gathering: Gathering | undefined;
  readonly #spaceWaiters: Waiter[] = [];
  readonly #idleWaiters: Waiter[] = [];
  #inFlight = 0;
  #next = 0;
  #terminating: Promise<void> | undefined;
  #live = 0;
  readonly #exitWaiters: (() => void)[] = [];
  /** Main-thread milliseconds spent in postMessage since the last begin(). */
  postMessageMs = 0;

  private constructor(options: PoolOptions) {
    this.#options = options;
    this.size = options.size;
  }

  /** Starts the workers and waits until each one has loaded. */
  static async start(options: PoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      for (let index = 0; index < options.size; index++) pool.#spawn(index);
      const timer = setTimeout(
        () => pool.fail(new PipelineStageError('worker', `workers did not start within ${options.startTimeoutMs} ms`)),
        options.startTimeoutMs,
      );
      try {
        await pool.#gather('ready');
      } finally {
        clearTimeout(timer);
      }
    } catch (error) {
      await pool.terminate();
      throw error;
    }
    return pool;
  }

  get failure(): PipelineError | undefined {
    return this.#failure;
  }

  /** Worker threads that have not exited yet. */
  get liveWorkers(): number {
    return this.#live;
  }

  /** Resolves once every worker thread has exited (after a failure, without anyone calling terminate). */
  exited(): Promise<void> {
    if (this.#live === 0) return Promise.resolve();
    return new Promise((resolve) => this.#exitWaiters.push(resolve));
  }

  /**
   * Sets the plan for the next runs: each worker builds the stages, and with `shards`
   * (one per worker) prepares its own part of the source. Resolves when all are done.
   */
  async configure(plan: PipelinePlan, shards?: readonly Shard[]): Promise<void> {
    this.#capacity = plan.capacity;
    const done = this.#gather('configured');
    for (const slot of this.#slots) {
      const shard = shards?.[slot.index];
      slot.worker.postMessage({ type: 'configure', plan, ...(shard ? { shard } : {}) } satisfies ToWorker);
    }
    await done;
  }

  /** Lets the workers drop the plan's data (the pool waits in a cache for the next case). */
  clear(): void {
    if (!this.#failure) this.#broadcast({ type: 'clear' });
  }

  /** A run starts: workers open fresh sinks; acknowledgements feed `meter`. */
  begin(meter: PipelineMeter): void {
    this.#meter = meter;
    this.postMessageMs = 0;
    this.#broadcast({ type: 'begin' });
  }

  submit(batch: Batch): Promise<void> | undefined {
    if (this.#failure) return Promise.reject(this.#failure);
    const slot = this.#pickSlot();
    if (!slot) return this.#waitForSpace().then(() => this.submit(batch));
    slot.inFlight++;
    this.#inFlight++;
    const started = now();
    if (batch.kind === 'bytes') {
      const bytes = ownedBytes(batch.bytes);
      const message: ToWorker = { type: 'batch', batch: bytes === batch.bytes ? batch : { ...batch, bytes } };
      slot.worker.postMessage(message, [bytes.buffer as ArrayBuffer]);
    } else {
      slot.worker.postMessage({ type: 'batch', batch } satisfies ToWorker);
    }
    this.postMessageMs += now() - started;
    return undefined;
  }

  /** Resolves when every submitted batch has been acknowledged. */
  drain(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.#idleWaiters.push({ resolve, reject }));
  }

  /** Every worker runs its own shard (source included); resolves when all are done. */
  async runShards(): Promise<void> {
    const done = this.#gather('shard-done');
    this.#broadcast({ type: 'run-shard' });
    await done;
  }

  /** The run's data is done: workers close their sinks. */
  async end(): Promise<SinkSummary[]> {
    await this.drain();
    const done = this.#gather('ended');
    this.#broadcast({ type: 'end' });
    return (await done).map((reply) => (reply.type === 'ended' ? reply.sink : { records: 0, batches: 0, bytes: 0 }));
  }

  /** GC and heap figures of the run from each worker. */
  async stats(): Promise<WorkerRunStats[]> {
    const done = this.#gather('stats');
    this.#broadcast({ type: 'stats' });
    return (await done).flatMap((reply) => (reply.type === 'stats' ? [reply.stats] : []));
  }

  /** Fails the pool (first failure wins) and terminates every worker. */
  fail(error: PipelineError): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#meter = undefined;
    for (const waiter of [...this.#spaceWaiters.splice(0), ...this.#idleWaiters.splice(0)]) waiter.reject(error);
    this.#gathering?.reject(error);
    this.#gathering = undefined;
    void this.terminate();
  }

  /** Terminates every worker; resolves when they have exited (or the timeout passed). */
  terminate(): Promise<void> {
    this.#terminating ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#options.terminateTimeoutMs);
      });
      try {
        await Promise.race([Promise.allSettled(this.#slots.map((slot) => slot.worker.terminate())), timeout]);
      } finally {
        clearTimeout(timer);
      }
    })();
    return this.#terminating;
  }

  #spawn(index: number): void {
    const workerData: WorkerData = { index, memorySampleMs: this.#options.memorySampleMs };
    const worker = new Worker(BOOTSTRAP, { workerData, ...workerExecArgv() });
    const slot: Slot = { index, worker, inFlight: 0 };
    this.#slots.push(slot);
    this.#live++;
    worker.on('message', (message: FromWorker) => this.#onMessage(slot, message));
    worker.on('error', (thrown: unknown) => this.fail(new PipelineStageError('worker', `worker ${index}: ${describeThrown(thrown)}`, { cause: thrown })));
    worker.on('messageerror', (thrown: unknown) => this.fail(new PipelineStageError('worker', `worker ${index}: a message could not be read: ${describeThrown(thrown)}`)));
    worker.on('exit', (code) => {
      this.#live--;
      if (this.#live === 0) for (const resolve of this.#exitWaiters.splice(0)) resolve();
      if (!this.#terminating) this.fail(new PipelineStageError('worker', `worker ${index} exited unexpectedly with code ${code}`));
    });
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ack':
        if (this.#failure) return;
        slot.inFlight--;
        this.#inFlight--;
        this.#meter?.record(message.count, message.encodedBytes, message.latencyMs, now());
        this.#spaceWaiters.shift()?.resolve();
        if (this.#inFlight === 0) for (const waiter of this.#idleWaiters.splice(0)) waiter.resolve();
        return;
      case 'progress':
        this.#meter?.addCounts(message.records, message.batches, message.encodedBytes);
        return;
      case 'shard-done': {
        this.#meter?.addCounts(message.records, message.batches, message.encodedBytes);
        const latency = LatencyHistogram.decode(message.latency);
        this.#meter?.addLatency(latency);
        latency.destroy();
        this.#reply(slot, message);
        return;
      }
      case 'failed':
        this.fail(new PipelineStageError(message.stage, `${message.message} (worker ${slot.index})`));
        return;
      default:
        this.#reply(slot, message);
    }
  }

  #reply(slot: Slot, message: FromWorker): void {
    const gathering = this.#gathering;
    if (!gathering || gathering.type !== message.type) return;
    gathering.replies.set(slot.index, message);
    if (gathering.replies.size === this.#slots.length) {
      this.#gathering = undefined;
      gathering.resolve([...gathering.replies.entries()].sort(([a], [b]) => a - b).map(([, reply]) => reply));
    }
  }

  #gather(type: FromWorker['type']): Promise<FromWorker[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#gathering) return Promise.reject(new Error(`worker pool is already waiting for '${this.#gathering.type}'`));
    return new Promise((resolve, reject) => {
      this.#gathering = { type, replies: new Map(), resolve, reject };
    });
  }

  #broadcast(message: ToWorker): void {
    for (const slot of this.#slots) slot.worker.postMessage(message);
  }

  /** The least loaded worker with room, starting the search after the last one used. */
  #pickSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (let i = 0; i < this.#slots.length; i++) {
      const slot = this.#slots[(this.#next + i) % this.#slots.length] as Slot;
      if (slot.inFlight < this.#capacity && (!best || slot.inFlight < best.inFlight)) best = slot;
    }
    if (best) this.#next = (best.index + 1) % this.#slots.length;
    return best;
  }

  #waitForSpace(): Promise<void> {
    return new Promise((resolve, reject) => this.#spaceWaiters.push({ resolve, reject }));
  }
}
