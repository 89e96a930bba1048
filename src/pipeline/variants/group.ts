import { prepareGroupVariant } from '../group/variant.js';
import type { Variant } from './types.js';

/**
 * A Redis Streams consumer group: this process XADDs the source's encoded batches, and
 * consumer processes (child processes, or `npm run consumer` on other machines) read
 * them with XREADGROUP, decode, commit each batch once (idempotent by batch id) and
 * XACK; a consumer's pending batches are claimed by the others if it dies.
 */
export const groupVariant: Variant = {
  name: 'group',
  description: 'a Redis Streams consumer group of separate processes: this process XADDs encoded batches, consumers decode, commit once per batch id and XACK',
  threads: 'processes',
  scenarios: ['decode', 'transcode'],
  prepare: (parts, resources) => prepareGroupVariant(parts, resources.signal, resources.log),
};
