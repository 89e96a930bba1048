import { setTimeout as sleep } from 'node:timers/promises';
import { now } from '../clock.js';
import type { Batch } from '../types.js';
import { countsOf, SinkCounter } from './counter.js';
import type { Sink, SinkContext, SinkFactory, SinkSummary } from './types.js';

/**
 * Accepts at most `slowRecordsPerSec` records a second, like a destination slower than
 * the producer: each write waits until the records so far are due. Waits shorter than
 * a millisecond are carried over, so batches of one record do not each pay a timer.
 */
export class SlowSink implements Sink {
  readonly #counter = new SinkCounter();
  readonly #recordsPerMs: number;
  readonly #signal: AbortSignal;
  #startedAt: number | undefined;

  constructor(context: SinkContext) {
    this.#recordsPerMs = context.settings.slowRecordsPerSec / 1000;
    this.#signal = context.signal;
  }

  write(batch: Batch): Promise<void> | undefined {
    const at = now();
    this.#startedAt ??= at;
    this.#counter.count(batch, batch.encodedBytes);
    const dueAt = this.#startedAt + this.#counter.records / this.#recordsPerMs;
    const ahead = dueAt - at;
    return ahead >= 1 ? sleep(ahead, undefined, { signal: this.#signal }) : undefined;
  }

  retain(batch: Batch): Batch {
    return countsOf(batch);
  }

  close(): SinkSummary {
    return this.#counter.summary();
  }
}

export const slowSink: SinkFactory = {
  name: 'slow',
  description: 'a destination slower than the producer: at most slowRecordsPerSec records a second',
  create: (context) => new SlowSink(context),
};
