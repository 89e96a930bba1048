import type { Codec } from '../codecs/types.js';
import type { Dataset } from '../datasets/types.js';
import { generate } from '../datasets/types.js';
import type { Registry } from '../registry.js';
import type { CaseResult } from '../results/types.js';
import { summarize } from '../stats/summary.js';
import { prepareCodec, memcpyBody } from './case-body.js';
import { planCodecCases, type CodecCasePlan } from './matrix.js';
import { measure, type CaseBody, type MeasureOptions } from './measure.js';
import { MEMCPY, type CodecSuiteOptions } from './options.js';
import { selectShard } from './shard.js';
import { encodedSizes, type EncodedSizes } from './sizes.js';

export type SuiteProgress =
  | { readonly type: 'prepare'; readonly dataset: string }
  | { readonly type: 'case'; readonly plan: CodecCasePlan; readonly index: number; readonly total: number; readonly round: number; readonly rounds: number }
  | { readonly type: 'case-done'; readonly result: CaseResult; readonly done: number; readonly total: number };

export interface CodecSuiteContext {
  readonly datasets: Registry<Dataset>;
  readonly codecs: Registry<Codec>;
  readonly onProgress?: (event: SuiteProgress) => void;
  readonly signal?: AbortSignal;
  /** Called between cases so measurements start from a clean heap (global.gc under --expose-gc). */
  readonly collectGarbage?: () => void;
}

export interface CodecSuiteOutcome {
  readonly cases: CaseResult[];
  /** False when interrupted or when any case failed to run. */
  readonly complete: boolean;
  readonly interrupted: boolean;
}

type PreparedCase =
  | { readonly plan: CodecCasePlan; readonly ok: true; readonly body: CaseBody; readonly bytesPerCall: number; readonly sizes?: EncodedSizes; samples: number[]; callsPerSample: number; roundsDone: number; error?: string }
  | { readonly plan: CodecCasePlan; readonly ok: false; readonly error: string };

async function prepareCases(plans: readonly CodecCasePlan[], options: CodecSuiteOptions, context: CodecSuiteContext): Promise<PreparedCase[]> {
  const prepared: PreparedCase[] = [];
  for (const datasetName of new Set(plans.map((p) => p.dataset))) {
    context.onProgress?.({ type: 'prepare', dataset: datasetName });
    const dataset = context.datasets.get(datasetName);
    const records = generate(dataset, options.records, options.seed);
    const jsonSize = Buffer.byteLength(JSON.stringify(records));
    const forDataset = plans.filter((p) => p.dataset === datasetName);
    for (const codecName of new Set(forDataset.map((p) => p.codec))) {
      const forCodec = forDataset.filter((p) => p.codec === codecName);
      if (codecName === MEMCPY) {
        for (const plan of forCodec) prepared.push({ plan, ok: true, body: memcpyBody(jsonSize), bytesPerCall: jsonSize, samples: [], callsPerSample: 1, roundsDone: 0 });
        continue;
      }
      const codec = await prepareCodec(context.codecs.get(codecName), dataset.schema, records);
      if (!codec.ok) {
        for (const plan of forCodec) prepared.push({ plan, ok: false, error: codec.error });
        continue;
      }
      const sizes = encodedSizes(codec.encoded);
      for (const plan of forCodec) prepared.push({ plan, ok: true, body: codec.body(plan.op), bytesPerCall: codec.encoded.byteLength, sizes, samples: [], callsPerSample: 1, roundsDone: 0 });
    }
  }
  return prepared;
}

function toResult(prepared: PreparedCase, interrupted: boolean): CaseResult {
  const { plan } = prepared;
  const base = { id: plan.id, suite: 'codec' as const, dataset: plan.dataset, codec: plan.codec, op: plan.op, records: plan.records, unit: 'ns' as const };
  if (!prepared.ok) return { ...base, status: 'failed', error: prepared.error, samples: [] };
  if (prepared.error !== undefined) return { ...base, status: 'failed', error: prepared.error, samples: prepared.samples };
  if (prepared.samples.length === 0) return { ...base, status: 'skipped', error: interrupted ? 'interrupted before it ran' : 'no samples', samples: [] };
  const stats = summarize(prepared.samples);
  const seconds = stats.median / 1e9;
  return {
    ...base,
    status: 'ok',
    samples: prepared.samples,
    stats,
    throughput: { recordsPerSec: plan.records / seconds, bytesPerSec: prepared.bytesPerCall / seconds },
    ...(prepared.sizes ? { bytes: prepared.sizes } : {}),
    extra: { nsPerRecord: stats.median / plan.records, callsPerSample: prepared.callsPerSample, rounds: prepared.roundsDone },
  };
}

/** tinybench never removes its abort listener, so each case gets its own signal, linked to the run's. */
async function measureUnlessAborted(body: CaseBody, options: Omit<MeasureOptions, 'signal'>, signal: AbortSignal | undefined) {
  if (!signal) return measure(body, options);
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  try {
    return await measure(body, { ...options, signal: controller.signal });
  } finally {
    signal.removeEventListener('abort', forward);
  }
}

/**
 * Runs the codec suite: plans the matrix, prepares each case (fidelity gate
 * first), then measures in interleaved rounds. Never throws for a case: a case
 * that fails is kept as data.
 */
export async function runCodecSuite(options: CodecSuiteOptions, context: CodecSuiteContext): Promise<CodecSuiteOutcome> {
  const datasetNames = context.datasets.select(options.datasets).map((d) => d.name);
  const codecNames = options.codecs.length > 0 ? [...options.codecs] : [...context.codecs.names(), MEMCPY];
  const allPlans = planCodecCases(datasetNames, codecNames, options.ops, options.records, MEMCPY);
  const plans = options.shard ? selectShard(allPlans, options.shard) : allPlans;
  const prepared = await prepareCases(plans, options, context);
  const runnable = prepared.filter((p): p is Extract<PreparedCase, { ok: true }> => p.ok);
  const perRound = { timeMs: options.timeMs / options.rounds, warmupMs: options.warmupMs, minSampleMs: options.minSampleMs, maxSamples: Math.ceil(options.maxSamples / options.rounds) };
  let interrupted = false;
  rounds: for (let round = 1; round <= options.rounds; round++) {
    for (const [index, item] of runnable.entries()) {
      if (context.signal?.aborted) {
        interrupted = true;
        break rounds;
      }
      if (item.error !== undefined) continue;
      context.onProgress?.({ type: 'case', plan: item.plan, index, total: runnable.length, round, rounds: options.rounds });
      context.collectGarbage?.();
      const measured = await measureUnlessAborted(item.body, perRound, context.signal);
      if (context.signal?.aborted) {
        interrupted = true;
        break rounds;
      }
      if (measured.ok) {
        item.samples.push(...measured.samplesNs);
        item.callsPerSample = measured.callsPerSample;
        item.roundsDone += 1;
      } else {
        item.error = `measurement failed: ${measured.error.message}`;
      }
    }
  }
  const cases = prepared.map((p) => toResult(p, interrupted));
  cases.forEach((result, i) => context.onProgress?.({ type: 'case-done', result, done: i + 1, total: cases.length }));
  return { cases, interrupted, complete: !interrupted && cases.every((c) => c.status === 'ok') };
}
