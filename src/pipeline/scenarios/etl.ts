import { generatedRecordSource, memoryRecordSource } from '../sources.js';
import { encodeTransform } from '../transforms.js';
import { boundCodec } from './codec.js';
import type { Scenario } from './types.js';

/**
 * The classic ETL the pipeline grew from: extract records from a source system (made
 * lazily while timed), batch them (`--batch 1000`), encode each batch, load it into a
 * broker. Loading is the sink's part: with `--sink redis` each batch is an idempotent
 * XADD with bounded, counted retries, and the stream is counted at the end of each
 * run; `--redis-restart-at N` crashes and restarts the server mid-run.
 */
export const etlScenario: Scenario = {
  name: 'etl',
  description: 'extract (generate lazily), batch, encode, load into the sink with bounded retries (--sink redis: idempotent XADD; --redis-restart-at N: fault drill)',
  usesCodec: true,
  sources: ['generate', 'memory'],
  async prepareSource({ plan, dataset }, shard) {
    return plan.source === 'memory'
      ? memoryRecordSource(dataset, shard, plan.seed, plan.batchSize)
      : generatedRecordSource(dataset, shard, plan.seed, plan.batchSize);
  },
  createTransform: (context) => encodeTransform(boundCodec(context)),
};
