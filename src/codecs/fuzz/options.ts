import type { SandboxOptions } from '../sandbox/sandbox.js';

export interface FuzzOptions {
  /** Codec names (default: every registered codec). */
  readonly codecs: readonly string[];
  /** Generated hostile inputs per codec. */
  readonly runs: number;
  /** fast-check seed: the same seed, codecs and corpus give the same inputs. */
  readonly seed: number;
  /** A codec's campaign stops after this long even if `runs` are not done (reported as stopped by time). */
  readonly maxSecondsPerCodec: number;
  /** Failing inputs kept (with their bytes) per codec and failure kind, for the report and replay. */
  readonly keepFailures: number;
  readonly sandbox: Partial<SandboxOptions>;
}

/** Inputs handed to the decoders are small (the seeds are at most a few KB), so any decode is fast. */
export const FUZZ_DEFAULTS: FuzzOptions = {
  codecs: [],
  runs: 10_000,
  seed: 1,
  maxSecondsPerCodec: 900,
  keepFailures: 5,
  sandbox: { timeoutMs: 3_000, maxHeapMb: 256, maxRssGrowthMb: 512 },
};

export function resolveFuzzOptions(overrides: Partial<FuzzOptions> = {}): FuzzOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<FuzzOptions>;
  return { ...FUZZ_DEFAULTS, ...defined, sandbox: { ...FUZZ_DEFAULTS.sandbox, ...defined.sandbox } };
}
