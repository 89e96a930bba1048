import { Random } from '../datasets/random.js';
import type { LoadedCase, LoadedResult } from '../results/read.js';
import { RESULT_SCHEMA, type Environment, type ResultFile } from '../results/types.js';

/**
 * Synthetic benchmark samples from known distributions, seeded, for proving
 * what `compare` does with noise it knows the truth about (tests and
 * `npm run compare:simulate`).
 */

/**
 * - lognormal: multiplicative noise with this sigma (0.03 ≈ 3% spread).
 * - outliers: lognormal, plus a share of samples stretched 1.5–3× (GC pauses, interrupts).
 * - bimodal: lognormal around two modes, `share` of the samples `gap` times slower (a JIT tier, a cache effect).
 */
export type NoiseModel =
  | { readonly kind: 'lognormal'; readonly sigma: number }
  | { readonly kind: 'outliers'; readonly sigma: number; readonly rate: number }
  | { readonly kind: 'bimodal'; readonly sigma: number; readonly share: number; readonly gap: number }
  /**
   * A host that switches between a fast and a slow speed mode (`slow` times
   * slower) every `dwell` samples on average (samples are in time order, so a
   * mode holds for a stretch of them), plus rare outliers `outlierFactor` times
   * slower: what this project's machines do (docs/reliability.md).
   */
  | { readonly kind: 'modes'; readonly sigma: number; readonly slow: number; readonly dwell: number; readonly outlierRate: number; readonly outlierFactor: number };

export const NOISE_MODELS = {
  lognormal: { kind: 'lognormal', sigma: 0.03 },
  outliers: { kind: 'outliers', sigma: 0.03, rate: 0.03 },
  bimodal: { kind: 'bimodal', sigma: 0.03, share: 0.3, gap: 1.25 },
  // Two modes 1.5× apart, switching every ~3 s (a sample per cycle of ~0.4 s over every case of a round), 0.2% of samples 10× slower.
  modes: { kind: 'modes', sigma: 0.02, slow: 1.5, dwell: 7, outlierRate: 0.002, outlierFactor: 10 },
  // Instruction counts: 0.03% between phases of one process.
  counts: { kind: 'lognormal', sigma: 0.0003 },
} as const satisfies Record<string, NoiseModel>;

/** Seeded uniform and normal draws (Box–Muller over the datasets' sfc32 generator). */
export class SampleRandom {
  readonly #random: Random;
  #spare: number | null = null;

  constructor(seed: number) {
    this.#random = new Random(seed);
  }

  uniform(): number {
    return this.#random.float();
  }

  normal(): number {
    if (this.#spare !== null) {
      const spare = this.#spare;
      this.#spare = null;
      return spare;
    }
    const u = 1 - this.#random.float(); // (0, 1]: log(0) is never taken
    const v = this.#random.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}

export interface DrawOptions {
  readonly model: NoiseModel;
  readonly count: number;
  /** The distribution's scale (its median without outliers/second mode), e.g. ns per call. */
  readonly center: number;
  /**
   * Run structure and run-to-run noise: the samples come from `processes`
   * processes of `rounds` rounds each (default 1 × 1). Every process has its own
   * lognormal factor of sigma `processSigma` (JIT, heap layout: shared by all its
   * rounds) and every round one of sigma `roundSigma` (drift, a busy neighbour).
   */
  readonly processes?: number;
  readonly rounds?: number;
  readonly processSigma?: number;
  readonly roundSigma?: number;
}

export interface DrawnSamples {
  readonly samples: number[];
  /** Samples per round, in order (what a suite records as `extra.roundSizes`). */
  readonly roundSizes: number[];
}

export function drawSamples(random: SampleRandom, options: DrawOptions): DrawnSamples {
  const { model, count, center } = options;
  const processes = options.processes ?? 1;
  const runs = processes * (options.rounds ?? 1);
  const factors: number[] = [];
  for (let p = 0; p < processes; p++) {
    const processFactor = Math.exp((options.processSigma ?? 0) * random.normal());
    for (let r = 0; r < runs / processes; r++) factors.push(processFactor * Math.exp((options.roundSigma ?? 0) * random.normal()));
  }
  const roundSizes = factors.map((_, run) => Math.floor(((run + 1) * count) / runs) - Math.floor((run * count) / runs));
  const samples = roundSizes.flatMap((size, run) => {
    // Each round (a process) starts in a random speed mode.
    let slowMode = random.uniform() < 0.5;
    return Array.from({ length: size }, () => {
      let value = center * (factors[run] as number) * Math.exp(model.sigma * random.normal());
      if (model.kind === 'outliers' && random.uniform() < model.rate) value *= 1.5 + 1.5 * random.uniform();
      if (model.kind === 'bimodal' && random.uniform() < model.share) value *= model.gap;
      if (model.kind === 'modes') {
        if (random.uniform() < 1 / model.dwell) slowMode = !slowMode;
        if (slowMode) value *= model.slow;
        if (random.uniform() < model.outlierRate) value *= model.outlierFactor;
      }
      return value;
    });
  });
  return { samples, roundSizes };
}

/** Just the samples of {@link drawSamples}. */
export function drawValues(random: SampleRandom, options: DrawOptions): number[] {
  return drawSamples(random, options).samples;
}

export const SYNTHETIC_ENV: Environment = {
  node: 'v20.0.0',
  v8: '11.3',
  platform: 'linux',
  arch: 'x64',
  cpuModel: 'Synthetic CPU',
  cpuCount: 2,
  totalMemBytes: 8 * 2 ** 30,
};

export interface SyntheticCase {
  readonly id: string;
  readonly samples: readonly number[];
  /** Recorded as `extra.roundSizes` when there is more than one round. */
  readonly roundSizes?: readonly number[];
  readonly unit?: 'ns' | 'instructions';
}

/** A complete result file (SPEC.md shape) around the given samples. */
export function syntheticResult(cases: readonly SyntheticCase[], env: Environment = SYNTHETIC_ENV): ResultFile {
  return {
    schema: RESULT_SCHEMA,
    complete: true,
    meta: { createdAt: '2025-01-01T00:00:00.000Z', git: { sha: null, dirty: false }, env, options: { synthetic: true } },
    cases: cases.map((item) => {
      const [suite = 'codec', dataset = 'synthetic', codec = 'synthetic', op = 'encode'] = item.id.split('/');
      const extra = item.roundSizes && item.roundSizes.length > 1 ? { extra: { roundSizes: [...item.roundSizes] } } : {};
      return { id: item.id, suite: suite === 'pipeline' ? 'pipeline' : 'codec', dataset, codec, op, records: 1000, status: 'ok', unit: item.unit ?? 'ns', samples: [...item.samples], ...extra };
    }),
  };
}

/** The same file as `readResultFile` would return it (for calling compare without touching disk). */
export function asLoaded(result: ResultFile): LoadedResult {
  return {
    ...result,
    meta: { ...result.meta, env: result.meta.env, options: result.meta.options },
    cases: result.cases.map((item): LoadedCase => ({ ...item })),
  };
}
