import { now } from '../clock.js';
import { abortError, PipelineStageError } from '../errors.js';
import { closeSink, nextBatch } from '../stages.js';
import type { Batch } from '../types.js';
import type { Variant } from './types.js';

/**
 * One plain loop: next batch, transform, write. It awaits only when a stage is
 * asynchronous by nature (parquetjs-lite, a file or slow sink); otherwise a run never
 * gives the event loop a turn, which the event-loop delay column shows.
 */
export const syncVariant: Variant = {
  name: 'sync',
  description: 'one plain loop on the main thread: the baseline',
  threads: 'main',
  async prepare(parts) {
    const source = await parts.prepareSource({ start: 0, count: parts.plan.records });
    return {
      async run({ scope, meter }) {
        const sink = await parts.createSink(0, scope.signal);
        try {
          const batches = source.batches(false);
          for (;;) {
            if (scope.signal.aborted) throw scope.error ?? abortError(scope.signal);
            const next = nextBatch(batches);
            if (next.done === true) break;
            let batch: Batch;
            try {
              const result = parts.transform(next.value);
              batch = result instanceof Promise ? await result : result;
            } catch (thrown) {
              throw PipelineStageError.wrap('transform', thrown);
            }
            try {
              const wait = sink.write(batch);
              if (wait) await wait;
            } catch (thrown) {
              throw PipelineStageError.wrap('sink', thrown);
            }
            const at = now();
            meter.record(batch.count, batch.encodedBytes, at - batch.bornAt, at);
          }
        } catch (thrown) {
          scope.stop(PipelineStageError.wrap('source', thrown));
        } finally {
          scope.dispose();
        }
        const summary = await closeSink(sink, scope);
        if (scope.error) throw scope.error;
        return { sinks: summary ? [summary] : [] };
      },
      close: async () => undefined,
    };
  },
};
