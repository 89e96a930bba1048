import { countsOf, SinkCounter } from './counter.js';
import type { SinkFactory } from './types.js';

/** Counts batches and forgets them: the cost of the pipeline without a destination. */
export const nullSink: SinkFactory = {
  name: 'null',
  description: 'counts records and drops them',
  create() {
    const counter = new SinkCounter();
    return {
      write: (batch) => counter.count(batch, batch.encodedBytes),
      retain: countsOf,
      close: () => counter.summary(),
    };
  },
};
