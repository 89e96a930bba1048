import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { now } from '../clock.js';
import { PipelineStageError } from '../errors.js';
import type { Batch } from '../types.js';
import type { WorkerPool } from '../workers/pool.js';
import { BatchReadable } from './stream.js';
import type { Variant } from './types.js';
import { finishPoolRun, poolFor } from './workers.js';

/** A Writable that hands each batch to the pool: its callback waits while every worker is full. */
function poolWritable(pool: WorkerPool, highWaterMark: number): Writable {
  return new Writable({
    objectMode: true,
    highWaterMark,
    write(batch: Batch, _encoding, callback) {
      const wait = pool.submit(batch);
      if (wait) wait.then(() => callback(), callback);
      else callback();
    },
    final(callback) {
      pool.drain().then(() => callback(), callback);
    },
  });
}

/** node:stream backpressure feeding the worker pool: one flow-control story from source to threads. */
export const streamWorkersVariant: Variant = {
  name: 'stream-workers',
  description: 'a node:stream Readable piped into a Writable that feeds the worker_threads pool',
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
          await pipeline(new BatchReadable(batches, plan.capacity, plan.yieldEveryMs), poolWritable(pool, plan.capacity), { signal: scope.signal });
          return await finishPoolRun(pool, startedAt, pool.postMessageMs);
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
