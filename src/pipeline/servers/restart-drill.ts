import type { PipelineMeter } from '../meter.js';
import type { RedisServer } from './redis-server.js';

/** How often a run whose batches are counted without a per-batch callback (shard runs) is checked. */
const POLL_MS = 5;

/**
 * The etl fault drill: in every run, once `atBatch` batches have reached the sink, the
 * redis-server crashes (SIGKILL) and a new one starts on the same port and directory.
 * The sink's retries carry the run across; its end-of-run count of the stream shows
 * whether a batch was lost or written twice.
 */
export class RedisRestartDrill {
  readonly #server: RedisServer;
  readonly #atBatch: number;
  readonly #restarts = new Map<string, number>();
  readonly #errors: string[] = [];
  #poll: NodeJS.Timeout | undefined;

  constructor(server: RedisServer, atBatch: number) {
    if (!server.durable) throw new Error('the restart drill needs a durable server (append-only file), or every restart loses the stream');
    this.#server = server;
    this.#atBatch = atBatch;
  }

  /** Arms the drill for one run (`key` names the case, for the per-case count). */
  attach(meter: PipelineMeter, key: string): void {
    this.#stopPolling();
    let tripped = false;
    const trip = (): void => {
      if (tripped || meter.batches < this.#atBatch) return;
      tripped = true;
      this.#stopPolling();
      this.#restarts.set(key, (this.#restarts.get(key) ?? 0) + 1);
      this.#server.restart().catch((error: unknown) => this.#errors.push(error instanceof Error ? error.message : String(error)));
    };
    // Exact where the sink stage reports each batch; shard runs only report counts, so poll too.
    const previous = meter.onBatch;
    meter.onBatch = (at, latencyMs) => {
      previous?.(at, latencyMs);
      trip();
    };
    this.#poll = setInterval(trip, POLL_MS);
    this.#poll.unref();
  }

  /** Restarts done in runs of the case `key`. */
  restartsOf(key: string): number {
    return this.#restarts.get(key) ?? 0;
  }

  /** Restarts that failed since the last call (the server would not come back), one message each. */
  takeErrors(): string[] {
    return this.#errors.splice(0);
  }

  dispose(): void {
    this.#stopPolling();
  }

  #stopPolling(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = undefined;
  }
}
