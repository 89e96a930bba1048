import { LatencyHistogram } from './measure/latency.js';

/** What a meter has counted so far: plain data, safe to hand to an exporter. */
export interface MeterSnapshot {
  readonly records: number;
  readonly batches: number;
  readonly encodedBytes: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly count: number };
}

/**
 * The runner's progress and metrics hook: counters and a latency histogram that the
 * sink stage feeds as batches land. A live exporter (Prometheus, a progress bar)
 * reads `snapshot()` or the counters whenever it likes; `onBatch` lets measurement
 * code piggyback on the sink's clock (e.g. to sample memory) without a timer.
 */
export class PipelineMeter {
  records = 0;
  batches = 0;
  encodedBytes = 0;
  readonly latency = new LatencyHistogram();
  /** Called after each batch is counted, with the sink's clock and the batch's latency in ms. */
  onBatch: ((at: number, latencyMs: number) => void) | undefined;

  /** One batch has reached the sink: `latencyMs` from the source that made it. */
  record(count: number, encodedBytes: number, latencyMs: number, at: number): void {
    this.records += count;
    this.batches++;
    this.encodedBytes += encodedBytes;
    this.latency.recordMs(latencyMs);
    this.onBatch?.(at, latencyMs);
  }

  /** Counts from elsewhere (a worker's progress report); latencies come later via addLatency. */
  addCounts(records: number, batches: number, encodedBytes: number): void {
    this.records += records;
    this.batches += batches;
    this.encodedBytes += encodedBytes;
  }

  addLatency(histogram: LatencyHistogram): void {
    this.latency.add(histogram);
  }

  snapshot(): MeterSnapshot {
    return {
      records: this.records,
      batches: this.batches,
      encodedBytes: this.encodedBytes,
      latencyMs: { p50: this.latency.percentileMs(50), p99: this.latency.percentileMs(99), count: this.latency.count },
    };
  }

  /** Releases the histogram's WebAssembly memory. */
  destroy(): void {
    this.latency.destroy();
  }
}
