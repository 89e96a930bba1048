import type { PipelineParts } from '../assemble.js';
import { now } from '../clock.js';
import { PipelineStageError } from '../errors.js';
import type { RunScope } from '../scope.js';
import { splitShards } from '../sources.js';
import type { Batch, PipelinePlan, Stage } from '../types.js';
import type { WorkerPool } from '../workers/pool.js';
import type { PreparedVariant, VariantResources } from './types.js';

/** How one worker-pool variant gets a run's batches to the pool. */
export interface PoolFeed {
  /** Each worker makes its own shard of the source: the main thread reads nothing. */
  readonly sharded: boolean;
  /** The stage a failure of `feed` is named after. */
  readonly stage: Stage;
  /** Moves the run's batches (none when sharded) into the pool; resolves once all are submitted. */
  feed(pool: WorkerPool, batches: Iterator<Batch>, scope: RunScope): Promise<void>;
}

const NO_BATCHES: readonly Batch[] = [];

/** A pool of `plan.workers` threads from the suite's cache, configured for the plan. */
async function poolFor(plan: PipelinePlan, resources: VariantResources, sharded: boolean): Promise<WorkerPool> {
  const pool = await resources.pools.acquire(plan.workers);
  try {
    await pool.configure(plan, sharded ? splitShards(plan.records, plan.batchSize, plan.workers) : undefined);
  } catch (error) {
    await resources.pools.release(pool);
    throw error;
  }
  return pool;
}

/**
 * What every worker-pool variant shares: source data and pool prepared untimed; each run
 * fails the pool with the run, starts the clock, feeds the pool, and stops the clock once
 * the workers' sinks are closed, before collecting the workers' own figures.
 */
export async function preparePoolRuns(parts: PipelineParts, resources: VariantResources, how: PoolFeed): Promise<PreparedVariant> {
  const { plan } = parts;
  const source = how.sharded ? undefined : await parts.prepareSource({ start: 0, count: plan.records });
  const pool = await poolFor(plan, resources, how.sharded);
  return {
    async run({ scope, meter }) {
      scope.onStop((error) => pool.fail(error));
      // Transferring detaches buffers: batches(true) copies them here, before the clock starts.
      const batches = source ? source.batches(true) : NO_BATCHES[Symbol.iterator]();
      const startedAt = now();
      try {
        pool.begin(meter);
        await how.feed(pool, batches, scope);
        const sinks = await pool.end();
        const elapsedMs = now() - startedAt;
        return { sinks, elapsedMs, workers: await pool.stats(), postMessageMs: pool.postMessageMs };
      } catch (thrown) {
        const error = PipelineStageError.wrap(how.stage, thrown);
        scope.stop(error);
        throw scope.error ?? error;
      } finally {
        scope.dispose();
      }
    },
    close: () => resources.pools.release(pool),
  };
}
