import { PIPELINE_DEFAULTS } from '../constants.js';
import { WorkerPool } from './pool.js';

/**
 * Worker pools shared by the cases of a suite: starting a thread and loading the
 * codecs into it takes about a second, so a pool of each size starts once and is
 * reconfigured per case. A pool that failed is never handed out again.
 */
export class WorkerPools {
  readonly #idle = new Map<number, WorkerPool>();
  readonly #memorySampleMs: number;

  constructor(memorySampleMs: number = PIPELINE_DEFAULTS.memorySampleMs) {
    this.#memorySampleMs = memorySampleMs;
  }

  /** A healthy pool of `size` workers: the idle one, or a new one. */
  async acquire(size: number): Promise<WorkerPool> {
    const idle = this.#idle.get(size);
    this.#idle.delete(size);
    if (idle && !idle.failure) return idle;
    if (idle) await idle.terminate();
    return WorkerPool.start({
      size,
      memorySampleMs: this.#memorySampleMs,
      startTimeoutMs: PIPELINE_DEFAULTS.workerStartTimeoutMs,
      terminateTimeoutMs: PIPELINE_DEFAULTS.workerTerminateTimeoutMs,
    });
  }

  /** Takes a pool back: kept for the next case if healthy, terminated otherwise. */
  async release(pool: WorkerPool): Promise<void> {
    if (pool.failure || this.#idle.has(pool.size)) {
      await pool.terminate();
      return;
    }
    pool.clear();
    this.#idle.set(pool.size, pool);
  }

  /** Terminates every idle pool. */
  async close(): Promise<void> {
    const pools = [...this.#idle.values()];
    this.#idle.clear();
    await Promise.all(pools.map((pool) => pool.terminate()));
  }
}
