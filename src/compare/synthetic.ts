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
  | { readonly kind: 'bimodal'; readonly sigma: number; readonly share: number; readonly gap: number };

export const NOISE_MODELS = {
  lognormal: { kind: 'lognormal', sigma: 0.03 },
  outliers: { kind: 'outliers', sigma: 0.03, rate: 0.03 },
  bimodal: { kind: 'bimodal', sigma: 0.03, share: 0.3, gap: 1.25 },
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
   * Run-to-run noise: the samples come in this many rounds (processes), each
   * with its own lognormal factor of sigma `roundSigma`. Default: one round, none.
   */
  readonly rounds?: number;
  readonly roundSigma?: number;
}

export function drawSamples(random: SampleRandom, options: DrawOptions): number[] {
  const { model, count, center } = options;
  const rounds = options.rounds ?? 1;
  const roundFactors = Array.from({ length: rounds }, () => Math.exp((options.roundSigma ?? 0) * random.normal()));
  return Array.from({ length: count }, (_, index) => {
    const roundFactor = roundFactors[Math.floor((index * rounds) / count)] as number;
    let value = center * roundFactor * Math.exp(model.sigma * random.normal());
    if (model.kind === 'outliers' && random.uniform() < model.rate) value *= 1.5 + 1.5 * random.uniform();
    if (model.kind === 'bimodal' && random.uniform() < model.share) value *= model.gap;
    return value;
  });
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

/** A complete result file (SPEC.md shape) around the given samples. */
export function syntheticResult(cases: readonly { id: string; samples: readonly number[] }[], env: Environment = SYNTHETIC_ENV): ResultFile {
  return {
    schema: RESULT_SCHEMA,
    complete: true,
    meta: { createdAt: '2025-01-01T00:00:00.000Z', git: { sha: null, dirty: false }, env, options: { synthetic: true } },
    cases: cases.map((item) => {
      const [suite = 'codec', dataset = 'synthetic', codec = 'synthetic', op = 'encode'] = item.id.split('/');
      return { id: item.id, suite: suite === 'pipeline' ? 'pipeline' : 'codec', dataset, codec, op, records: 1000, status: 'ok', unit: 'ns', samples: [...item.samples] };
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
