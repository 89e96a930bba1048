import { createPipelineRegistries } from '../pipeline/assemble.js';
import { caseId } from '../pipeline/case.js';
import { NO_CODEC, PIPELINE_DEFAULTS } from '../pipeline/constants.js';
import { expandMatrix, type MatrixBlock } from '../pipeline/matrix.js';
import { createVariantRegistry } from '../pipeline/variants/registry.js';
import { UnknownNameError } from '../registry.js';
import type { ProfileTarget } from './target.js';

/** Flags that select pipeline cases rather than codec cases. */
export const PIPELINE_FLAG_NAMES = ['variant', 'scenario', 'batch', 'workers', 'sink'] as const;

/**
 * A pipeline dimension left unselected takes one value, not all of them: every
 * combination would be dozens of cases of a minute each.
 */
export const PIPELINE_PROFILE_DEFAULTS = {
  block: { scenarios: ['encode'], datasets: ['log'], codecs: ['json'], variants: ['async'], batches: [1000], workers: [2] } satisfies MatrixBlock,
  sink: 'null',
  records: PIPELINE_DEFAULTS.records,
} as const;

export interface PipelineSelection {
  readonly datasets?: readonly string[] | undefined;
  readonly codecs?: readonly string[] | undefined;
  readonly variants?: readonly string[] | undefined;
  readonly scenarios?: readonly string[] | undefined;
  readonly batches?: readonly string[] | undefined;
  readonly workers?: readonly string[] | undefined;
  readonly sink?: string | undefined;
  readonly records?: string | undefined;
  readonly seed: number;
  /** A user's files (`--input`): their dataset names, and the flags that bring them into the pipeline command. */
  readonly inputs?: { readonly names: readonly string[]; readonly args: readonly string[] };
}

/** A number out of range in a pipeline selection: a usage mistake (exit 2). Unknown names raise UnknownNameError. */
export class PipelineSelectionError extends Error {
  override readonly name = 'PipelineSelectionError';
}

function checked(kind: string, values: readonly string[] | undefined, valid: readonly string[]): string[] | undefined {
  if (!values) return undefined;
  for (const value of values) if (!valid.includes(value)) throw new UnknownNameError(kind, value, valid);
  return [...values];
}

function wholeNumbers(flag: string, values: readonly string[] | undefined, min: number, max: number): number[] | undefined {
  return values?.map((value) => {
    const number = /^\d+$/.test(value.replace(/_/g, '')) ? Number(value.replace(/_/g, '')) : NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) throw new PipelineSelectionError(`--${flag} must be whole numbers from ${min} to ${max}, got '${value}'`);
    return number;
  });
}

function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * The pipeline cases a selection names (expanded by the pipeline suite's own
 * matrix rules, so ids match its result files), each with the flags that make
 * `bench/pipeline.ts` run exactly that case.
 */
export function planPipelineTargets(selection: PipelineSelection): ProfileTarget[] {
  const registries = createPipelineRegistries();
  const variants = createVariantRegistry();
  const sink = checked('sink', selection.sink === undefined ? undefined : [selection.sink], registries.sinks.names())?.[0] ?? PIPELINE_PROFILE_DEFAULTS.sink;
  const [records = PIPELINE_PROFILE_DEFAULTS.records] = wholeNumbers('records', selection.records === undefined ? undefined : [selection.records], 1, 100_000_000) ?? [];
  const specs = expandMatrix(
    [PIPELINE_PROFILE_DEFAULTS.block],
    {
      ...defined('scenarios', checked('scenario', selection.scenarios, registries.scenarios.names())),
      ...defined('datasets', checked('dataset', selection.datasets, [...registries.datasets.names(), ...(selection.inputs?.names ?? [])]) ?? (selection.inputs && selection.inputs.names.length > 0 ? [...selection.inputs.names] : undefined)),
      ...defined('codecs', checked('codec', selection.codecs, [...registries.codecs.names(), NO_CODEC])),
      ...defined('variants', checked('variant', selection.variants, variants.names())),
      ...defined('batches', wholeNumbers('batch', selection.batches, 1, 1_000_000)),
      ...defined('workers', wholeNumbers('workers', selection.workers, 1, 64)),
    },
    records,
    registries,
    variants,
  );
  return specs.map((spec) => {
    const args = ['--scenario', spec.scenario, '--dataset', spec.dataset, '--codec', spec.codec, '--variant', spec.variant, '--batch', String(spec.batchSize), '--sink', sink, '--records', String(spec.records), '--seed', String(selection.seed)];
    if (spec.workers > 0) args.push('--workers', String(spec.workers));
    if (selection.inputs) args.push(...selection.inputs.args);
    return { kind: 'pipeline', id: caseId(spec), args, description: { ...spec, sink } };
  });
}
