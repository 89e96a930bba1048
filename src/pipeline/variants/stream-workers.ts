import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Batch } from '../types.js';
import type { WorkerPool } from '../workers/pool.js';
import { BatchReadable } from './stream.js';
import type { Variant } from './types.js';
import { preparePoolRuns } from './pool-runs.js';

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
  prepare: (parts, resources) =>
    preparePoolRuns(parts, resources, {
      sharded: false,
      stage: 'worker',
      feed: (pool, batches, scope) =>
        pipeline(new BatchReadable(batches, parts.plan.capacity, parts.plan.yieldEveryMs), poolWritable(pool, parts.plan.capacity), { signal: scope.signal }),
    }),
};
