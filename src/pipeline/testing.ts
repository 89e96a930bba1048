import { assemble, createPipelineRegistries, type PipelineRegistries } from './assemble.js';
import type { CaseSettings } from './case.js';
import { defaultCapacity, PIPELINE_DEFAULTS } from './constants.js';
import { PipelineMeter } from './meter.js';
import { RunScope } from './scope.js';
import type { PipelinePlan } from './types.js';
import { createVariantRegistry } from './variants/registry.js';
import type { RunOutcome } from './variants/types.js';
import { WorkerPools } from './workers/pools.js';

// Helpers for the pipeline's tests: small plans and single runs outside the suite.

export function testPlan(overrides: Partial<PipelinePlan> = {}): PipelinePlan {
  const batchSize = overrides.batchSize ?? 10;
  return {
    scenario: 'passthrough',
    dataset: 'log',
    codec: 'none',
    source: 'memory',
    records: 100,
    batchSize,
    capacity: defaultCapacity(batchSize),
    workers: 0,
    seed: 7,
    sink: 'null',
    sinkSettings: { fileDir: PIPELINE_DEFAULTS.fileDir, slowRecordsPerSec: PIPELINE_DEFAULTS.slowRecordsPerSec },
    yieldEveryMs: PIPELINE_DEFAULTS.yieldEveryMs,
    ...overrides,
  };
}

/** Settings for one timed run of a case with no warm-up (a suite's options resolve to these). */
export function testCaseSettings(overrides: Partial<CaseSettings> = {}): CaseSettings {
  return {
    repetitions: 1,
    minTimeMs: 0,
    warmup: 0,
    warmupMs: 0,
    seed: 7,
    source: undefined,
    sink: 'null',
    sinkSettings: { fileDir: PIPELINE_DEFAULTS.fileDir, slowRecordsPerSec: PIPELINE_DEFAULTS.slowRecordsPerSec },
    capacity: undefined,
    yieldEveryMs: 10,
    memorySampleMs: 10,
    ...overrides,
  };
}

export interface SingleRun {
  readonly meter: { readonly records: number; readonly batches: number; readonly encodedBytes: number; readonly latencyCount: number };
  readonly outcome: RunOutcome;
}

/**
 * Prepares a variant, runs it once and releases everything, whatever happens: worker
 * threads are terminated unless `pools` (shared by several tests) is given.
 */
export async function runOnce(
  plan: PipelinePlan,
  variantName: string,
  options: { registries?: PipelineRegistries; signal?: AbortSignal; onStarted?: () => void; pools?: WorkerPools } = {},
): Promise<SingleRun> {
  const pools = options.pools ?? new WorkerPools();
  const meter = new PipelineMeter();
  try {
    const prepared = await createVariantRegistry().get(variantName).prepare(assemble(plan, options.registries ?? createPipelineRegistries()), { pools });
    try {
      options.onStarted?.();
      const outcome = await prepared.run({ scope: new RunScope(options.signal), meter });
      return { meter: { records: meter.records, batches: meter.batches, encodedBytes: meter.encodedBytes, latencyCount: meter.latency.count }, outcome };
    } finally {
      await prepared.close();
    }
  } finally {
    meter.destroy();
    if (!options.pools) await pools.close();
  }
}
