import { now } from '../clock.js';
import { PipelineStageError } from '../errors.js';
import { splitShards } from '../sources.js';
import { nextBatch } from '../stages.js';
import type { PipelinePlan } from '../types.js';
import type { WorkerPool } from '../workers/pool.js';
import type { RunOutcome, Variant, VariantResources } from './types.js';

/** A pool of `plan.workers` threads from the suite's cache, configured for the plan. */
export async function poolFor(plan: PipelinePlan, resources: VariantResources, sharded: boolean): Promise<WorkerPool> {
  const pool = await resources.pools.acquire(plan.workers);
  try {
    await pool.configure(plan, sharded ? splitShards(plan.records, plan.batchSize, plan.workers) : undefined);
  } catch (error) {
    await resources.pools.release(pool);
    throw error;
  }
  return pool;
}

/** Stops the clock once the data is through, then collects the workers' own figures untimed. */
export async function finishPoolRun(pool: WorkerPool, startedAt: number, postMessageMs: number): Promise<RunOutcome> {
  const sinks = await pool.end();
  const elapsedMs = now() - startedAt;
  return { sinks, elapsedMs, workers: await pool.stats(), postMessageMs };
}

/**
 * The main thread walks the source and hands batches to a pool of worker threads,
 * each running transform and its own sink. Byte batches are transferred (moved, not
 * copied); record batches are structured-cloned, which is the cost of crossing.
 */
export const workersVariant: Variant = {
  name: 'workers',
  description: 'worker_threads pool: main thread reads the source, workers transform and write (bytes transferred, records cloned)',
  threads: 'workers',
  async prepare(parts, resources) {
    const { plan } = parts;
    const source = await parts.prepareSource({ start: 0, count: plan.records });
    const pool = await poolFor(plan, resources, false);
    return {
      async run({ scope, meter }) {
        scope.onStop((error) => pool.fail(error));
        const batches = source.batches(true);
        const startedAt = now();
        try {
          pool.begin(meter);
          let yieldAt = startedAt + plan.yieldEveryMs;
          for (;;) {
            const next = nextBatch(batches);
            if (next.done === true) break;
            const wait = pool.submit(next.value);
            if (wait) await wait;
            else if (next.value.bornAt >= yieldAt) {
              // Acknowledgements are messages: the loop must give them a turn to arrive.
              await new Promise((resolve) => setImmediate(resolve));
              yieldAt = now() + plan.yieldEveryMs;
            }
          }
          return await finishPoolRun(pool, startedAt, pool.postMessageMs);
        } catch (thrown) {
          const error = PipelineStageError.wrap('source', thrown);
          scope.stop(error);
          throw scope.error ?? error;
        } finally {
          scope.dispose();
        }
      },
      close: () => resources.pools.release(pool),
    };
  },
};

/**
 * Each worker makes its own shard of the source (prepared before timing, like the main
 * thread's source) and runs source, transform and sink itself: nothing crosses but
 * counts. Set beside `workers`, it shows what moving records between threads costs.
 */
export const workersShardedVariant: Variant = {
  name: 'workers-sharded',
  description: 'worker_threads pool where each worker makes its own shard of the source: nothing crosses threads but counts',
  threads: 'workers',
  async prepare(parts, resources) {
    const pool = await poolFor(parts.plan, resources, true);
    return {
      async run({ scope, meter }) {
        scope.onStop((error) => pool.fail(error));
        const startedAt = now();
        try {
          pool.begin(meter);
          await pool.runShards();
          return await finishPoolRun(pool, startedAt, 0);
        } catch (thrown) {
          const error = PipelineStageError.wrap('worker', thrown);
          scope.stop(error);
          throw scope.error ?? error;
        } finally {
          scope.dispose();
        }
      },
      close: () => resources.pools.release(pool),
    };
  },
};
