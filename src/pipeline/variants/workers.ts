import { now } from '../clock.js';
import { nextBatch } from '../stages.js';
import { preparePoolRuns } from './pool-runs.js';
import type { Variant } from './types.js';

/**
 * The main thread walks the source and hands batches to a pool of worker threads,
 * each running transform and its own sink. Byte batches are transferred (moved, not
 * copied); record batches are structured-cloned, which is the cost of crossing.
 */
export const workersVariant: Variant = {
  name: 'workers',
  description: 'worker_threads pool: main thread reads the source, workers transform and write (bytes transferred, records cloned)',
  threads: 'workers',
  prepare: (parts, resources) =>
    preparePoolRuns(parts, resources, {
      sharded: false,
      stage: 'source',
      async feed(pool, batches) {
        let yieldAt = now() + parts.plan.yieldEveryMs;
        for (;;) {
          const next = nextBatch(batches);
          if (next.done === true) return;
          const wait = pool.submit(next.value);
          if (wait) await wait;
          else if (next.value.bornAt >= yieldAt) {
            // Acknowledgements are messages: the loop must give them a turn to arrive.
            await new Promise((resolve) => setImmediate(resolve));
            yieldAt = now() + parts.plan.yieldEveryMs;
          }
        }
      },
    }),
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
  prepare: (parts, resources) => preparePoolRuns(parts, resources, { sharded: true, stage: 'worker', feed: (pool) => pool.runShards() }),
};
