import { bindCodec, createCodecRegistry } from '../../codecs/registry.js';
import type { Codec, CodecInstance } from '../../codecs/types.js';
import type { ScenarioContext } from './types.js';

/** The scenario's codec bound to the dataset's schema; a scenario that uses a codec must have one. */
export function boundCodec(context: ScenarioContext): CodecInstance {
  if (!context.codec) throw new Error(`scenario '${context.plan.scenario}' needs a codec`);
  return bindCodec(context.codec, context.dataset.schema);
}

/** The codec a scenario reads its input in when that is fixed (transcode reads JSON). */
export function fixedCodec(name: string, context: ScenarioContext): CodecInstance {
  const codec: Codec = createCodecRegistry().get(name);
  return bindCodec(codec, context.dataset.schema);
}
