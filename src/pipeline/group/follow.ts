import type { Redis } from 'ioredis';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { parseStreamsReply, withRetries, type StreamEntry } from './redis-calls.js';

/**
 * Reads a stream from its start as entries arrive (XREAD BLOCK on a connection of its
 * own), across disconnects: XREAD takes the last id seen, so a retry after a restarted
 * server neither loses nor repeats an entry. Stops within one BLOCK interval.
 */
export class StreamFollower {
  readonly done: Promise<void>;
  readonly #controller = new AbortController();

  constructor(client: Redis, key: string, onEntries: (entries: readonly StreamEntry[]) => void, onError: (error: unknown) => void) {
    this.done = this.#follow(client, key, onEntries).catch((error: unknown) => {
      if (!this.#controller.signal.aborted) onError(error);
    });
  }

  async #follow(client: Redis, key: string, onEntries: (entries: readonly StreamEntry[]) => void): Promise<void> {
    const signal = this.#controller.signal;
    let lastId = '0-0';
    while (!signal.aborted) {
      const from = lastId;
      const entries = parseStreamsReply(await withRetries(signal, () => client.callBuffer('XREAD', 'COUNT', 1000, 'BLOCK', PIPELINE_DEFAULTS.group.blockMs, 'STREAMS', key, from)));
      if (signal.aborted) return;
      const last = entries.at(-1);
      if (last) lastId = last.id;
      if (entries.length > 0) onEntries(entries);
    }
  }

  stop(): Promise<void> {
    this.#controller.abort();
    return this.done;
  }
}

/** Wakes whoever waits for progress; a failure rejects every waiter, now and later. */
export class Progress {
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #failure: unknown;
  #failed = false;

  notify(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#failure = error;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  /** Resolves at the next notify(). */
  next(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Resolves once `ready()` holds (checked now and at each notify). */
  async until(ready: () => boolean): Promise<void> {
    while (!ready()) await this.next();
  }
}
