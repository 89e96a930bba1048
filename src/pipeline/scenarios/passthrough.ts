import { generatedRecordSource, memoryRecordSource } from '../sources.js';
import { passthrough } from '../transforms.js';
import type { Scenario } from './types.js';

export const passthroughScenario: Scenario = {
  name: 'passthrough',
  description: 'records already in memory, a no-op transform: the cost of the pipeline core itself',
  usesCodec: false,
  sources: ['memory', 'generate'],
  async prepareSource({ plan, dataset }, shard) {
    return plan.source === 'generate'
      ? generatedRecordSource(dataset, shard, plan.seed, plan.batchSize)
      : memoryRecordSource(dataset, shard, plan.seed, plan.batchSize);
  },
  createTransform: () => passthrough,
};
