import type { SinkSummary } from '../sinks/types.js';
import type { Batch, PipelinePlan, Shard, Stage } from '../types.js';
import type { WorkerRunStats } from '../variants/types.js';

/** What a worker thread starts with; the plan comes later (`configure`), so a pool serves many cases. */
export interface WorkerData {
  readonly index: number;
  readonly memorySampleMs: number;
}

/** Main thread to worker. */
export type ToWorker =
  /** Build the plan's stages; with a shard, also prepare that part of the source (untimed). */
  | { readonly type: 'configure'; readonly plan: PipelinePlan; readonly shard?: Shard }
  /** Drop the plan and its data (the pool goes back to the cache). */
  | { readonly type: 'clear' }
  /** A run starts: open a fresh sink. */
  | { readonly type: 'begin' }
  /** Transform this batch, write it to the sink, acknowledge it. */
  | { readonly type: 'batch'; readonly batch: Batch }
  /** Run the prepared shard: source, transform and sink all on this thread. */
  | { readonly type: 'run-shard' }
  /** The run's data is done: close the sink. */
  | { readonly type: 'end' }
  /** Report GC and heap figures of the run (kept apart from 'end' so they are not timed), then collect garbage. */
  | { readonly type: 'stats' };

/** Worker to main thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'configured' }
  | { readonly type: 'ack'; readonly count: number; readonly encodedBytes: number; readonly latencyMs: number }
  /** Counts since the last progress message (shard runs). */
  | { readonly type: 'progress'; readonly records: number; readonly batches: number; readonly encodedBytes: number }
  /** The shard is done: the last counts and the latency histogram (compressed base64). */
  | { readonly type: 'shard-done'; readonly records: number; readonly batches: number; readonly encodedBytes: number; readonly latency: string }
  | { readonly type: 'ended'; readonly sink: SinkSummary }
  | { readonly type: 'stats'; readonly stats: WorkerRunStats }
  | { readonly type: 'failed'; readonly stage: Stage; readonly message: string };
