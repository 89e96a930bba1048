import type { Batch } from '../types.js';
import type { SinkSummary } from './types.js';

/** Counts what passes through a sink. */
export class SinkCounter {
  records = 0;
  batches = 0;
  bytes = 0;

  count(batch: Batch, bytes = 0): void {
    this.records += batch.count;
    this.batches++;
    this.bytes += bytes;
  }

  summary(): SinkSummary {
    return { records: this.records, batches: this.batches, bytes: this.bytes };
  }
}
