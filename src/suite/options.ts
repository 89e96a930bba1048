import { DEFAULT_SEED } from '../datasets/types.js';

export const CODEC_OPS = ['encode', 'decode'] as const;
export type CodecOp = (typeof CODEC_OPS)[number];

/** The baseline "codec": copying a buffer the size of the JSON payload (the machine's memory bandwidth). */
export const MEMCPY = 'memcpy';

export interface CodecSuiteOptions {
  /** Dataset names; empty means all registered. */
  readonly datasets: readonly string[];
  /** Codec names (plus `memcpy`); empty means all registered plus `memcpy`. */
  readonly codecs: readonly string[];
  readonly ops: readonly CodecOp[];
  /** Records per batch: each timed call encodes or decodes one batch of this many records. */
  readonly records: number;
  readonly seed: number;
  /** Measuring time per case in ms, split across the rounds. */
  readonly timeMs: number;
  /** Warm-up time per case and round in ms (JIT, inline caches), not recorded. */
  readonly warmupMs: number;
  /**
   * Each case's samples come from this many interleaved rounds over the whole
   * matrix, so they capture drift across the run (thermal, other processes),
   * not only iteration-to-iteration noise.
   */
  readonly rounds: number;
  /** A sample times enough back-to-back calls to last at least this long (loop and timer overhead stay small). */
  readonly minSampleMs: number;
  /** At most this many samples are kept per case (longer samples are taken instead). */
  readonly maxSamples: number;
  readonly quick: boolean;
  /** Brotli quality for the sizes column (gzip is always level 6). */
  readonly brotliQuality: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /**
   * Compressor names (`--compression gzip-6,zstd-3`): every codec of the run is
   * also measured composed with each, as the codec `<codec>-<compressor>`.
   */
  readonly compression: readonly string[];
}

export const CODEC_SUITE_DEFAULTS: CodecSuiteOptions = {
  datasets: [],
  codecs: [],
  ops: CODEC_OPS,
  records: 1000,
  seed: DEFAULT_SEED,
  timeMs: 2000,
  warmupMs: 200,
  rounds: 3,
  minSampleMs: 2,
  maxSamples: 600,
  quick: false,
  brotliQuality: 11,
  compression: [],
};

/** `--codec all`: every registered codec plus the memcpy baseline. */
export const ALL_CODECS = 'all';

/**
 * What `npm run bench` measures when no --codec is given: the design's three
 * formats (JSON; Protobuf as protobufjs static code and reflection; Parquet as
 * parquetjs-lite) and one codec of each other family (MessagePack, Avro, Arrow),
 * plus memcpy: 45 cases, under 3 minutes on 2 cores. `--quick` and `--codec all`
 * measure every registered codec.
 */
export const DEFAULT_SUITE_CODECS: readonly string[] = ['json', 'protobuf', 'protobuf-reflect', 'parquet', 'msgpack', 'avro', 'arrow', MEMCPY];

/**
 * The codecs a run measures: the ones asked for; every one for `all` or
 * `--quick`; otherwise the default set. `always` (codecs a user loaded with
 * --plugin) are measured whenever the set is not given explicitly.
 */
export function selectSuiteCodecs(requested: readonly string[] | undefined, registered: readonly string[], quick: boolean, always: readonly string[] = []): string[] {
  if (requested && !requested.includes(ALL_CODECS)) return [...requested];
  if (requested || quick) return [...registered, MEMCPY];
  const defaults = DEFAULT_SUITE_CODECS.filter((name) => name !== MEMCPY && registered.includes(name));
  return [...defaults, ...always.filter((name) => !defaults.includes(name)), MEMCPY];
}

/** The measuring child process's limits (see supervisor.ts). */
export const SUPERVISOR_DEFAULTS = {
  /** Per case: generous, since one parquet call on a large batch can take seconds. */
  caseTimeoutMs: 180_000,
  heapLimitMb: 4096,
} as const;

/** `--quick`: the same matrix with a tiny time budget (a smoke run). */
export const QUICK_OVERRIDES: Partial<CodecSuiteOptions> = { timeMs: 150, warmupMs: 40, rounds: 1, minSampleMs: 1, quick: true, brotliQuality: 5 };

export function resolveCodecSuiteOptions(overrides: Partial<CodecSuiteOptions>): CodecSuiteOptions {
  const quick = overrides.quick ? QUICK_OVERRIDES : {};
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<CodecSuiteOptions>;
  return Object.freeze({ ...CODEC_SUITE_DEFAULTS, ...quick, ...defined });
}
