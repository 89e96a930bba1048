import { DEFAULT_SEED } from '../datasets/types.js';

export const CODEC_OPS = ['encode', 'decode'] as const;
export type CodecOp = (typeof CODEC_OPS)[number];

/**
 * What a sample measures: `time` (wall clock, interleaved slices) answers "which
 * format is faster on my machine"; `instructions` (counted under Valgrind)
 * answers "did this change make it slower" on a noisy machine.
 */
export const MEASURES = ['time', 'instructions'] as const;
export type Measure = (typeof MEASURES)[number];

/** The baseline "codec": copying a buffer the size of the JSON payload (the machine's memory bandwidth). */
export const MEMCPY = 'memcpy';

export interface CodecSuiteOptions {
  /** Dataset names; empty means all registered. */
  readonly datasets: readonly string[];
  /** Codec names (plus `memcpy`); empty means all registered plus `memcpy`. */
  readonly codecs: readonly string[];
  readonly ops: readonly CodecOp[];
  readonly measure: Measure;
  /** Records per batch: each timed call encodes or decodes one batch of this many records. */
  readonly records: number;
  readonly seed: number;
  /**
   * Measuring time per case in ms (warm-up not included), split evenly across
   * the `rounds`; each extra round gets the same share. The cases of a group are
   * measured together and stop sooner when `precision` is reached.
   */
  readonly timeMs: number;
  /** Warm-up time per case and round in ms (JIT, inline caches), not recorded. */
  readonly warmupMs: number;
  /**
   * Each case is measured in at least this many rounds, each in a fresh process,
   * so its figures carry process-to-process noise (JIT decisions, heap layout)
   * and their run-to-run interval can be computed.
   */
  readonly rounds: number;
  /**
   * Rounds are added, up to this many, for the groups whose run-to-run interval
   * is still wider than `precision` after `rounds`, while the run stays within
   * `budgetS`.
   */
  readonly maxRounds: number;
  /**
   * Extra rounds start only while the run, with the next round (as long as the
   * last), stays within this many seconds: a small selection gets more rounds
   * than the whole suite in the same wall time. 0: no limit.
   */
  readonly budgetS: number;
  /**
   * Target half-width of every figure's 95% run-to-run interval, as a fraction
   * (0.01 = ±1%); 0 disables the extra rounds and the early stop.
   */
  readonly precision: number;
  /** A sample times enough back-to-back calls of one case to last at least this long; cases alternate slice by slice. */
  readonly sliceMs: number;
  /** At most this many samples are kept per case and round. */
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
  measure: 'time',
  records: 1000,
  seed: DEFAULT_SEED,
  timeMs: 2000,
  warmupMs: 100,
  rounds: 4,
  maxRounds: 8,
  budgetS: 170,
  precision: 0.02,
  sliceMs: 2,
  maxSamples: 400,
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

/** `--measure instructions`: how each case is counted under Valgrind (see src/suite/instructions/). */
export const INSTRUCTION_DEFAULTS = {
  /** A counted phase runs enough calls to execute at least this many instructions. */
  phaseInstructions: 30_000_000,
  /** Counted phases per case: its samples... */
  phases: 9,
  /**
   * ...fewer once the counted phases have run this many instructions, but at least
   * `minPhases`: nine phases of parquetjs-lite encoding `orders` (a billion
   * instructions a call) held its shard for over a minute more than any other case.
   */
  countedInstructions: 3_000_000_000,
  minPhases: 3,
  /**
   * Warm-up runs at least this many calls, or this many instructions, whichever
   * comes first: V8 re-optimizes some codecs' code late (protobufjs encoding
   * `log` settles 1% lower after about 35 calls), long after two phases first agree.
   */
  minWarmupCalls: 40,
  warmupInstructions: 1_500_000_000,
  /** Then warm-up phases end when two in a row agree within this fraction... */
  warmupTolerance: 0.003,
  /** ...after at least this many, and at most this many... */
  minWarmupPhases: 2,
  maxWarmupPhases: 40,
  /**
   * ...or once warm-up has run this many instructions: a case of a billion
   * instructions a call (parquetjs-lite encoding `orders`) settles its JIT in a
   * few calls, while collector work keeps its phases 0.3% apart, so it would
   * otherwise warm up for 40 calls and hold its shard three times as long.
   */
  maxWarmupInstructions: 3_000_000_000,
  /** Valgrind processes measuring at once (each is single-threaded); 0: one per core. */
  jobs: 0,
} as const;

/** The measuring child process's limits (see supervisor.ts). */
export const SUPERVISOR_DEFAULTS = {
  /** Per case: generous, since one parquet call on a large batch can take seconds. */
  caseTimeoutMs: 180_000,
  heapLimitMb: 4096,
} as const;

/** `--quick`: the same matrix with a tiny time budget (a smoke run). */
export const QUICK_OVERRIDES: Partial<CodecSuiteOptions> = { timeMs: 150, warmupMs: 40, rounds: 1, maxRounds: 1, sliceMs: 1, quick: true, brotliQuality: 5 };

export function resolveCodecSuiteOptions(overrides: Partial<CodecSuiteOptions>): CodecSuiteOptions {
  const quick = overrides.quick ? QUICK_OVERRIDES : {};
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<CodecSuiteOptions>;
  // Counting instructions: one process unless --rounds asks for more (a gate counts in two, so that a
  // process whose JIT took another path shows as spread, not as a change); no extra rounds.
  const countedRounds = defined.rounds ?? 1;
  const counted = overrides.measure === 'instructions' ? { rounds: countedRounds, maxRounds: countedRounds } : {};
  // `--rounds N` alone means N rounds: extra rounds only when --max-rounds asks for them.
  const exact = defined.rounds !== undefined && defined.maxRounds === undefined ? { maxRounds: defined.rounds } : {};
  const options = { ...CODEC_SUITE_DEFAULTS, ...quick, ...defined, ...exact, ...counted };
  return Object.freeze({ ...options, maxRounds: Math.max(options.rounds, options.maxRounds) });
}
