import { PipelineStageError } from '../errors.js';
import type { Batch } from '../types.js';
import type { Variant } from './types.js';

/**
 * The transform alone over batches made before timing: no channels, no sink, no
 * per-batch clock or histogram. Not a pipeline: the ceiling the others are held to
 * (it has no latency figures).
 */
export const bareVariant: Variant = {
  name: 'bare',
  description: 'the codec loop alone over the same batches made before timing: the reference for pipeline overhead',
  threads: 'main',
  async prepare(parts) {
    const source = await parts.prepareSource({ start: 0, count: parts.plan.records });
    return {
      async run({ scope, meter }) {
        scope.dispose();
        let batches: Batch[];
        try {
          batches = Array.from({ [Symbol.iterator]: () => source.batches(false) });
        } catch (thrown) {
          throw PipelineStageError.wrap('source', thrown);
        }
        const start = performance.now();
        let records = 0;
        let encodedBytes = 0;
        try {
          for (const batch of batches) {
            const result = parts.transform(batch);
            const out = result instanceof Promise ? await result : result;
            records += out.count;
            encodedBytes += out.encodedBytes;
          }
        } catch (thrown) {
          throw PipelineStageError.wrap('transform', thrown);
        }
        const elapsedMs = performance.now() - start;
        meter.addCounts(records, batches.length, encodedBytes);
        return { sinks: [], elapsedMs };
      },
      close: async () => undefined,
    };
  },
};
