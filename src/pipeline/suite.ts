import type { CaseResult } from '../results/types.js';
import type { Registry } from '../registry.js';
import { createPipelineRegistries, type PipelineRegistries } from './assemble.js';
import { caseId, openPipelineCase, runPipelineCase, type CaseHooks, type CaseSettings, type CaseSpec, type OpenCase } from './case.js';
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
  /**
   * Prepare every case first, then take their timed runs in turn (case 1's first run,
   * case 2's first, …, then back from the last), so that a machine whose speed drifts
   * over seconds slows every case alike and their ratios hold (`--interleave`).
   */
  readonly interleave?: boolean;
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
    const shared = { registries, variants, pools };
    return await (hooks.interleave ? runInterleaved : runCases)(specs, settings, hooks, shared);
  } finally {
    await pools.close();
  }
}

interface Shared {
  readonly registries: PipelineRegistries;
  readonly variants: Registry<Variant>;
  readonly pools: WorkerPools;
}

function caseHooks(hooks: SuiteHooks, shared: Shared): CaseHooks {
  return {
    ...shared,
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(hooks.onMeter ? { onMeter: hooks.onMeter } : {}),
    ...(hooks.log ? { log: hooks.log } : {}),
  };
}

function interruptedCase(spec: CaseSpec, error: PipelineAbortedError): CaseResult {
  const { dataset, codec, scenario: op, records } = spec;
  return { id: caseId(spec), suite: 'pipeline', dataset, codec, op, records, unit: 'ns', samples: [], status: 'skipped', error: `interrupted: ${error.message}` };
}

function finished(cases: CaseResult[]): SuiteOutcome {
  return { cases, complete: cases.every((result) => result.status === 'ok'), interrupted: false };
}

async function runCases(specs: readonly CaseSpec[], settings: CaseSettings, hooks: SuiteHooks, shared: Shared): Promise<SuiteOutcome> {
  const cases: CaseResult[] = [];
  for (const [position, spec] of specs.entries()) {
    if (hooks.signal?.aborted) return { cases, complete: false, interrupted: true };
    hooks.onCaseStart?.(spec, position, specs.length);
    try {
      const result = await runPipelineCase(spec, settings, caseHooks(hooks, shared));
      cases.push(result);
      hooks.onCaseEnd?.(result, position, specs.length);
    } catch (thrown) {
      if (!(thrown instanceof PipelineAbortedError)) throw thrown;
      cases.push(interruptedCase(spec, thrown));
      return { cases, complete: false, interrupted: true };
    }
  }
  return finished(cases);
}

/** Every case prepared and warmed up, then their timed runs in turn; results in the given order. */
async function runInterleaved(specs: readonly CaseSpec[], settings: CaseSettings, hooks: SuiteHooks, shared: Shared): Promise<SuiteOutcome> {
  const results = new Map<number, CaseResult>();
  const open = new Map<number, OpenCase>();
  const record = (position: number, result: CaseResult): void => {
    results.set(position, result);
    hooks.onCaseEnd?.(result, position, specs.length);
  };
  try {
    for (const [position, spec] of specs.entries()) {
      hooks.signal?.throwIfAborted();
      hooks.onCaseStart?.(spec, position, specs.length);
      const opened = await openPipelineCase(spec, settings, caseHooks(hooks, shared));
      if (opened.status === 'failed') record(position, opened.result);
      else open.set(position, opened.open);
    }
    for (let round = 0; open.size > 0; round++) {
      // Every other round backwards (A B C, C B A, …): a drift within a round favours no case.
      const turn = round % 2 === 0 ? [...open] : [...open].reverse();
      for (const [position, one] of turn) {
        hooks.signal?.throwIfAborted();
        const failed = await one.runTimed();
        if (failed || !one.wantsAnotherRun()) {
          open.delete(position);
          if (failed) await one.close();
          record(position, failed ?? (await one.finish()));
        }
      }
    }
    return finished(specs.map((_, position) => results.get(position) as CaseResult));
  } catch (thrown) {
    const abort = thrown instanceof PipelineAbortedError ? thrown : hooks.signal?.aborted ? new PipelineAbortedError(hooks.signal.reason) : undefined;
    if (!abort) throw thrown;
    const cases = specs.map((spec, position) => results.get(position) ?? interruptedCase(spec, abort));
    return { cases, complete: false, interrupted: true };
  } finally {
    await Promise.all([...open.values()].map((one) => one.close()));
  }
}
