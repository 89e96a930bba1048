import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { describeThrown } from '../../codecs/types.js';
import { assemble } from '../assemble.js';
import { now } from '../clock.js';
import { PipelineStageError } from '../errors.js';
import { GcObserver } from '../measure/gc.js';
import { LatencyHistogram } from '../measure/latency.js';
import type { BatchSource } from '../scenarios/types.js';
import type { Sink } from '../sinks/types.js';
import type { Batch, Stage } from '../types.js';
import type { FromWorker, ToWorker, WorkerData } from './messages.js';
import { SerialQueue } from './serial-queue.js';

// One worker thread of the pool: builds the plan's stages from the registries and
// runs transform and sink (and, for shard runs, the source) on this thread.

/** Shard runs report their counts this often, so a live meter on the main thread moves. */
const PROGRESS_EVERY_MS = 100;

if (!parentPort) throw new Error('worker-main.ts runs on a worker thread only');
const port = parentPort;
const data = workerData as WorkerData;
const parts = assemble(data.plan);
const sinkAbort = new AbortController();
const gc = new GcObserver();
gc.start();
let peakHeapBytes = 0;
let nextHeapSampleAt = 0;
let sink: Sink | undefined;

function post(message: FromWorker): void {
  port.postMessage(message);
}

function sampleHeap(at: number): void {
  if (at < nextHeapSampleAt) return;
  nextHeapSampleAt = at + data.memorySampleMs;
  sampleHeapNow();
}

function sampleHeapNow(): void {
  const used = getHeapStatistics().used_heap_size;
  if (used > peakHeapBytes) peakHeapBytes = used;
}

function stageError(stage: Stage, thrown: unknown): PipelineStageError {
  return thrown instanceof PipelineStageError ? thrown : new PipelineStageError(stage, describeThrown(thrown), { cause: thrown });
}

function currentSink(): Sink {
  if (!sink) throw new PipelineStageError('sink', 'a batch arrived before the run began');
  return sink;
}

/** Transform then write one batch; returns the written batch, synchronously when every stage was. */
function handleBatch(batch: Batch): Batch | Promise<Batch> {
  let result: Batch | Promise<Batch>;
  try {
    result = parts.transform(batch);
  } catch (thrown) {
    throw stageError('transform', thrown);
  }
  if (result instanceof Promise) return result.then(write, (thrown: unknown) => Promise.reject(stageError('transform', thrown)));
  return write(result);
}

function write(batch: Batch): Batch | Promise<Batch> {
  let wait: void | Promise<void>;
  try {
    wait = currentSink().write(batch);
  } catch (thrown) {
    throw stageError('sink', thrown);
  }
  if (wait) return wait.then(() => batch, (thrown: unknown) => Promise.reject(stageError('sink', thrown)));
  return batch;
}

function acknowledge(batch: Batch): void {
  const at = now();
  post({ type: 'ack', count: batch.count, encodedBytes: batch.encodedBytes, latencyMs: at - batch.bornAt });
  sampleHeap(at);
}

async function runShard(source: BatchSource): Promise<void> {
  const latency = new LatencyHistogram();
  let records = 0;
  let batches = 0;
  let encodedBytes = 0;
  let progressAt = now() + PROGRESS_EVERY_MS;
  try {
    const iterator = source.batches(false);
    for (;;) {
      let next: IteratorResult<Batch>;
      try {
        next = iterator.next();
      } catch (thrown) {
        throw stageError('source', thrown);
      }
      if (next.done === true) break;
      const result = handleBatch(next.value);
      const batch = result instanceof Promise ? await result : result;
      const at = now();
      latency.recordMs(at - batch.bornAt);
      records += batch.count;
      batches++;
      encodedBytes += batch.encodedBytes;
      sampleHeap(at);
      if (at >= progressAt) {
        post({ type: 'progress', records, batches, encodedBytes });
        records = batches = encodedBytes = 0;
        progressAt = at + PROGRESS_EVERY_MS;
      }
    }
    post({ type: 'shard-done', records, batches, encodedBytes, latency: latency.encode() });
  } finally {
    latency.destroy();
  }
}

async function handle(message: ToWorker, source: BatchSource | undefined): Promise<void> {
  switch (message.type) {
    case 'begin':
      peakHeapBytes = 0;
      nextHeapSampleAt = 0;
      sink = await parts.createSink(data.index, sinkAbort.signal);
      return;
    case 'batch': {
      const result = handleBatch(message.batch);
      acknowledge(result instanceof Promise ? await result : result);
      return;
    }
    case 'run-shard':
      if (!source) throw new PipelineStageError('source', 'this worker has no shard to run');
      return runShard(source);
    case 'end': {
      const summary = await currentSink().close();
      sink = undefined;
      post({ type: 'ended', sink: summary });
      return;
    }
    case 'stats': {
      sampleHeapNow();
      const totals = await gc.take();
      post({ type: 'stats', stats: { gcCount: totals.count, gcPauseMs: totals.pauseMs, peakHeapBytes } });
      return;
    }
  }
}

function fail(thrown: unknown): void {
  const error = thrown instanceof PipelineStageError ? thrown : stageError('transform', thrown);
  sinkAbort.abort(error);
  post({ type: 'failed', stage: error.stage, message: error.message.replace(/^\w+ stage failed: /, '') });
}

async function start(): Promise<void> {
  const source = data.shard ? await parts.prepareSource(data.shard) : undefined;
  // Batches are handled in arrival order; a synchronous codec and sink answer without a promise.
  const queue = new SerialQueue<ToWorker>((message) => {
    if (message.type === 'batch') {
      const result = handleBatch(message.batch);
      if (result instanceof Promise) return result.then(acknowledge);
      acknowledge(result);
      return;
    }
    return handle(message, source);
  }, fail);
  port.on('message', (message: ToWorker) => queue.push(message));
  post({ type: 'ready' });
}

start().catch((thrown: unknown) => fail(stageError('source', thrown)));
