import type { PipelineParts } from '../assemble.js';
import type { PipelineMeter } from '../meter.js';
import type { RunScope } from '../scope.js';
import type { SinkSummary } from '../sinks/types.js';
import type { WorkerPools } from '../workers/pools.js';

/** What a worker thread measured about itself during one run. */
export interface WorkerRunStats {
  readonly gcCount: number;
  readonly gcPauseMs: number;
  readonly peakHeapBytes: number;
}

export interface RunContext {
  /** The run's shared fate: stages register with it and fail through it. */
  readonly scope: RunScope;
  /** Fed by the sink stage (or by worker acknowledgements) as batches land. */
  readonly meter: PipelineMeter;
}

export interface RunOutcome {
  readonly sinks: readonly SinkSummary[];
  /**
   * The timed part of the run in ms, when the variant times itself: bare times only its
   * loop, workers stop the clock before collecting their statistics. Otherwise the
   * caller times the whole run() call.
   */
  readonly elapsedMs?: number;
  readonly workers?: readonly WorkerRunStats[];
  /** Main-thread time spent in postMessage (structured clone of what crosses to the workers). */
  readonly postMessageMs?: number;
}

/** A variant set up for one case (worker threads started, data prepared): run it several times. */
export interface PreparedVariant {
  run(context: RunContext): Promise<RunOutcome>;
  /** Releases everything (terminates worker threads); safe to call after a failure. */
  close(): Promise<void>;
}

/** What a variant may borrow from the suite for a case. */
export interface VariantResources {
  /** Worker pools shared across cases (acquire in prepare, release in close). */
  readonly pools: WorkerPools;
}

/** One way to run a pipeline description (`--variant NAME`). */
export interface Variant {
  readonly name: string;
  readonly description: string;
  /** 'workers': the workers dimension applies; 'main': everything on the main thread (workers = 0). */
  readonly threads: 'main' | 'workers';
  /** Sets up a case (untimed): prepares the source data, acquires worker threads. */
  prepare(parts: PipelineParts, resources: VariantResources): Promise<PreparedVariant>;
}
