import { memoryBytesSource } from '../sources.js';
import { decodeTransform } from '../transforms.js';
import { boundCodec } from './codec.js';
import type { Scenario } from './types.js';

export const decodeScenario: Scenario = {
  name: 'decode',
  description: 'encoded batches in memory, decode each, write the records',
  usesCodec: true,
  sources: ['memory'],
  prepareSource: (context, shard) => memoryBytesSource(context.dataset, shard, context.plan.seed, context.plan.batchSize, boundCodec(context)),
  createTransform: (context) => decodeTransform(boundCodec(context)),
};
