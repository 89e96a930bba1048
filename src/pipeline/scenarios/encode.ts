import { generatedRecordSource, memoryRecordSource } from '../sources.js';
import { encodeTransform } from '../transforms.js';
import { boundCodec } from './codec.js';
import type { Scenario } from './types.js';

export const encodeScenario: Scenario = {
  name: 'encode',
  description: 'generate records, encode each batch, write it: the ETL write path (--source memory: records made before timing)',
  usesCodec: true,
  sources: ['generate', 'memory'],
  async prepareSource({ plan, dataset }, shard) {
    return plan.source === 'memory'
      ? memoryRecordSource(dataset, shard, plan.seed, plan.batchSize)
      : generatedRecordSource(dataset, shard, plan.seed, plan.batchSize);
  },
  createTransform: (context) => encodeTransform(boundCodec(context)),
};
