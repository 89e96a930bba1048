import { setImmediate as immediate } from 'node:timers/promises';
import type { Channel } from './channel.js';
import { now } from './clock.js';
import { PipelineStageError } from './errors.js';
import type { PipelineMeter } from './meter.js';
import type { RunScope } from './scope.js';
import type { Sink, SinkSummary } from './sinks/types.js';
import type { Batch, Transform } from './types.js';

// The stage loops of the `async` runner. Each receives with `channel.next()` and only
// awaits when it returned a promise, and sends with `channel.send()` and only awaits
// when the channel is full: while data is ready a stage runs synchronously.

/** Walks the source into a channel, yielding to the event loop every `yieldEveryMs`. */
export async function sourceStage(batches: Iterator<Batch>, out: Channel<Batch>, yieldEveryMs: number): Promise<void> {
  let yieldAt = now() + yieldEveryMs;
  for (let next = batches.next(); next.done !== true; next = batches.next()) {
    const batch = next.value;
    const wait = out.send(batch);
    if (wait) await wait;
    // bornAt is the source's own clock reading, so checking it costs nothing.
    if (batch.bornAt >= yieldAt) {
      await immediate();
      yieldAt = now() + yieldEveryMs;
    }
  }
  out.close();
}

export async function transformStage(input: Channel<Batch>, transform: Transform, out: Channel<Batch>): Promise<void> {
  for (;;) {
    let next = input.next();
    if (next instanceof Promise) next = await next;
    if (next.done === true) break;
    let result = transform(next.value);
    if (result instanceof Promise) result = await result;
    const wait = out.send(result);
    if (wait) await wait;
  }
  out.close();
}

export async function sinkStage(input: Channel<Batch>, sink: Sink, meter: PipelineMeter): Promise<void> {
  for (;;) {
    let next = input.next();
    if (next instanceof Promise) next = await next;
    if (next.done === true) return;
    const batch = next.value;
    const wait = sink.write(batch);
    if (wait) await wait;
    const at = now();
    meter.record(batch.count, batch.encodedBytes, at - batch.bornAt, at);
  }
}

/**
 * Closes a sink at the end of a run. After a failure the sink is still closed (files,
 * sockets, timers must go) but its own errors are ignored: the run already has one.
 */
export async function closeSink(sink: Sink, scope: RunScope): Promise<SinkSummary | undefined> {
  if (scope.error) {
    await Promise.resolve()
      .then(() => sink.close())
      .catch(() => undefined);
    return undefined;
  }
  try {
    return await sink.close();
  } catch (thrown) {
    throw PipelineStageError.wrap('sink', thrown);
  }
}

/** Waits for a run's stage tasks, closes its sink whatever happened, and throws the run's error if any. */
export async function finishRun(scope: RunScope, tasks: readonly Promise<void>[], sink: Sink): Promise<SinkSummary[]> {
  const failure = await scope.settle(tasks).then(
    () => undefined,
    (error: unknown) => error ?? new Error('pipeline failed'),
  );
  const summary = await closeSink(sink, scope);
  if (failure !== undefined) throw failure;
  return summary ? [summary] : [];
}
