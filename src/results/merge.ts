import { summarize } from '../stats/summary.js';
import { SET_ASIDE_FIELD } from './figures.js';
import { failureKind } from './failure.js';
import type { LoadedCase, LoadedResult } from './read.js';
import { mergePipelineBlocks } from './merge-pipeline.js';
import { poolCaseParts, type CasePart } from './pool.js';
import type { Environment } from './types.js';

/**
 * Joins result files into one: the shards of a sharded run (`--shard I/N`), or
 * repeated runs of the same cases in separate processes (`concatSamples`), which
 * gives each case samples from several processes and so captures run-to-run
 * noise that one process cannot show.
 */

export interface MergeOptions {
  /** Join cases that appear in several files by concatenating their samples (rounds from separate processes). */
  readonly concatSamples: boolean;
  /** Accept files from different environments (node, V8, platform, CPU model, core count). */
  readonly allowMixedEnv: boolean;
  /** Accept files from different git commits. */
  readonly allowMixedCommits: boolean;
}

export const MERGE_DEFAULTS: MergeOptions = Object.freeze({ concatSamples: false, allowMixedEnv: false, allowMixedCommits: false });

export interface MergeInput {
  /** How the file was named (its path). */
  readonly label: string;
  readonly result: LoadedResult;
}

/** Files that cannot be merged as asked; the message is one line. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

const ENV_FIELDS: readonly (keyof Environment)[] = ['node', 'v8', 'platform', 'arch', 'cpuModel', 'cpuCount'];

function environmentKey(result: LoadedResult): string {
  return JSON.stringify(ENV_FIELDS.map((field) => result.meta.env[field] ?? null));
}

function checkEnvironments(inputs: readonly MergeInput[], options: MergeOptions): boolean {
  const first = inputs[0] as MergeInput;
  const other = inputs.find((input) => environmentKey(input.result) !== environmentKey(first.result));
  if (other && !options.allowMixedEnv) {
    const fields = ENV_FIELDS.filter((field) => (first.result.meta.env[field] ?? null) !== (other.result.meta.env[field] ?? null));
    const detail = fields.map((field) => `${field} ${JSON.stringify(first.result.meta.env[field] ?? null)} vs ${JSON.stringify(other.result.meta.env[field] ?? null)}`).join('; ');
    throw new MergeError(`${first.label} and ${other.label} come from different environments (${detail}); pass --allow-mixed-env to merge them anyway`);
  }
  return other !== undefined;
}

function checkCommits(inputs: readonly MergeInput[], options: MergeOptions): void {
  const first = inputs[0] as MergeInput;
  const sha = (input: MergeInput) => input.result.meta.git?.sha ?? null;
  const other = inputs.find((input) => sha(input) !== sha(first));
  if (other && !options.allowMixedCommits) {
    throw new MergeError(`${first.label} and ${other.label} come from different commits (${sha(first) ?? 'none'} vs ${sha(other) ?? 'none'}); pass --allow-mixed-commits to merge them anyway`);
  }
}

/** Scales a throughput figure by how the median moved (throughput is per unit of time). */
function scaledThroughput(first: LoadedCase, oldMedian: number, newMedian: number): unknown {
  const throughput = first.throughput;
  if (typeof throughput !== 'object' || throughput === null || !(oldMedian > 0 && newMedian > 0)) return throughput;
  const factor = oldMedian / newMedian;
  return Object.fromEntries(Object.entries(throughput).map(([key, value]) => [key, typeof value === 'number' ? value * factor : value]));
}

function joinCases(label: string, parts: readonly CasePart[]): LoadedCase {
  const [first] = parts;
  if (!first) throw new MergeError(`no parts for case "${label}"`);
  const unit = parts.find((part) => part.item.unit !== first.item.unit);
  if (unit) throw new MergeError(`case "${label}" has unit ${first.item.unit} in ${first.label} but ${unit.item.unit} in ${unit.label}: merge runs made with the same --measure`);
  const { ran, samples, roundSizes, roundIds, setAsideRounds, failure } = poolCaseParts(parts);
  const stats = summarize(samples);
  const base = ran[0]?.item ?? first.item;
  const oldMedian = summarize(base.samples).median;
  const throughput = scaledThroughput(base, oldMedian, stats.median);
  const pipeline = mergePipelineBlocks(ran.flatMap((part) => (isRecord(part.item.pipeline) ? [{ block: part.item.pipeline, samples: part.item.samples }] : [])));
  const joined = {
    ...base,
    samples,
    stats,
    ...(throughput !== undefined ? { throughput } : {}),
    ...(pipeline !== undefined ? { pipeline } : {}),
    extra: {
      ...(isRecord(base.extra) ? base.extra : {}),
      // Which file each run of samples came from, and the runs (each file's rounds, or the whole
      // file) in order, so compare can see process-to-process noise (see segments.ts).
      mergedFrom: ran.map((part) => part.label),
      sampleCounts: ran.map((part) => part.item.samples.length),
      roundSizes,
      // Rounds measured side by side with other cases keep their ids (pairing, results/figures.ts); others get none.
      roundIds,
      // Rounds a run set aside stay set aside (results/figures.ts).
      ...(setAsideRounds.length > 0 ? { [SET_ASIDE_FIELD]: setAsideRounds } : {}),
    },
  };
  if (!failure) return { ...joined, status: 'ok' };
  // One failed run makes the case failed: a crash in one process is not hidden by samples from another.
  const kind = failureKind(failure.item);
  return { ...joined, status: failure.item.status, error: `${failure.label}: ${failure.item.error ?? failure.item.status}`, ...(kind ? { failure: kind } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges result files into one. Throws {@link MergeError} (one line) when they cannot be merged as asked. */
export function mergeResults(inputs: readonly MergeInput[], overrides: Partial<MergeOptions> = {}): LoadedResult {
  const options: MergeOptions = { ...MERGE_DEFAULTS, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const first = inputs[0];
  if (!first) throw new MergeError('merge needs at least one result file');
  const schema = inputs.find((input) => input.result.schema !== first.result.schema);
  if (schema) throw new MergeError(`${first.label} has schema ${first.result.schema} but ${schema.label} has ${schema.result.schema}`);
  const mixedEnv = checkEnvironments(inputs, options);
  checkCommits(inputs, options);

  const parts = new Map<string, CasePart[]>();
  for (const input of inputs) {
    for (const item of input.result.cases) {
      const existing = parts.get(item.id);
      if (existing && !options.concatSamples) {
        throw new MergeError(`case "${item.id}" is in both ${existing[0]?.label} and ${input.label}: shards must not overlap (pass --concat-samples to join repeated runs of the same cases)`);
      }
      parts.set(item.id, [...(existing ?? []), { label: input.label, item }]);
    }
  }
  const cases = [...parts.entries()].map(([id, caseParts]) => (caseParts.length === 1 ? (caseParts[0]?.item as LoadedCase) : joinCases(id, caseParts)));

  const createdAt = inputs.map((input) => input.result.meta.createdAt ?? '').reduce((latest, value) => (value > latest ? value : latest), '');
  const { shard: _shard, ...options0 } = first.result.meta.options;
  const meta = {
    ...first.result.meta,
    ...(createdAt ? { createdAt } : {}),
    git: { ...first.result.meta.git, sha: first.result.meta.git?.sha ?? null, dirty: inputs.some((input) => input.result.meta.git?.dirty === true) },
    options: {
      ...options0,
      merged: {
        files: inputs.map((input) => input.label),
        shards: inputs.map((input) => input.result.meta.options.shard ?? null),
        concatSamples: options.concatSamples,
        ...(mixedEnv ? { environments: inputs.map((input) => ({ file: input.label, ...input.result.meta.env })) } : {}),
      },
    },
  };
  return { ...first.result, complete: inputs.every((input) => input.result.complete), meta, cases };
}
