import fc from 'fast-check';
import type { Dataset } from '../../datasets/types.js';
import type { Registry } from '../../registry.js';
import { DecodeSandbox } from '../sandbox/sandbox.js';
import type { Codec } from '../types.js';
import { buildCorpus } from './corpus.js';
import { hostileInputs, MUTATION_KINDS, type HostileInput, type MutationKind } from './mutations.js';
import type { FuzzOptions } from './options.js';
import { FAILURE_KINDS, judge, messageShape, type FailureKind } from './verdict.js';

export interface Tally {
  inputs: number;
  decoded: number;
  rejected: number;
  failed: number;
}

export interface FailureRecord {
  /** Position in the codec's generated sequence (-1 for an external file), to regenerate it with the same seed. */
  readonly index: number;
  readonly kind: MutationKind | 'external-file';
  readonly dataset: string;
  readonly origin: string;
  readonly detail: string;
  readonly failure: FailureKind;
  readonly what: string;
  readonly bytes: Uint8Array;
}

export interface CodecFuzzReport {
  readonly codec: string;
  readonly datasets: readonly string[];
  readonly skipped: ReadonlyArray<{ readonly dataset: string; readonly reason: string }>;
  readonly seeds: number;
  readonly requested: number;
  /** Every input handed to the decoder, generated and external; equals decoded + rejected + failed. */
  readonly total: Tally;
  readonly byKind: Readonly<Record<string, Tally>>;
  readonly failuresByKind: Readonly<Record<FailureKind, number>>;
  /** The first few failing inputs of each failure kind. */
  readonly failures: readonly FailureRecord[];
  /** The most frequent rejection messages, numbers folded, with counts: what users read. */
  readonly messages: ReadonlyArray<{ readonly shape: string; readonly count: number; readonly example: string }>;
  readonly slowestDecodeMs: number;
  readonly seconds: number;
  readonly workerRestarts: number;
  readonly stoppedBy: 'count' | 'time' | 'interrupt';
}

export interface ExternalInput {
  readonly dataset: string;
  readonly origin: string;
  readonly bytes: Uint8Array;
}

export type FuzzEvent = { readonly type: 'codec'; readonly codec: string } | { readonly type: 'progress'; readonly codec: string; readonly done: number; readonly total: number };

export interface FuzzDeps {
  readonly codecs: Registry<Codec>;
  readonly datasets: Registry<Dataset>;
  /** Files from other implementations, fed to every codec before the generated inputs. */
  readonly external?: readonly ExternalInput[];
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: FuzzEvent) => void;
}

const CHUNK = 250;
const PROGRESS_EVERY = 500;

function emptyTally(): Tally {
  return { inputs: 0, decoded: 0, rejected: 0, failed: 0 };
}

/** Seeds for successive chunks of one sequence (fc.sample is deterministic per seed). */
function chunkSeed(seed: number, chunk: number): number {
  return (seed + Math.imul(chunk, 0x9e3779b1)) | 0;
}

/** The generated inputs of one codec, in order, a chunk at a time so memory stays flat. */
function* generatedInputs(arbitrary: fc.Arbitrary<HostileInput>, seed: number, runs: number): Generator<HostileInput> {
  for (let chunk = 0; chunk * CHUNK < runs; chunk++) {
    const count = Math.min(CHUNK, runs - chunk * CHUNK);
    yield* fc.sample(arbitrary, { seed: chunkSeed(seed, chunk), numRuns: count });
  }
}

/** Regenerates input `index` of a codec's sequence (for replaying a reported failure). */
export function regenerateInput(arbitrary: fc.Arbitrary<HostileInput>, seed: number, index: number): HostileInput | undefined {
  const chunk = Math.floor(index / CHUNK);
  return fc.sample(arbitrary, { seed: chunkSeed(seed, chunk), numRuns: CHUNK })[index % CHUNK];
}

/** Feeds one codec's decoder its hostile inputs in a sandbox and accounts for every one. */
export async function fuzzCodec(codec: Codec, options: FuzzOptions, deps: FuzzDeps): Promise<CodecFuzzReport> {
  const started = performance.now();
  const corpus = await buildCorpus(codec, deps.codecs.all(), deps.datasets.all());
  const supported = new Set(corpus.seeds.map((s) => s.dataset));
  const arbitrary = hostileInputs(corpus);
  const sandbox = new DecodeSandbox(options.sandbox);
  const total = emptyTally();
  const byKind: Record<string, Tally> = Object.fromEntries([...MUTATION_KINDS, 'external-file'].map((k) => [k, emptyTally()]));
  const failuresByKind = Object.fromEntries(FAILURE_KINDS.map((k) => [k, 0])) as Record<FailureKind, number>;
  const failures: FailureRecord[] = [];
  const messages = new Map<string, { count: number; example: string }>();
  let slowest = 0;
  let stoppedBy: CodecFuzzReport['stoppedBy'] = 'count';
  const deadline = started + options.maxSecondsPerCodec * 1000;

  const external = (deps.external ?? []).filter((e) => supported.has(e.dataset));
  const inputs = function* (): Generator<[number, HostileInput | (ExternalInput & { kind: 'external-file'; detail: string })]> {
    for (const e of external) yield [-1, { ...e, kind: 'external-file', detail: 'file written by another implementation' }];
    let index = 0;
    for (const input of generatedInputs(arbitrary, options.seed, options.runs)) yield [index++, input];
  };
  const planned = external.length + options.runs;

  try {
    deps.onEvent?.({ type: 'codec', codec: codec.name });
    for (const [index, input] of inputs()) {
      if (deps.signal?.aborted) {
        stoppedBy = 'interrupt';
        break;
      }
      if (performance.now() > deadline) {
        stoppedBy = 'time';
        break;
      }
      const outcome = await sandbox.decode(codec.name, input.dataset, input.bytes);
      if ((outcome.status === 'decoded' || outcome.status === 'threw') && outcome.ms > slowest) slowest = outcome.ms;
      const verdict = judge(codec.name, outcome);
      const kindTally = byKind[input.kind] ?? emptyTally();
      total.inputs++;
      kindTally.inputs++;
      if (verdict.kind === 'decoded') {
        total.decoded++;
        kindTally.decoded++;
      } else if (verdict.kind === 'rejected') {
        total.rejected++;
        kindTally.rejected++;
        const shape = messageShape(verdict.message);
        const seen = messages.get(shape);
        if (seen) seen.count++;
        else messages.set(shape, { count: 1, example: verdict.message });
      } else {
        total.failed++;
        kindTally.failed++;
        failuresByKind[verdict.failure]++;
        if (failures.filter((f) => f.failure === verdict.failure).length < options.keepFailures) {
          failures.push({ index, kind: input.kind, dataset: input.dataset, origin: input.origin, detail: input.detail, failure: verdict.failure, what: verdict.detail, bytes: input.bytes });
        }
      }
      if (total.inputs % PROGRESS_EVERY === 0) deps.onEvent?.({ type: 'progress', codec: codec.name, done: total.inputs, total: planned });
    }
  } finally {
    await sandbox.close();
  }
  return {
    codec: codec.name,
    datasets: [...supported],
    skipped: corpus.skipped,
    seeds: corpus.seeds.length + corpus.hostile.length,
    requested: options.runs,
    total,
    byKind,
    failuresByKind,
    failures,
    messages: [...messages.entries()]
      .map(([shape, { count, example }]) => ({ shape, count, example }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 12),
    slowestDecodeMs: Math.round(slowest * 10) / 10,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    workerRestarts: sandbox.restarts,
    stoppedBy,
  };
}

/** Every selected codec in turn (one sandbox at a time, so a memory spike is attributed to the right decoder). */
export async function runFuzzCampaign(options: FuzzOptions, deps: FuzzDeps): Promise<CodecFuzzReport[]> {
  const reports: CodecFuzzReport[] = [];
  for (const codec of deps.codecs.select(options.codecs)) {
    if (deps.signal?.aborted) break;
    reports.push(await fuzzCodec(codec, options, deps));
  }
  return reports;
}

/** True when every input is accounted for as decoded, rejected or failed. */
export function accountedFor(tally: Tally): boolean {
  return tally.inputs === tally.decoded + tally.rejected + tally.failed;
}
