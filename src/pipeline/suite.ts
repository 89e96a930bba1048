import type { CaseResult } from '../results/types.js';
import type { Registry } from '../registry.js';
import { createPipelineRegistries, type PipelineRegistries } from './assemble.js';
import { caseId, runPipelineCase, type CaseSettings, type CaseSpec } from './case.js';
import { PipelineAbortedError } from './errors.js';
import type { PipelineMeter } from './meter.js';
import { createVariantRegistry } from './variants/registry.js';
import type { Variant } from './variants/types.js';
import { WorkerPools } from './workers/pools.js';

export interface SuiteHooks {
  readonly signal?: AbortSignal;
  readonly onCaseStart?: (spec: CaseSpec, position: number, total: number) => void;
  readonly onCaseEnd?: (result: CaseResult, position: number, total: number) => void;
  /** Each run's live meter (counters and latency histogram), for progress or a metrics exporter. */
  readonly onMeter?: (meter: PipelineMeter, spec: CaseSpec) => void;
  /** Progress lines from the variants (consumer processes started). */
  readonly log?: (line: string) => void;
  readonly registries?: PipelineRegistries;
  readonly variants?: Registry<Variant>;
}

export interface SuiteOutcome {
  /** Finished cases, plus the interrupted one (skipped) when the run was aborted. */
  readonly cases: CaseResult[];
  /** True when every case ran and none failed. */
  readonly complete: boolean;
  readonly interrupted: boolean;
}

/** Runs cases one after the other; an abort ends the suite with what finished. */
export async function runPipelineSuite(specs: readonly CaseSpec[], settings: CaseSettings, hooks: SuiteHooks = {}): Promise<SuiteOutcome> {
  const registries = hooks.registries ?? createPipelineRegistries();
  const variants = hooks.variants ?? createVariantRegistry();
  const pools = new WorkerPools(settings.memorySampleMs);
  try {
    return await runCases(specs, settings, hooks, { registries, variants, pools });
  } finally {
    await pools.close();
  }
}

async function runCases(
  specs: readonly CaseSpec[],
  settings: CaseSettings,
  hooks: SuiteHooks,
  shared: { registries: PipelineRegistries; variants: Registry<Variant>; pools: WorkerPools },
): Promise<SuiteOutcome> {
  const cases: CaseResult[] = [];
  for (const [position, spec] of specs.entries()) {
    if (hooks.signal?.aborted) return { cases, complete: false, interrupted: true };
    hooks.onCaseStart?.(spec, position, specs.length);
    try {
      const result = await runPipelineCase(spec, settings, {
        ...shared,
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        ...(hooks.onMeter ? { onMeter: hooks.onMeter } : {}),
        ...(hooks.log ? { log: hooks.log } : {}),
      });
      cases.push(result);
      hooks.onCaseEnd?.(result, position, specs.length);
    } catch (thrown) {
      if (!(thrown instanceof PipelineAbortedError)) throw thrown;
      cases.push({
        id: caseId(spec),
        suite: 'pipeline',
        dataset: spec.dataset,
        codec: spec.codec,
        op: spec.scenario,
        records: spec.records,
        unit: 'ns',
        samples: [],
        status: 'skipped',
        error: `interrupted: ${thrown.message}`,
      });
      return { cases, complete: false, interrupted: true };
    }
  }
  return { cases, complete: cases.every((result) => result.status === 'ok'), interrupted: false };
}
