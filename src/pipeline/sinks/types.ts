import type { Batch, SinkSettings } from '../types.js';

/** What a sink took in, for checks and reports. */
export interface SinkSummary {
  readonly records: number;
  readonly batches: number;
  /** Bytes the sink wrote or held (0 for sinks that keep nothing). */
  readonly bytes: number;
  /**
   * Figures particular to a sink (a broker's retries, bytes on the wire, server memory;
   * a file's fsync time): counts that the case sums over instances and runs.
   */
  readonly metrics?: Readonly<Record<string, number>>;
  /** Per-batch write latency (sent to acknowledged), an encoded LatencyHistogram, for sinks that time their writes. */
  readonly writeLatency?: string;
}

/**
 * The last stage. `write` may return a promise (a file, a network service): the
 * runner waits for it before the next write, which is where backpressure starts.
 */
export interface Sink {
  write(batch: Batch): void | Promise<void>;
  /**
   * What this sink's `write` will use of a batch, for a caller that holds batches before
   * writing them (the group variant's consumer holds each until its commit is answered).
   * Sinks that use only the counts return a batch without records, so the records can be
   * collected at once instead of being copied by every scavenge that finds them waiting.
   * Without it the whole batch is held.
   */
  retain?(batch: Batch): Batch;
  /** Flushes and releases everything the sink holds (files, sockets, timers). */
  close(): SinkSummary | Promise<SinkSummary>;
}

export interface SinkContext {
  /** Which instance this is: 0 on the main thread, the worker's index on worker threads. */
  readonly instance: number;
  readonly settings: SinkSettings;
  /** Aborted when the run stops: a sink that waits must stop waiting. */
  readonly signal: AbortSignal;
}

/** A kind of sink, registered by name (`--sink NAME`). */
export interface SinkFactory {
  readonly name: string;
  readonly description: string;
  create(context: SinkContext): Sink | Promise<Sink>;
  /**
   * Removes what runs of this process left behind when they could not close their
   * sinks (a worker thread terminated mid-run). Called after every case.
   */
  cleanup?(settings: SinkSettings): void | Promise<void>;
}
