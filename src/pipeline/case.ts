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
  const opened = await openPipelineCase(spec, settings, hooks);
  if (opened.status === 'failed') return opened.result;
  const { open } = opened;
  try {
    while (open.wantsAnotherRun()) {
      const failed = await open.runTimed();
      if (failed) return failed;
    }
    return await open.finish();
  } finally {
    await open.close();
  }
}

/** A case prepared and warmed up, or the failed case it became on the way. */
export type OpenedCase = { readonly status: 'open'; readonly open: OpenCase } | { readonly status: 'failed'; readonly result: CaseResult };

/**
 * Prepares a case and runs its warm-up; its timed runs are then the caller's to call,
 * so that several open cases can alternate theirs (`--interleave`). Throws
 * PipelineAbortedError on an abort.
 */
export async function openPipelineCase(spec: CaseSpec, settings: CaseSettings, hooks: CaseHooks = {}): Promise<OpenedCase> {
  const open = new OpenCase(spec, settings, hooks);
  const failed = await open.prepare();
  if (!failed) return { status: 'open', open };
  await open.close();
  return { status: 'failed', result: failed };
}

/** One case between its preparation and its result: timed runs, one call each. */
export class OpenCase {
  readonly spec: CaseSpec;
  readonly #settings: CaseSettings;
  readonly #hooks: CaseHooks;
  readonly #registries: PipelineRegistries;
  readonly #variant: Variant;
  readonly #plan: PipelinePlan;
  readonly #base: CaseBase;
  readonly #measured: CaseMeasurements;
  readonly #pools: WorkerPools;
  #prepared: PreparedVariant | undefined;
  #gcTotals = { count: 0, pauseMs: 0 };
  #startRssBytes: number | undefined;
  #closed = false;

  constructor(spec: CaseSpec, settings: CaseSettings, hooks: CaseHooks) {
    this.spec = spec;
    this.#settings = settings;
    this.#hooks = hooks;
    this.#registries = hooks.registries ?? createPipelineRegistries();
    this.#variant = (hooks.variants ?? createVariantRegistry()).get(spec.variant);
    this.#plan = planFor(spec, settings, this.#registries.scenarios.get(spec.scenario).sources);
    this.#base = { id: caseId(spec), suite: 'pipeline', dataset: spec.dataset, codec: spec.codec, op: spec.scenario, records: spec.records, unit: 'ns' };
    this.#measured = new CaseMeasurements(settings.memorySampleMs);
    this.#pools = hooks.pools ?? new WorkerPools(settings.memorySampleMs);
  }

  /** The variant prepared and warmed up; a failed case when either failed. */
  async prepare(): Promise<CaseResult | undefined> {
    return this.#guard(async () => {
      const { signal, log } = this.#hooks;
      const parts = assemble(this.#plan, this.#registries);
      this.#prepared = await this.#variant.prepare(parts, { pools: this.#pools, ...(signal ? { signal } : {}), ...(log ? { log } : {}) });
      collectGarbage();
      const warmupUntil = now() + this.#settings.warmupMs;
      for (let i = 0; i < this.#settings.warmup || now() < warmupUntil; i++) await this.#runOnce(false);
      this.#measured.gc.start();
    });
  }

  /** At least `repetitions` timed runs, and more until they add up to `minTimeMs` (at most maxRepetitions). */
  wantsAnotherRun(): boolean {
    const done = this.#measured.wallMs.length;
    const { repetitions, minTimeMs } = this.#settings;
    return done < repetitions || (this.#measured.runMs < minTimeMs && done < PIPELINE_DEFAULTS.maxRepetitions);
  }

  /**
   * One timed run. GC and memory are taken around the run itself, not across runs, so
   * that another case's runs in between (interleaved) count for that case only.
   */
  async runTimed(): Promise<CaseResult | undefined> {
    return this.#guard(async () => {
      const measured = this.#measured;
      collectYoungGarbage();
      await measured.gc.take();
      measured.memory.start();
      this.#startRssBytes ??= measured.memory.peakRssBytes;
      try {
        await this.#runOnce(true);
      } finally {
        measured.memory.stop();
      }
      const gc = await measured.gc.take();
      this.#gcTotals = { count: this.#gcTotals.count + gc.count, pauseMs: this.#gcTotals.pauseMs + gc.pauseMs };
    });
  }

  /** The case's result from its timed runs (then closes it). */
  async finish(): Promise<CaseResult> {
    const figures = this.#prepared?.caseFigures?.() ?? {};
    const result = okCase(this.#base, this.spec, this.#plan, this.#measured, this.#gcTotals, this.#startRssBytes ?? 0, figures);
    await this.close();
    return result;
  }

  /** Releases what the case holds; safe to call more than once and after a failure. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#measured.destroy();
    await this.#prepared?.close();
    if (!this.#hooks.pools) await this.#pools.close();
    await this.#registries.sinks.get(this.#plan.sink).cleanup?.(this.#plan.sinkSettings);
  }

  /** Runs a step; a failure becomes the failed case, an abort throws PipelineAbortedError. */
  async #guard(step: () => Promise<void>): Promise<CaseResult | undefined> {
    const { signal } = this.#hooks;
    try {
      await step();
      return undefined;
    } catch (thrown) {
      if (signal?.aborted || thrown instanceof PipelineAbortedError) throw thrown instanceof PipelineAbortedError ? thrown : new PipelineAbortedError(signal?.reason);
      return { ...this.#base, status: 'failed', error: describeThrown(thrown), failure: 'error', samples: [] };
    }
  }

  async #runOnce(timed: boolean): Promise<void> {
    const measured = this.#measured;
    const meter = new PipelineMeter();
    if (timed) meter.onBatch = (at) => measured.memory.maybeSample(at);
    this.#hooks.onMeter?.(meter, this.spec);
    const scope = new RunScope(this.#hooks.signal);
    try {
      if (timed) {
        await measured.eventLoop.startRun();
        measured.cpu.start();
      }
      const startedAt = now();
      const outcome = await (this.#prepared as PreparedVariant).run({ scope, meter, timed });
      const runMs = now() - startedAt;
      const wallMs = outcome.elapsedMs ?? runMs;
      checkDelivered(this.#plan, meter, outcome);
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
