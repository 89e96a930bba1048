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
  /** A timed repetition (false: warm-up). Drills that cost a restart arm only timed runs. */
  readonly timed?: boolean;
}

/** One process of a multi-process run (the group variant's consumers, its broker), for CPU and memory per process. */
export interface ProcessRunStats {
  readonly role: 'producer' | 'consumer' | 'broker';
  readonly name: string;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
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
  /**
   * CPU time of every process of the run (the group variant: producer, consumers and
   * broker) over a window the variant timed itself, used instead of this process's CPU
   * over the whole run() call (which would count its setup and count no other process).
   */
  readonly cpu?: { readonly cpuMs: number; readonly windowMs: number };
  /**
   * Records the run accounted for without a sink summary: batches moved to a dead-letter
   * stream, and what consumers killed by a drill had written (their sinks died with them).
   */
  readonly unsunk?: { readonly deadLetteredRecords: number; readonly killedProcessRecords: number };
}

/** A variant set up for one case (worker threads started, data prepared): run it several times. */
export interface PreparedVariant {
  run(context: RunContext): Promise<RunOutcome>;
  /** Releases everything (terminates worker threads); safe to call after a failure. */
  close(): Promise<void>;
  /** Figures of the variant's own over the case's timed runs, added to the case's `pipeline` block. */
  caseFigures?(): Readonly<Record<string, unknown>>;
}

/** What a variant may borrow from the suite for a case. */
export interface VariantResources {
  /** Worker pools shared across cases (acquire in prepare, release in close). */
  readonly pools: WorkerPools;
  /** Cancels a preparation that waits (for consumer processes to join). */
  readonly signal?: AbortSignal;
  /** Progress lines worth showing the user (consumer processes started, waiting for consumers). */
  readonly log?: (line: string) => void;
}

/** One way to run a pipeline description (`--variant NAME`). */
export interface Variant {
  readonly name: string;
  readonly description: string;
  /**
   * 'workers': the workers dimension applies; 'main': everything on the main thread
   * (workers = 0); 'processes': the consumers dimension applies (separate OS processes).
   */
  readonly threads: 'main' | 'workers' | 'processes';
  /** The scenarios the variant can run (every one when absent); the matrix leaves out the rest. */
  readonly scenarios?: readonly string[];
  /** Sets up a case (untimed): prepares the source data, acquires worker threads. */
  prepare(parts: PipelineParts, resources: VariantResources): Promise<PreparedVariant>;
}
