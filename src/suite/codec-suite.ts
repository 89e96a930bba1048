import { addCompressedCodecs, compressedCodecNames } from '../codecs/compression.js';
import type { Codec } from '../codecs/types.js';
import type { Dataset } from '../datasets/types.js';
import { generate } from '../datasets/types.js';
import type { Registry } from '../registry.js';
import { memcpyBody, prepareCodec } from './case-body.js';
import type { SuiteEvent } from './events.js';
import { planCodecCases, type CodecCasePlan } from './matrix.js';
import { createEngine } from './engines/registry.js';
import type { CaseBody } from './measure.js';
import { MEMCPY, type CodecSuiteOptions } from './options.js';
import { countingCostOf } from './instructions/costs.js';
import { balancedShard, selectShard } from './shard.js';
import { encodedSizes } from './sizes.js';

export interface CodecSuiteContext {
  readonly datasets: Registry<Dataset>;
  readonly codecs: Registry<Codec>;
  readonly emit: (event: SuiteEvent) => void;
  readonly signal?: AbortSignal;
  /** Called between groups so measurements start from a clean heap (global.gc under --expose-gc). */
  readonly collectGarbage?: () => void;
  /** Empties the young generation only (keeps optimized code: see the instruction engine). */
  readonly collectYoungGarbage?: () => void;
  /** Prepare (generate, gate, sizes) and report, but measure nothing. */
  readonly prepareOnly?: boolean;
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
  if (!options.shard) return plans;
  // Counts do not depend on the machine, so CI merges a side's shards before comparing: they can follow cost.
  return options.measure === 'instructions' ? balancedShard(plans, options.shard, countingCostOf()) : selectShard(plans, options.shard);
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

export interface RoundSchedule {
  /** The round (1-based) this process measures. */
  readonly round: number;
  /** Identifies this process's round: samples of cases that share it were taken side by side. */
  readonly roundId: string;
  /** Rounds each case has finished already (a restarted process skips them). */
  readonly roundsDone?: Readonly<Record<string, number>>;
  /** Compute encoded sizes (the first preparation only). */
  readonly withSizes?: boolean;
}

/**
 * Prepares the planned cases and measures them with the engine of
 * `options.measure`; reports everything as events and never throws for a case
 * (a case that fails is an event).
 */
export async function runCodecSuite(plans: readonly CodecCasePlan[], options: CodecSuiteOptions, context: CodecSuiteContext, schedule: RoundSchedule): Promise<void> {
  const codecs = await addCompressedCodecs(context.codecs, selectedCodecNames(options, context.codecs), options.compression);
  const bodies = await prepare(plans, options, { ...context, codecs }, schedule.withSizes ?? true);
  const roundsDone = schedule.roundsDone ?? {};
  const runnable = plans.filter((p) => bodies.has(p.id) && (roundsDone[p.id] ?? 0) < schedule.round);
  if (context.prepareOnly) return context.emit({ type: 'finished', interrupted: false });
  const engine = createEngine(options, {
    emit: context.emit,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.collectGarbage ? { collectGarbage: context.collectGarbage } : {}),
    ...(context.collectYoungGarbage ? { collectYoungGarbage: context.collectYoungGarbage } : {}),
  });
  context.collectGarbage?.();
  const members = runnable.map((plan) => ({ id: plan.id, body: bodies.get(plan.id) as CaseBody }));
  await engine.measure(members, { round: schedule.round, roundId: schedule.roundId });
  if (context.signal?.aborted) return context.emit({ type: 'finished', interrupted: true });
  context.emit({ type: 'finished', interrupted: false });
}
