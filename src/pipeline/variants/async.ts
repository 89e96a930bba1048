import { Channel } from '../channel.js';
import { finishRun, sinkStage, sourceStage, transformStage } from '../stages.js';
import type { Batch } from '../types.js';
import type { Variant } from './types.js';

/** Source, transform and sink as three async loops on one event loop, joined by two bounded channels. */
export const asyncVariant: Variant = {
  name: 'async',
  description: 'async loops and bounded channels (two hops) on one event loop',
  threads: 'main',
  async prepare(parts) {
    const { plan } = parts;
    const source = await parts.prepareSource({ start: 0, count: plan.records });
    return {
      async run({ scope, meter }) {
        const toTransform = new Channel<Batch>(plan.capacity);
        const toSink = new Channel<Batch>(plan.capacity);
        scope.onStop((error) => {
          toTransform.fail(error);
          toSink.fail(error);
        });
        const sink = await parts.createSink(0, scope.signal);
        const tasks = [
          scope.task('source', () => sourceStage(source.batches(false), toTransform, plan.yieldEveryMs)),
          scope.task('transform', () => transformStage(toTransform, parts.transform, toSink, plan.yieldEveryMs)),
          scope.task('sink', () => sinkStage(toSink, sink, meter)),
        ];
        return { sinks: await finishRun(scope, tasks, sink) };
      },
      close: async () => undefined,
    };
  },
};
