import type { Batch } from '../types.js';
import type { SinkSummary } from './types.js';

const NO_BYTES = new Uint8Array(0);

/** A batch's counts without its contents: what `Sink.retain` gives for sinks that only count. */
export function countsOf(batch: Batch): Batch {
  return { kind: 'bytes', seq: batch.seq, count: batch.count, bornAt: batch.bornAt, encodedBytes: batch.encodedBytes, bytes: NO_BYTES };
}

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
