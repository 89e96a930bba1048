import { PipelineStageError } from '../errors.js';
import type { Batch } from '../types.js';
import { nextBatch } from '../stages.js';
import type { Variant } from './types.js';

/**
 * The scenario's work in a plain loop: no channels, no sink, no per-batch clock or
 * histogram. Batches a source holds in memory are made before timing (so it is the
 * codec loop alone on the same batches); a generating source generates while timed,
 * as it does in the pipelines. Not a pipeline: the ceiling the others are held to (it
 * has no latency figures).
 */
export const bareVariant: Variant = {
  name: 'bare',
  description: 'the source and transform in a plain loop, nothing else (the codec loop alone on in-memory batches): the reference for pipeline overhead',
  threads: 'main',
  async prepare(parts) {
    const source = await parts.prepareSource({ start: 0, count: parts.plan.records });
    return {
      async run({ scope, meter }) {
        scope.dispose();
        let batches: Iterator<Batch>;
        try {
          batches = parts.plan.source === 'generate' ? source.batches(false) : Array.from({ [Symbol.iterator]: () => source.batches(false) }).values();
        } catch (thrown) {
          throw PipelineStageError.wrap('source', thrown);
        }
        const start = performance.now();
        let records = 0;
        let count = 0;
        let encodedBytes = 0;
        for (;;) {
          const next = nextBatch(batches);
          if (next.done === true) break;
          let out: Batch;
          try {
            const result = parts.transform(next.value);
            out = result instanceof Promise ? await result : result;
          } catch (thrown) {
            throw PipelineStageError.wrap('transform', thrown);
          }
          records += out.count;
          encodedBytes += out.encodedBytes;
          count++;
        }
        const elapsedMs = performance.now() - start;
        meter.addCounts(records, count, encodedBytes);
        return { sinks: [], elapsedMs };
      },
      close: async () => undefined,
    };
  },
};
