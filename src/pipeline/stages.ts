import { setImmediate as immediate } from 'node:timers/promises';
import type { Channel } from './channel.js';
import { now } from './clock.js';
import { DEPTH_FIRST_MIN_RECORDS } from './constants.js';
import { PipelineStageError } from './errors.js';
import type { PipelineMeter } from './meter.js';
import type { RunScope } from './scope.js';
import type { Sink, SinkSummary } from './sinks/types.js';
import type { Batch, Transform } from './types.js';

// The stage loops of the `async` runner. Each receives with `channel.next()` and only
// awaits when it returned a promise, and sends with `channel.send()` and only awaits
// when the channel is full: while data is ready a stage runs synchronously.
//
// One exception keeps large batches depth-first: after handing a batch of at least
// `DEPTH_FIRST_MIN_RECORDS` straight to a waiting stage, the sender lets that stage run
// (one microtask) before making the next batch. Otherwise the sender runs ahead while
// the receiver's continuation waits in the queue, and a decoded batch stays alive
// through the decoding of the next one: the scavenger copies both and promotes them
// (measured: decode of 1000-record batches spent three times as long in GC). Small
// batches still run ahead, which is what amortizes the switches between stages.

/** Hand off (or send) a batch, yielding to a waiting receiver of a large batch. */
function send(out: Channel<Batch>, batch: Batch): Promise<void> | undefined {
  const handoff = batch.count >= DEPTH_FIRST_MIN_RECORDS && out.hasWaitingReceiver;
  const wait = out.send(batch);
  return wait ?? (handoff ? Promise.resolve() : undefined);
}

/** The source's next batch; what the source throws is named as the source stage's failure. */
export function nextBatch(batches: Iterator<Batch>): IteratorResult<Batch> {
  try {
    return batches.next();
  } catch (thrown) {
    throw PipelineStageError.wrap('source', thrown);
  }
}

/** Walks the source into a channel, yielding to the event loop every `yieldEveryMs`. */
export async function sourceStage(batches: Iterator<Batch>, out: Channel<Batch>, yieldEveryMs: number): Promise<void> {
  let yieldAt = now() + yieldEveryMs;
  for (let next = batches.next(); next.done !== true; next = batches.next()) {
    const batch = next.value;
    const wait = send(out, batch);
    if (wait) await wait;
    // bornAt is the source's own clock reading, so checking it costs nothing.
    if (batch.bornAt >= yieldAt) {
      await immediate();
      yieldAt = now() + yieldEveryMs;
    }
  }
  out.close();
}

/**
 * Transforms batches from one channel into the next. With large batches the transform
 * is where the time goes, and a run of them handed on through microtasks would hold
 * the event loop until the channel is empty: it yields every `yieldEveryMs` too.
 */
export async function transformStage(input: Channel<Batch>, transform: Transform, out: Channel<Batch>, yieldEveryMs: number): Promise<void> {
  let yieldAt = now() + yieldEveryMs;
  for (;;) {
    let next = input.next();
    if (next instanceof Promise) next = await next;
    if (next.done === true) break;
    let result = transform(next.value);
    if (result instanceof Promise) result = await result;
    const wait = send(out, result);
    if (wait) await wait;
    // Small batches: the source's yields are enough (and a clock read per record is not free).
    if (result.count >= DEPTH_FIRST_MIN_RECORDS && now() >= yieldAt) {
      await immediate();
      yieldAt = now() + yieldEveryMs;
    }
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
