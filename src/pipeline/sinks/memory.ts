import type { Batch } from '../types.js';
import { SinkCounter } from './counter.js';
import type { Sink, SinkFactory, SinkSummary } from './types.js';

/** Keeps every batch it receives (for tests and small runs: memory grows with the run). */
export class MemorySink implements Sink {
  readonly batches: Batch[] = [];
  readonly #counter = new SinkCounter();

  write(batch: Batch): void {
    this.batches.push(batch);
    this.#counter.count(batch, batch.kind === 'bytes' ? batch.bytes.byteLength : 0);
  }

  close(): SinkSummary {
    return this.#counter.summary();
  }
}

export const memorySink: SinkFactory = {
  name: 'memory',
  description: 'keeps every batch in an array (memory grows with the run)',
  create: () => new MemorySink(),
};
