import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { describeThrown } from '../../codecs/types.js';
import { createDatasetRegistry } from '../../datasets/registry.js';
import type { Dataset } from '../../datasets/types.js';
import { openInputDataset } from '../../inputs/dataset.js';
import type { InputSpec } from '../../inputs/types.js';
import { assemble, createPipelineRegistries, type PipelineParts } from '../assemble.js';
import { now } from '../clock.js';
import { PipelineStageError } from '../errors.js';
import { collectGarbage, collectYoungGarbage, GcObserver } from '../measure/gc.js';
import { LatencyHistogram } from '../measure/latency.js';
import type { BatchSource } from '../scenarios/types.js';
import type { Sink, SinkSummary } from '../sinks/types.js';
import type { Batch, Stage } from '../types.js';
import type { FromWorker, ToWorker, WorkerData } from './messages.js';
import { SerialQueue } from './serial-queue.js';

// One worker thread of the pool: builds a plan's stages from the registries and runs
// transform and sink (and, for shard runs, the source) on this thread. The pool
// reconfigures it for each case, so threads start once per suite, not per case.

/** Shard runs report their counts this often, so a live meter on the main thread moves. */
const PROGRESS_EVERY_MS = 100;

if (!parentPort) throw new Error('worker-main.ts runs on a worker thread only');
const port = parentPort;
const data = workerData as WorkerData;
const registries = createPipelineRegistries();
let parts: PipelineParts | undefined;
let source: BatchSource | undefined;
const sinkAbort = new AbortController();
const gc = new GcObserver();
gc.start();
let peakHeapBytes = 0;
let nextHeapSampleAt = 0;
let sink: Sink | undefined;

/** A user's file (`--input`), opened from the same resolved input as on the main thread, kept while cases need no more records. */
const inputs = new Map<string, { readonly records: number; readonly dataset: Dataset }>();
async function inputDataset(spec: InputSpec, records: number): Promise<Dataset> {
  const open = inputs.get(spec.name);
  if (open && open.records >= records) return open.dataset;
  const dataset = await openInputDataset(spec, records);
  inputs.set(spec.name, { records, dataset });
  return dataset;
}

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

function currentParts(): PipelineParts {
  if (!parts) throw new PipelineStageError('worker', 'a run began before the worker was configured');
  return parts;
}

function currentSink(): Sink {
  if (!sink) throw new PipelineStageError('sink', 'a batch arrived before the run began');
  return sink;
}

/** Transform then write one batch; returns the written batch, synchronously when every stage was. */
function handleBatch(batch: Batch): Batch | Promise<Batch> {
  let result: Batch | Promise<Batch>;
  try {
    result = currentParts().transform(batch);
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

async function runShard(): Promise<void> {
  if (!source) throw new PipelineStageError('source', 'this worker has no shard to run');
  const latency = new LatencyHistogram();
  let records = 0;
  let batches = 0;
  let encodedBytes = 0;
  let progressAt = now() + PROGRESS_EVERY_MS;
  const yieldEveryMs = currentParts().plan.yieldEveryMs;
  let yieldAt = now() + yieldEveryMs;
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
      // Like the main thread's sources: give this thread's event loop a turn now and then
      // (V8 runs some of its garbage collector's work as tasks there).
      if (at >= yieldAt) {
        await new Promise((resolve) => setImmediate(resolve));
        yieldAt = now() + yieldEveryMs;
      }
    }
    post({ type: 'shard-done', records, batches, encodedBytes, latency: latency.encode() });
  } finally {
    latency.destroy();
  }
}

/** Every message but batches, which the queue hands to handleBatch without a promise. */
async function handle(message: Exclude<ToWorker, { type: 'batch' }>): Promise<void> {
  switch (message.type) {
    case 'configure':
      source = undefined;
      parts = assemble(message.plan, message.plan.input ? { ...registries, datasets: createDatasetRegistry([await inputDataset(message.plan.input, message.plan.records)]) } : registries);
      if (message.shard) {
        try {
          source = await parts.prepareSource(message.shard);
        } catch (thrown) {
          throw stageError('source', thrown);
        }
      }
      collectGarbage();
      post({ type: 'configured' });
      return;
    case 'clear':
      parts = undefined;
      source = undefined;
      return;
    case 'begin':
      peakHeapBytes = 0;
      nextHeapSampleAt = 0;
      sink = await currentParts().createSink(data.index, sinkAbort.signal);
      return;
    case 'run-shard':
      return runShard();
    case 'end': {
      const closing = currentSink();
      sink = undefined;
      let summary: SinkSummary;
      try {
        summary = await closing.close();
      } catch (thrown) {
        throw stageError('sink', thrown);
      }
      post({ type: 'ended', sink: summary });
      return;
    }
    case 'stats': {
      sampleHeapNow();
      const totals = await gc.take();
      post({ type: 'stats', stats: { gcCount: totals.count, gcPauseMs: totals.pauseMs, peakHeapBytes } });
      // Between runs, like the main thread: each run starts with an empty young generation (not counted as GC).
      collectYoungGarbage();
      return;
    }
  }
}

function fail(thrown: unknown): void {
  const error = stageError('worker', thrown);
  sinkAbort.abort(error);
  post({ type: 'failed', stage: error.stage, message: error.message.replace(/^\w+ stage failed: /, '') });
}

// Batches are handled in arrival order; a synchronous codec and sink answer without a promise.
const queue = new SerialQueue<ToWorker>((message) => {
  if (message.type === 'batch') {
    const result = handleBatch(message.batch);
    if (result instanceof Promise) return result.then(acknowledge);
    acknowledge(result);
    return;
  }
  return handle(message);
}, fail);
port.on('message', (message: ToWorker) => queue.push(message));
post({ type: 'ready' });
