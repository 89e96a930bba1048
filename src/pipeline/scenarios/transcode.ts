import { memoryBytesSource } from '../sources.js';
import { transcodeTransform } from '../transforms.js';
import { boundCodec, fixedCodec } from './codec.js';
import type { Scenario } from './types.js';

/** Every transcode reads JSON: what services receive, turned into a compact or columnar format. */
const INPUT_CODEC = 'json';

export const transcodeScenario: Scenario = {
  name: 'transcode',
  description: `${INPUT_CODEC.toUpperCase()} batches in memory, decoded and re-encoded with the codec (e.g. JSON to Protobuf or Parquet)`,
  usesCodec: true,
  sources: ['memory'],
  prepareSource: (context, shard) => memoryBytesSource(context.dataset, shard, context.plan.seed, context.plan.batchSize, fixedCodec(INPUT_CODEC, context)),
  createTransform: (context) => transcodeTransform(fixedCodec(INPUT_CODEC, context), boundCodec(context)),
};
