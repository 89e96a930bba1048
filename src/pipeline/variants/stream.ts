import { Readable, Transform as StreamTransform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { now } from '../clock.js';
import { PipelineStageError } from '../errors.js';
import type { PipelineMeter } from '../meter.js';
import type { Sink } from '../sinks/types.js';
import { finishRun } from '../stages.js';
import type { Batch, Transform } from '../types.js';
import type { Variant } from './types.js';

/**
 * A Readable over the source's batches: pushes synchronously until the stream's buffer
 * is full (push returns false), and yields to the event loop every `yieldEveryMs`.
 */
export class BatchReadable extends Readable {
  readonly #batches: Iterator<Batch>;
  readonly #yieldEveryMs: number;
  #yieldAt: number;
  #paused = false;
  /** _read was called while paused: the stream wants more. */
  #wanted = false;

  constructor(batches: Iterator<Batch>, highWaterMark: number, yieldEveryMs: number) {
    super({ objectMode: true, highWaterMark });
    this.#batches = batches;
    this.#yieldEveryMs = yieldEveryMs;
    this.#yieldAt = now() + yieldEveryMs;
  }

  override _read(): void {
    this.#wanted = true;
    if (!this.#paused) this.#pump();
  }

  #pump(): void {
    this.#wanted = false;
    for (;;) {
      let next: IteratorResult<Batch>;
      try {
        next = this.#batches.next();
      } catch (thrown) {
        this.destroy(PipelineStageError.wrap('source', thrown));
        return;
      }
      if (next.done === true) {
        this.push(null);
        return;
      }
      const more = this.push(next.value);
      if (next.value.bornAt >= this.#yieldAt) {
        this.#paused = true;
        setImmediate(() => {
          this.#paused = false;
          this.#yieldAt = now() + this.#yieldEveryMs;
          if ((more || this.#wanted) && !this.destroyed) this.#pump();
        });
        return;
      }
      if (!more) return;
    }
  }
}

export function transformStream(transform: Transform, highWaterMark: number): StreamTransform {
  return new StreamTransform({
    objectMode: true,
    highWaterMark,
    transform(batch: Batch, _encoding, callback) {
      try {
        const result = transform(batch);
        if (result instanceof Promise) result.then((out) => callback(null, out), (thrown: unknown) => callback(PipelineStageError.wrap('transform', thrown)));
        else callback(null, result);
      } catch (thrown) {
        callback(PipelineStageError.wrap('transform', thrown));
      }
    },
  });
}

export function sinkStream(sink: Sink, meter: PipelineMeter, highWaterMark: number): Writable {
  const done = (batch: Batch, callback: (error?: Error | null) => void): void => {
    const at = now();
    meter.record(batch.count, batch.encodedBytes, at - batch.bornAt, at);
    callback();
  };
  return new Writable({
    objectMode: true,
    highWaterMark,
    write(batch: Batch, _encoding, callback) {
      try {
        const wait = sink.write(batch);
        if (wait) wait.then(() => done(batch, callback), (thrown: unknown) => callback(PipelineStageError.wrap('sink', thrown)));
        else done(batch, callback);
      } catch (thrown) {
        callback(PipelineStageError.wrap('sink', thrown));
      }
    },
  });
}

/** node:stream pipeline() of object-mode streams; highWaterMark is the channel capacity. */
export const streamVariant: Variant = {
  name: 'stream',
  description: 'node:stream pipeline() with object-mode Readable, Transform and Writable (highWaterMark = capacity)',
  threads: 'main',
  async prepare(parts) {
    const { plan } = parts;
    const source = await parts.prepareSource({ start: 0, count: plan.records });
    return {
      async run({ scope, meter }) {
        const sink = await parts.createSink(0, scope.signal);
        const streams = pipeline(
          new BatchReadable(source.batches(false), plan.capacity, plan.yieldEveryMs),
          transformStream(parts.transform, plan.capacity),
          sinkStream(sink, meter, plan.capacity),
          { signal: scope.signal },
        );
        // Stage errors arrive already named; the first one wins in the scope.
        return { sinks: await finishRun(scope, [scope.task('sink', () => streams)], sink) };
      },
      close: async () => undefined,
    };
  },
};
