import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { addCodecPlugins } from '../codecs/plugins.js';
import { bindCodec, createCodecRegistry } from '../codecs/registry.js';
import type { DecodeOutcome } from '../codecs/sandbox/protocol.js';
import { DecodeSandbox } from '../codecs/sandbox/sandbox.js';
import { describeThrown, type Codec } from '../codecs/types.js';
import { describeFailure } from '../fidelity/gate.js';
import { INPUT_DEFAULTS, resolveInput } from '../inputs/resolve.js';
import { schemaDocument } from '../inputs/schema-file.js';
import { InputError } from '../inputs/types.js';
import { INPUT_FLAGS, INPUT_HELP, inputLines, inputRequests, loadRunInputs } from './inputs.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import type { RecordSchema } from '../datasets/schema.js';
import { DEFAULT_SEED, generate } from '../datasets/types.js';
import { plural } from '../report/format.js';
import { writeFileAtomic } from '../results/write.js';
import { checkNames, integerFlag, parseFlags, stringFlag, type FlagSpec, type ParsedFlags } from './args.js';
import { CommandFailure, UsageError } from './errors.js';
import { INTERRUPTED_EXIT_CODE, onInterrupt } from './interrupt.js';
import { checkOutputs } from './output-paths.js';

/** Defaults of `npm run cli -- encode|decode`, in one place. */
export const CODEC_FILE_DEFAULTS = {
  seed: DEFAULT_SEED,
  /** encode builds the whole batch in memory (the Codec interface encodes batches), so N is capped. */
  maxRecords: 500_000,
  /** A decode that takes longer than this is stopped and reported. */
  timeoutSeconds: 120,
  /** The decoder process's V8 heap limit; resident memory may grow to twice this. */
  heapLimitMb: 4_096,
} as const;

const SUBCOMMANDS = ['encode', 'decode', 'schema'] as const;

const encodeFlags = {
  codec: { type: 'string' },
  dataset: { type: 'string' },
  records: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  plugin: { type: 'string', multiple: true },
  ...INPUT_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const satisfies FlagSpec;

const decodeFlags = {
  codec: { type: 'string' },
  dataset: { type: 'string' },
  in: { type: 'string' },
  timeout: { type: 'string' },
  'heap-limit': { type: 'string' },
  plugin: { type: 'string', multiple: true },
  ...INPUT_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const satisfies FlagSpec;

const schemaFlags = { ...INPUT_FLAGS, help: { type: 'boolean', short: 'h' } } as const satisfies FlagSpec;

export const CODEC_FILE_HELP = `npm run cli -- encode --codec C --dataset D --records N --out FILE [--seed S]
    write N generated records (N <= ${CODEC_FILE_DEFAULTS.maxRecords}) in codec C's encoding; the file appears whole or not at all,
    and only when a fresh decoder reads it back (msgpack-shared, whose record structures live outside
    its messages, cannot be written as a file on its own)
npm run cli -- decode --codec C [--dataset D] --in FILE [--timeout SECONDS] [--heap-limit MB]
    decode FILE and print its record count, or one line saying what is wrong (exit 1)
    --dataset picks the schema that schema-based codecs (protobuf, avro, ...) need; without it the
    dataset is taken from the file name (log-1000.pb -> log), and decode asks for it when the name does not say
    the decode runs in a child process, stopped after --timeout or past --heap-limit
    a self-describing file (Parquet, Arrow IPC, Avro container, JSON, NDJSON, CSV, TSV) needs no --dataset: its own schema is used
npm run cli -- encode|decode --input FILE ...   your own records as the dataset (encode: all of them up to the cap without --records)
npm run cli -- schema --input FILE [--schema FILE]
    print the schema serbench infers for FILE (or reads from --schema) in its own format: edit it and pin it with --schema
  --seed S          encode: dataset seed (default ${CODEC_FILE_DEFAULTS.seed})
  --timeout S       decode: seconds before a decode is stopped (default ${CODEC_FILE_DEFAULTS.timeoutSeconds})
  --heap-limit MB   decode: the decoder process's heap limit (default ${CODEC_FILE_DEFAULTS.heapLimitMb})
  --plugin FILE     a codec module of your own (repeatable)
${INPUT_HELP}`;

function requireFlag(flags: ParsedFlags, name: string, command: string): string {
  const value = stringFlag(flags, name);
  if (value === undefined || value === '') throw new UsageError(`${command} needs --${name}; run 'npm run cli -- --help' for usage`);
  return value;
}

function plugins(flags: ParsedFlags): string[] {
  const value = flags.values.plugin as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The dataset a file name names as a word (`orders-1000.parquet`, `log.pb`), when exactly one does. */
export function datasetFromFileName(path: string, datasets: readonly string[]): string | undefined {
  const words = new Set(basename(path).toLowerCase().split(/[^a-z0-9]+/));
  const named = datasets.filter((d) => words.has(d));
  return named.length === 1 ? named[0] : undefined;
}

async function codecRegistry(flags: ParsedFlags) {
  return addCodecPlugins(createCodecRegistry(), plugins(flags));
}

export async function runEncode(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, encodeFlags);
  if (flags.values.help === true) {
    process.stdout.write(`${CODEC_FILE_HELP}\n`);
    return 0;
  }
  const codecs = await codecRegistry(flags);
  const requests = inputRequests(flags);
  const [codecName] = checkNames('codec', [requireFlag(flags, 'codec', 'encode')], codecs.names()) ?? [];
  const asked = integerFlag(flags, 'records', { min: 0, max: CODEC_FILE_DEFAULTS.maxRecords });
  if (asked === undefined && requests.length === 0) throw new UsageError(`encode needs --records N (0 to ${CODEC_FILE_DEFAULTS.maxRecords})`);
  const seed = integerFlag(flags, 'seed', { min: 0, max: 2 ** 32 - 1 }) ?? CODEC_FILE_DEFAULTS.seed;
  const out = requireFlag(flags, 'out', 'encode');
  checkOutputs([{ label: '--out', path: out, kind: 'file' }]);
  const inputs = requests.length > 0 ? await loadRunInputs(requests, asked ?? CODEC_FILE_DEFAULTS.maxRecords) : undefined;
  const datasets = inputs?.datasets ?? createDatasetRegistry();
  const [datasetName] = checkNames('dataset', [stringFlag(flags, 'dataset') === undefined && inputs?.names.length === 1 ? (inputs.names[0] as string) : requireFlag(flags, 'dataset', 'encode')], datasets.names()) ?? [];
  const codec = codecs.get(codecName ?? '');
  const dataset = datasets.get(datasetName ?? '');
  // A user's file gives what it has: all of it (up to the cap) without --records.
  const records = Math.min(asked ?? CODEC_FILE_DEFAULTS.maxRecords, dataset.available ?? asked ?? CODEC_FILE_DEFAULTS.maxRecords);

  const interrupt = onInterrupt(() => undefined);
  try {
    let bytes: Uint8Array;
    try {
      // Records are made lazily by the dataset but a codec encodes a whole batch, so the
      // batch is built once and let go before the file is written.
      bytes = await bindCodec(codec, dataset.schema).encode(generate(dataset, records, seed));
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new CommandFailure(describeFailure(error, dataset.provenance !== undefined));
    }
    if (interrupt.signal.aborted) return INTERRUPTED_EXIT_CODE;
    const unreadable = await readBackProblem(codec, dataset.schema, bytes, records);
    if (unreadable) throw new CommandFailure(`${codec.name}: not writing ${out}: ${unreadable}`);
    try {
      writeFileAtomic(out, bytes);
    } catch (error) {
      throw new CommandFailure(`cannot write ${out}: ${describeThrown(error)}`);
    }
    process.stdout.write(`wrote ${records} ${dataset.name} records as ${codec.name} to ${out} (${bytes.length} bytes${dataset.provenance ? `, from ${dataset.provenance.file}` : `, seed ${seed}`})\n`);
    return 0;
  } finally {
    interrupt.dispose();
  }
}

/**
 * A file the CLI writes must be one it reads: a fresh decoder (as `decode` uses,
 * sharing nothing with the encoder) must give back as many records. Codecs that keep
 * state outside their messages (msgpackr's shared structures) fail here.
 */
export async function readBackProblem(codec: Codec, schema: RecordSchema, bytes: Uint8Array, records: number): Promise<string | undefined> {
  let decoded: number;
  try {
    decoded = (await bindCodec(codec, schema).decode(bytes)).length;
  } catch (error) {
    return `a fresh ${codec.name} decoder cannot read it back (${describeThrown(error)}); the codec keeps what its messages need outside them (${codec.description})`;
  }
  return decoded === records ? undefined : `a fresh ${codec.name} decoder reads back ${decoded} records of the ${records} written`;
}

/**
 * What an empty file is for a codec: a valid batch of no records when the codec
 * encodes none as 0 bytes (Protobuf's empty repeated field, NDJSON's no lines),
 * otherwise a file that is empty, said in those words whatever the codec.
 */
export async function emptyFileProblem(codec: Codec, schema: RecordSchema): Promise<string | undefined> {
  const none = await bindCodec(codec, schema).encode([]);
  return none.length === 0 ? undefined : `the file is empty (0 bytes), not ${codec.name} data (${codec.name} encodes even 0 records in ${plural(none.length, 'byte')})`;
}

function readInput(path: string): Uint8Array {
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`--in ${path} is a directory, not a file`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`--in ${path}: no such file`);
    throw new CommandFailure(`cannot read ${path}: ${describeThrown(error)}`);
  }
}

/**
 * The schema a self-describing file brings (Parquet, Arrow IPC, Avro container, JSON,
 * NDJSON, CSV, TSV): read from its records as `--input` would. A file of no such
 * type still needs --dataset.
 */
async function ownSchema(path: string, datasets: readonly string[]): Promise<RecordSchema> {
  try {
    readInput(path);
    return (await resolveInput({ path, name: 'decoded' }, { records: INPUT_DEFAULTS.inferRecords, reserved: [] })).schema;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (/unknown file type|Protobuf binary needs/.test(error.message)) {
      throw new UsageError(`decode needs --dataset (${datasets.join(', ')}) or --input: codecs such as protobuf and avro need the schema, and '${basename(path)}' neither names a dataset nor is a self-describing file (.parquet .arrow .avro .json .ndjson .csv .tsv)`);
    }
    throw new CommandFailure(error.message);
  }
}

/** `npm run cli -- schema --input FILE`: the schema serbench infers (or reads with --schema), in the format --schema reads. */
export async function runSchema(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, schemaFlags);
  if (flags.values.help === true) {
    process.stdout.write(`${CODEC_FILE_HELP}\n`);
    return 0;
  }
  const requests = inputRequests(flags);
  if (requests.length !== 1) throw new UsageError('schema needs one --input FILE (and optionally --schema FILE to check it against)');
  const inputs = await loadRunInputs(requests, INPUT_DEFAULTS.inferRecords);
  const spec = inputs.specs[0];
  if (!spec) throw new UsageError('schema needs one --input FILE');
  for (const line of inputLines(inputs, INPUT_DEFAULTS.inferRecords)) process.stderr.write(`${line}\n`);
  process.stdout.write(`${JSON.stringify(schemaDocument(spec.schema), null, 2)}\n`);
  return 0;
}

/** The avro codec reads bare Avro binary; an object container file (what Avro files on disk are) is avro-container's. */
function containerHint(codec: string, bytes: Uint8Array): string {
  const container = bytes[0] === 0x4f && bytes[1] === 0x62 && bytes[2] === 0x6a && bytes[3] === 0x01;
  return codec === 'avro' && container ? " (this is an Avro object container file; the avro codec reads bare Avro binary, as 'cli encode --codec avro' writes it; read it with --codec avro-container)" : '';
}

/** One line a user can act on, for every way a sandboxed decode can end badly. */
export function describeDecodeFailure(codec: string, outcome: Exclude<DecodeOutcome, { status: 'decoded' }>, limits: { timeoutSeconds: number; heapLimitMb: number }): string {
  switch (outcome.status) {
    case 'threw':
      return outcome.thrown.message.startsWith(`${codec}: `) ? outcome.thrown.message : `${codec}: decode failed: ${outcome.thrown.message}`;
    case 'timeout':
      return `${codec}: decode gave no answer within ${limits.timeoutSeconds} s and was stopped (a corrupt file can make a decoder loop; raise the limit with --timeout)`;
    case 'out-of-memory':
      return `${codec}: decode ran out of memory (${outcome.detail}); a corrupt length can cause this; raise the limit with --heap-limit`;
    case 'crashed':
      return `${codec}: the decoder crashed: ${outcome.detail}`;
    case 'polluted':
      return `${codec}: decoding the file changed a built-in prototype (${outcome.detail}); the result was discarded`;
    case 'bad-result':
      return `${codec}: ${outcome.detail}`;
  }
}

export async function runDecode(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, decodeFlags);
  if (flags.values.help === true) {
    process.stdout.write(`${CODEC_FILE_HELP}\n`);
    return 0;
  }
  const codecs = await codecRegistry(flags);
  const requests = inputRequests(flags);
  const inputs = requests.length > 0 ? await loadRunInputs(requests, INPUT_DEFAULTS.inferRecords) : undefined;
  const datasets = inputs?.datasets ?? createDatasetRegistry();
  const [codecName = ''] = checkNames('codec', [requireFlag(flags, 'codec', 'decode')], codecs.names()) ?? [];
  const input = requireFlag(flags, 'in', 'decode');
  const datasetFlag = checkNames('dataset', stringFlag(flags, 'dataset') === undefined ? undefined : [requireFlag(flags, 'dataset', 'decode')], datasets.names())?.[0] ?? (inputs?.names.length === 1 ? inputs.names[0] : undefined);
  const timeoutSeconds = integerFlag(flags, 'timeout', { min: 1, max: 86_400 }) ?? CODEC_FILE_DEFAULTS.timeoutSeconds;
  const heapLimitMb = integerFlag(flags, 'heap-limit', { min: 64, max: 65_536 }) ?? CODEC_FILE_DEFAULTS.heapLimitMb;
  const fromName = datasetFlag === undefined ? datasetFromFileName(input, datasets.names()) : undefined;
  const named = datasetFlag ?? fromName;
  const dataset: string | RecordSchema = named === undefined ? await ownSchema(input, datasets.names()) : inputs?.datasets.has(named) ? inputs.datasets.get(named).schema : named;
  const bytes = readInput(input);
  if (bytes.length === 0) {
    const empty = await emptyFileProblem(codecs.get(codecName), typeof dataset === 'string' ? datasets.get(dataset).schema : dataset);
    if (empty) throw new CommandFailure(`${input}: ${empty}`);
  }
  const sandbox = new DecodeSandbox({ timeoutMs: timeoutSeconds * 1000, maxHeapMb: heapLimitMb, maxRssGrowthMb: heapLimitMb * 2, plugins: plugins(flags) });
  const interrupt = onInterrupt(() => void sandbox.close());
  try {
    const size = bytes.length;
    const outcome = await sandbox.decode(codecName, dataset, bytes);
    if (interrupt.signal.aborted) return INTERRUPTED_EXIT_CODE;
    if (outcome.status !== 'decoded') throw new CommandFailure(`${input}: ${describeDecodeFailure(codecName, outcome, { timeoutSeconds, heapLimitMb })}${containerHint(codecName, bytes)}`);
    const how = typeof dataset !== 'string' && named === undefined ? `the file's own schema (${dataset.fields.length} fields)` : `dataset ${named}${fromName ? ' (from the file name)' : ''}`;
    const empty = size === 0 ? `: the file is empty, which ${codecName} reads as a batch of no records` : '';
    process.stdout.write(`${outcome.records} records decoded from ${input}${empty} (codec ${codecName}, ${how}, ${size} bytes, ${outcome.ms.toFixed(1)} ms)\n`);
    return 0;
  } finally {
    interrupt.dispose();
    await sandbox.close();
  }
}

/** `npm run cli -- encode|decode ...`: write a sample file in a codec's encoding, or decode one. */
export async function runCodecFileCommand(argv: readonly string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === '--help' || subcommand === '-h') {
    process.stdout.write(`${CODEC_FILE_HELP}\n`);
    return 0;
  }
  if (subcommand === undefined) throw new UsageError(`missing command; valid: ${SUBCOMMANDS.join(', ')} (--help for usage)`);
  if (subcommand === 'encode') return runEncode(rest);
  if (subcommand === 'decode') return runDecode(rest);
  if (subcommand === 'schema') return runSchema(rest);
  throw new UsageError(`unknown command '${subcommand}'; valid: ${SUBCOMMANDS.join(', ')}`);
}
