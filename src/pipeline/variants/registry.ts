import { Registry } from '../../registry.js';
import { asyncVariant } from './async.js';
import { bareVariant } from './bare.js';
import { groupVariant } from './group.js';
import { streamWorkersVariant } from './stream-workers.js';
import { streamVariant } from './stream.js';
import { syncVariant } from './sync.js';
import type { Variant } from './types.js';
import { workersShardedVariant, workersVariant } from './workers.js';

/** Every variant `--variant` accepts; a new one is one file and one line here. */
export function createVariantRegistry(): Registry<Variant> {
  return new Registry<Variant>('variant', [bareVariant, syncVariant, asyncVariant, streamVariant, workersVariant, workersShardedVariant, streamWorkersVariant, groupVariant]);
}
