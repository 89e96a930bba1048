import { addCompressedCodecs, compressedCodecNames } from '../codecs/compression.js';
import type { Codec } from '../codecs/types.js';
import type { Dataset } from '../datasets/types.js';
import { generate } from '../datasets/types.js';
import type { Registry } from '../registry.js';
import { memcpyBody, prepareCodec } from './case-body.js';
import type { SuiteEvent } from './events.js';
import { planCodecCases, type CodecCasePlan } from './matrix.js';
import { measure, type CaseBody, type MeasureOptions } from './measure.js';
import { MEMCPY, type CodecSuiteOptions } from './options.js';
import { selectShard } from './shard.js';
import { encodedSizes } from './sizes.js';

export interface CodecSuiteContext {
  readonly datasets: Registry<Dataset>;
  readonly codecs: Registry<Codec>;
  readonly emit: (event: SuiteEvent) => void;
  readonly signal?: AbortSignal;
  /** Called between cases so measurements start from a clean heap (global.gc under --expose-gc). */
  readonly collectGarbage?: () => void;
}

/** The codecs the options name (before composing them with `--compression`). */
function selectedCodecNames(options: CodecSuiteOptions, codecs: Registry<Codec>): string[] {
  return options.codecs.length > 0 ? [...options.codecs] : [...codecs.names(), MEMCPY];
}

/** Every case the options select, in run order (after `--shard`). */
export function planSuite(options: CodecSuiteOptions, datasets: Registry<Dataset>, codecs: Registry<Codec>): CodecCasePlan[] {
  const baseNames = selectedCodecNames(options, codecs);
  const codecNames = [...baseNames, ...compressedCodecNames(codecs, baseNames, options.compression)];
  // A user's file shorter than --records gives its batches what it has (datasets/types.ts: available).
  const plans = datasets.select(options.datasets).flatMap((d) => planCodecCases([d.name], codecNames, options.ops, Math.min(options.records, d.available ?? options.records), MEMCPY));
  return options.shard ? selectShard(plans, options.shard) : plans;
}

/** Generates each dataset's batch once, runs the fidelity gate per codec, and reports each case as prepared. */
async function prepare(plans: readonly CodecCasePlan[], options: CodecSuiteOptions, context: CodecSuiteContext, withSizes: boolean): Promise<Map<string, CaseBody>> {
  const bodies = new Map<string, CaseBody>();
  for (const datasetName of new Set(plans.map((p) => p.dataset))) {
    context.emit({ type: 'prepare', dataset: datasetName });
    const dataset = context.datasets.get(datasetName);
    const forDataset = plans.filter((p) => p.dataset === datasetName);
    const records = generate(dataset, forDataset[0]?.records ?? options.records, options.seed);
    for (const codecName of new Set(forDataset.map((p) => p.codec))) {
      const forCodec = forDataset.filter((p) => p.codec === codecName);
      if (codecName === MEMCPY) {
        const jsonSize = Buffer.byteLength(JSON.stringify(records));
        for (const plan of forCodec) {
          bodies.set(plan.id, memcpyBody(jsonSize));
          context.emit({ type: 'prepared', plan, ok: true, bytesPerCall: jsonSize });
        }
        continue;
      }
      const codec = await prepareCodec(context.codecs.get(codecName), dataset.schema, records, { userData: dataset.provenance !== undefined });
      if (!codec.ok) {
        for (const plan of forCodec) context.emit({ type: 'prepared', plan, ok: false, error: codec.error, failure: codec.failure });
        continue;
      }
      const sizes = withSizes ? encodedSizes(codec.encoded, options.brotliQuality) : undefined;
      for (const plan of forCodec) {
        bodies.set(plan.id, codec.body(plan.op));
        context.emit({ type: 'prepared', plan, ok: true, bytesPerCall: codec.encoded.byteLength, ...(sizes ? { sizes } : {}) });
      }
    }
  }
  return bodies;
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
 * Measures the planned cases in interleaved rounds and reports everything as
 * events; never throws for a case (a case that fails is an event). `rounds`
 * says which rounds this process runs (the supervisor runs each round in a fresh
 * process); `roundsDone` lets a restarted process skip what was already measured.
 * Sizes are computed only when `withSizes` (the first preparation).
 */
export async function runCodecSuite(
  plans: readonly CodecCasePlan[],
  options: CodecSuiteOptions,
  context: CodecSuiteContext,
  schedule: { readonly rounds?: readonly [number, number]; readonly roundsDone?: Readonly<Record<string, number>>; readonly withSizes?: boolean } = {},
): Promise<void> {
  const codecs = await addCompressedCodecs(context.codecs, selectedCodecNames(options, context.codecs), options.compression);
  const bodies = await prepare(plans, options, { ...context, codecs }, schedule.withSizes ?? true);
  const [firstRound, lastRound] = schedule.rounds ?? [1, options.rounds];
  const roundsDone = schedule.roundsDone ?? {};
  const runnable = plans.filter((p) => bodies.has(p.id));
  const perRound = { timeMs: options.timeMs / options.rounds, warmupMs: options.warmupMs, minSampleMs: options.minSampleMs, maxSamples: Math.ceil(options.maxSamples / options.rounds) };
  const failed = new Set<string>();
  for (let round = firstRound; round <= lastRound; round++) {
    for (const [index, plan] of runnable.entries()) {
      if ((roundsDone[plan.id] ?? 0) >= round || failed.has(plan.id)) continue;
      if (context.signal?.aborted) return context.emit({ type: 'finished', interrupted: true });
      context.emit({ type: 'case-start', id: plan.id, index, total: runnable.length, round, rounds: options.rounds });
      context.collectGarbage?.();
      const measured = await measureUnlessAborted(bodies.get(plan.id) as CaseBody, perRound, context.signal);
      // An interrupted measurement is dropped: the case stops, what finished before it is kept.
      if (context.signal?.aborted) return context.emit({ type: 'finished', interrupted: true });
      if (measured.ok) context.emit({ type: 'case-round', id: plan.id, round, samplesNs: measured.samplesNs, callsPerSample: measured.callsPerSample });
      else {
        failed.add(plan.id);
        context.emit({ type: 'case-failed', id: plan.id, error: `measurement failed: ${measured.error.message}` });
      }
    }
  }
  context.emit({ type: 'finished', interrupted: false });
}
