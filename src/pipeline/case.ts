import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { describeThrown } from '../codecs/types.js';
import type { CaseResult, PipelineMetrics } from '../results/types.js';
import { summarize } from '../stats/summary.js';
import { assemble, createPipelineRegistries, type PipelineRegistries } from './assemble.js';
import { now } from './clock.js';
import { defaultCapacity, PIPELINE_DEFAULTS } from './constants.js';
import { PipelineAbortedError } from './errors.js';
import { CpuClock } from './measure/cpu.js';
import { EventLoopDelay } from './measure/event-loop.js';
import { collectGarbage, collectYoungGarbage, GcObserver } from './measure/gc.js';
import { LatencyHistogram } from './measure/latency.js';
import { MemorySampler } from './measure/memory.js';
import { PipelineMeter } from './meter.js';
import { RunScope } from './scope.js';
import { SinkFigures } from './sinks/figures.js';
import type { InputSpec } from '../inputs/types.js';
import type { FaultSpec, GroupSettings, PipelinePlan, SinkSettings, SourceKind } from './types.js';
import { createVariantRegistry } from './variants/registry.js';
import type { PreparedVariant, RunOutcome, Variant, WorkerRunStats } from './variants/types.js';
import type { Registry } from '../registry.js';
import { WorkerPools } from './workers/pools.js';

/** One point of the matrix. */
export interface CaseSpec {
  readonly scenario: string;
  readonly dataset: string;
  /** NO_CODEC for scenarios that use none. */
  readonly codec: string;
  readonly variant: string;
  readonly batchSize: number;
  /** Worker threads; 0 for main-thread variants. */
  readonly workers: number;
  /** Consumer processes, for variants that run them (`group`); absent otherwise. */
  readonly consumers?: number;
  readonly records: number;
}

/** What every case of a run shares. */
export interface CaseSettings {
  readonly repetitions: number;
  /** Timed runs continue until their run time adds up to this (at most PIPELINE_DEFAULTS.maxRepetitions). */
  readonly minTimeMs: number;
  /** Untimed runs first: at least `warmup` of them, and until `warmupMs` have passed. */
  readonly warmup: number;
  readonly warmupMs: number;
  readonly seed: number;
  /** The source kind where the scenario supports it; otherwise the scenario's default. */
  readonly source: SourceKind | undefined;
  readonly sink: string;
  readonly sinkSettings: SinkSettings;
  /** Channel capacity in batches; undefined: defaultCapacity(batchSize). */
  readonly capacity: number | undefined;
  readonly yieldEveryMs: number;
  readonly memorySampleMs: number;
  readonly fault?: FaultSpec;
  /** A user's files (`--input`) the run's datasets may come from. */
  readonly inputs?: readonly InputSpec[];
  /** The group variant's broker and consumers (needed by group cases only). */
  readonly group?: GroupSettings;
}

export interface CaseHooks {
  /** Cancels the case: it ends by throwing PipelineAbortedError. */
  readonly signal?: AbortSignal;
  /** Called with each run's meter as the run starts (progress bars, a metrics exporter). */
  readonly onMeter?: (meter: PipelineMeter, spec: CaseSpec) => void;
  readonly registries?: PipelineRegistries;
  readonly variants?: Registry<Variant>;
  /** Worker pools shared with other cases; without them the case starts (and ends) its own. */
  readonly pools?: WorkerPools;
  /** Progress lines from a variant's preparation (consumer processes started). */
  readonly log?: (line: string) => void;
}

/**
 * `pipeline/<scenario>/<dataset>/<codec>/<variant>/b<batch>/w<workers>/<records>`; variants
 * that run consumer processes have `c<consumers>` where the others have `w<workers>`.
 */
export function caseId(spec: CaseSpec): string {
  const parallel = spec.consumers === undefined ? `w${spec.workers}` : `c${spec.consumers}`;
  return `pipeline/${spec.scenario}/${spec.dataset}/${spec.codec}/${spec.variant}/b${spec.batchSize}/${parallel}/${spec.records}`;
}

export function planFor(spec: CaseSpec, settings: CaseSettings, scenarioSources: readonly SourceKind[]): PipelinePlan {
  const source = settings.source && scenarioSources.includes(settings.source) ? settings.source : (scenarioSources[0] ?? 'memory');
  return {
    scenario: spec.scenario,
    dataset: spec.dataset,
    codec: spec.codec,
    source,
    records: spec.records,
    batchSize: spec.batchSize,
    capacity: settings.capacity ?? defaultCapacity(spec.batchSize),
    workers: spec.workers,
    seed: settings.seed,
    sink: settings.sink,
    sinkSettings: settings.sinkSettings,
    yieldEveryMs: settings.yieldEveryMs,
    ...(settings.fault ? { fault: settings.fault } : {}),
    ...optionalInput(settings.inputs?.find((input) => input.name === spec.dataset)),
    ...(spec.consumers !== undefined ? { consumers: spec.consumers, ...(settings.group ? { group: settings.group } : {}) } : {}),
  };
}

function optionalInput(input: InputSpec | undefined): { input?: InputSpec } {
  return input ? { input } : {};
}

/** Everything measured over a case's timed repetitions. */
class CaseMeasurements {
  readonly wallMs: number[] = [];
  /** Whole run() calls, the interval CPU time and event-loop delay are measured over. */
  runMs = 0;
  readonly latency = new LatencyHistogram();
  readonly memory: MemorySampler;
  readonly gc = new GcObserver();
  readonly eventLoop = new EventLoopDelay();
  readonly cpu = new CpuClock();
  /** Figures particular to the sink (retries, bytes on the wire, fsync time), summed over runs. */
  readonly sinks = new SinkFigures();
  cpuMs = 0;
  encodedBytes = 0;
  postMessageMs = 0;
  workerGcCount = 0;
  workerGcPauseMs = 0;
  /** Peak heap of each worker (by index) over the repetitions. */
  readonly workerPeakHeap: number[] = [];

  constructor(memorySampleMs: number) {
    this.memory = new MemorySampler(memorySampleMs);
  }

  addWorkers(stats: readonly WorkerRunStats[] | undefined): void {
    stats?.forEach((worker, index) => {
      this.workerGcCount += worker.gcCount;
      this.workerGcPauseMs += worker.gcPauseMs;
      this.workerPeakHeap[index] = Math.max(this.workerPeakHeap[index] ?? 0, worker.peakHeapBytes);
    });
  }

  destroy(): void {
    this.latency.destroy();
    this.gc.stop();
    this.eventLoop.endRun();
    this.memory.stop();
    this.sinks.destroy();
  }
}

function checkDelivered(plan: PipelinePlan, meter: PipelineMeter, outcome: RunOutcome): void {
  const dead = outcome.unsunk?.deadLetteredRecords ?? 0;
  const delivered = plan.records - dead;
  const deadNote = dead > 0 ? ` (${dead} dead-lettered)` : '';
  if (meter.records !== delivered) throw new Error(`the sink stage saw ${meter.records} of ${delivered} records${deadNote}`);
  const sunk = outcome.sinks.reduce((sum, sink) => sum + sink.records, 0) + (outcome.unsunk?.killedProcessRecords ?? 0);
  if (outcome.sinks.length > 0 && sunk !== delivered) throw new Error(`the sinks received ${sunk} of ${delivered} records${deadNote}`);
}

/**
 * Runs one case: prepares the variant (untimed), warms it up, then times each
 * repetition. A failure becomes a failed case (the error names the stage); an abort
 * throws PipelineAbortedError so the suite can stop.
 */
export async function runPipelineCase(spec: CaseSpec, settings: CaseSettings, hooks: CaseHooks = {}): Promise<CaseResult> {
  const registries = hooks.registries ?? createPipelineRegistries();
  const variant = (hooks.variants ?? createVariantRegistry()).get(spec.variant);
  const scenario = registries.scenarios.get(spec.scenario);
  const plan = planFor(spec, settings, scenario.sources);
  const base: CaseBase = { id: caseId(spec), suite: 'pipeline', dataset: spec.dataset, codec: spec.codec, op: spec.scenario, records: spec.records, unit: 'ns' };
  const measured = new CaseMeasurements(settings.memorySampleMs);
  const pools = hooks.pools ?? new WorkerPools(settings.memorySampleMs);
  let prepared: PreparedVariant | undefined;

  const runOnce = async (timed: boolean): Promise<void> => {
    const meter = new PipelineMeter();
    if (timed) meter.onBatch = (at) => measured.memory.maybeSample(at);
    hooks.onMeter?.(meter, spec);
    const scope = new RunScope(hooks.signal);
    try {
      if (timed) {
        await measured.eventLoop.startRun();
        measured.cpu.start();
      }
      const startedAt = now();
      const outcome = await (prepared as PreparedVariant).run({ scope, meter, timed });
      const runMs = now() - startedAt;
      const wallMs = outcome.elapsedMs ?? runMs;
      checkDelivered(plan, meter, outcome);
      if (!timed) return;
      measured.cpuMs += outcome.cpu?.cpuMs ?? measured.cpu.elapsedMs();
      measured.runMs += outcome.cpu?.windowMs ?? runMs;
      // A run that held the loop is recorded by the delay monitor only when its overdue
      // timer finally fires: give it that turn before the monitor stops.
      await delay(1);
      measured.eventLoop.endRun();
      measured.wallMs.push(wallMs);
      measured.encodedBytes += meter.encodedBytes;
      measured.postMessageMs += outcome.postMessageMs ?? 0;
      measured.latency.add(meter.latency);
      measured.addWorkers(outcome.workers);
      measured.sinks.add(outcome.sinks);
    } finally {
      scope.dispose();
      meter.destroy();
    }
  };

  try {
    const parts = assemble(plan, registries);
    prepared = await variant.prepare(parts, { pools, ...(hooks.signal ? { signal: hooks.signal } : {}), ...(hooks.log ? { log: hooks.log } : {}) });
    collectGarbage();
    const warmupUntil = now() + settings.warmupMs;
    for (let i = 0; i < settings.warmup || now() < warmupUntil; i++) await runOnce(false);
    measured.gc.start();
    collectYoungGarbage();
    await measured.gc.take();
    measured.memory.start();
    const startRssBytes = measured.memory.peakRssBytes;
    for (let i = 0; i < settings.repetitions || (measured.runMs < settings.minTimeMs && i < PIPELINE_DEFAULTS.maxRepetitions); i++) {
      collectYoungGarbage();
      await runOnce(true);
    }
    measured.memory.stop();
    const gc = await measured.gc.take();
    return okCase(base, spec, plan, measured, gc, startRssBytes, prepared.caseFigures?.() ?? {});
  } catch (thrown) {
    if (hooks.signal?.aborted || thrown instanceof PipelineAbortedError) throw thrown instanceof PipelineAbortedError ? thrown : new PipelineAbortedError(hooks.signal?.reason);
    return { ...base, status: 'failed', error: describeThrown(thrown), failure: 'error', samples: [] };
  } finally {
    measured.destroy();
    await prepared?.close();
    if (!hooks.pools) await pools.close();
    await registries.sinks.get(plan.sink).cleanup?.(plan.sinkSettings);
  }
}

type CaseBase = Pick<CaseResult, 'id' | 'suite' | 'dataset' | 'codec' | 'op' | 'records' | 'unit'>;

function okCase(
  base: CaseBase,
  spec: CaseSpec,
  plan: PipelinePlan,
  measured: CaseMeasurements,
  mainGc: { count: number; pauseMs: number },
  startRssBytes: number,
  variantFigures: Readonly<Record<string, unknown>>,
): CaseResult {
  const samples = measured.wallMs.map((ms) => (ms * 1e6) / spec.records);
  const stats = summarize(samples);
  const repetitions = measured.wallMs.length;
  const totalWallMs = measured.wallMs.reduce((sum, ms) => sum + ms, 0);
  const recordsPerSec = 1e9 / stats.median;
  const bytesPerRecord = measured.encodedBytes / (spec.records * repetitions);
  const bytesPerSec = recordsPerSec * bytesPerRecord;
  const cpuCount = os.availableParallelism?.() ?? os.cpus().length;
  const workerHeap = measured.workerPeakHeap.reduce((sum, bytes) => sum + bytes, 0);
  const pipeline: PipelineMetrics = {
    variant: spec.variant,
    batchSize: spec.batchSize,
    workers: spec.workers,
    ...(spec.consumers !== undefined ? { consumers: spec.consumers } : {}),
    recordsPerSec,
    mbPerSec: bytesPerSec / 1e6,
    latencyMs: { p50: measured.latency.percentileMs(50), p99: measured.latency.percentileMs(99) },
    peakRssBytes: measured.memory.peakRssBytes,
    startRssBytes,
    peakHeapBytes: measured.memory.peakHeapBytes + workerHeap,
    gc: { count: mainGc.count + measured.workerGcCount, pauseMs: mainGc.pauseMs + measured.workerGcPauseMs },
    eventLoopDelayMs: { p99: measured.eventLoop.p99Ms() },
    cpuUtilization: measured.cpuMs / (measured.runMs * cpuCount),
    scenario: spec.scenario,
    source: plan.source,
    sink: plan.sink,
    capacity: plan.capacity,
    repetitions,
    wallMs: totalWallMs,
    cpuMs: measured.cpuMs,
    cpuCores: measured.cpuMs / measured.runMs,
    runMs: measured.runMs,
    gcPauseShare: (mainGc.pauseMs + measured.workerGcPauseMs) / measured.runMs,
    eventLoopDelayMaxMs: measured.eventLoop.maxMs(),
    workerHeapBytes: workerHeap,
    postMessageMsPerBatch: spec.workers > 0 ? measured.postMessageMs / (repetitions * Math.ceil(spec.records / spec.batchSize)) : 0,
    ...measured.sinks.toCaseMetrics(),
    ...variantFigures,
  };
  return { ...base, status: 'ok', samples, stats, throughput: { recordsPerSec, bytesPerSec }, pipeline };
}
