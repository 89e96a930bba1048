import { BUILT_IN_DATASETS, createDatasetRegistry } from '../datasets/registry.js';
import type { Dataset, DatasetProvenance } from '../datasets/types.js';
import { openInputDatasets } from '../inputs/dataset.js';
import { datasetNameFor, resolveInput, type InputRequest } from '../inputs/resolve.js';
import type { InputSpec } from '../inputs/types.js';
import type { Registry } from '../registry.js';
import { type FlagSpec, type ParsedFlags, stringFlag } from './args.js';
import { UsageError } from './errors.js';

/** The flags that bring a user's files in, shared by every command that takes --dataset. */
export const INPUT_FLAGS = {
  input: { type: 'string', multiple: true },
  name: { type: 'string' },
  schema: { type: 'string', multiple: true },
  message: { type: 'string', multiple: true },
} as const satisfies FlagSpec;

export const INPUT_HELP = `  --input FILE[=NAME]  your own records as a dataset (repeatable): .ndjson .jsonl .json .csv .tsv .parquet .avro .arrow .arrows .pb;
                    named after the file (events.ndjson -> events) or NAME; selected by default when given (docs/inputs.md)
  --name NAME       the dataset name of a single --input
  --schema [NAME=]FILE  the input's schema instead of inferring it: FILE.proto (with --message), FILE.avsc, or
                    what 'npm run cli -- schema --input FILE' prints; NAME= picks the input when there are several
  --message [NAME=]pkg.Msg  the .proto message of an input's records`;

function strings(flags: ParsedFlags, name: string): string[] {
  const value = flags.values[name] as unknown;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** `NAME=VALUE` pairs for the input named NAME, or a bare VALUE when there is one input. */
function perInput(flag: string, values: readonly string[], names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of values) {
    const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)=(.+)$/.exec(value);
    const name = match && names.includes(match[1] as string) ? (match[1] as string) : names.length === 1 ? names[0] : undefined;
    if (name === undefined) throw new UsageError(`--${flag} ${value}: with several inputs, say which with --${flag} NAME=${flag === 'message' ? 'pkg.Msg' : 'FILE'} (inputs: ${names.join(', ')})`);
    if (out.has(name)) throw new UsageError(`--${flag} is given twice for input '${name}'`);
    out.set(name, match && match[1] === name ? (match[2] as string) : value);
  }
  return out;
}

/** The --input, --name, --schema and --message flags as requests, one per input file. */
export function inputRequests(flags: ParsedFlags): InputRequest[] {
  const inputs = strings(flags, 'input');
  const single = stringFlag(flags, 'name');
  if (inputs.length === 0) {
    for (const flag of ['name', 'schema', 'message']) if (flags.values[flag] !== undefined) throw new UsageError(`--${flag} applies to --input`);
    return [];
  }
  if (single !== undefined && inputs.length > 1) throw new UsageError('--name applies to a single --input; with several, write --input FILE=NAME');
  const parsed = inputs.map((value) => {
    const equals = value.lastIndexOf('=');
    const named = equals > 0 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value.slice(equals + 1));
    return named ? { path: value.slice(0, equals), name: value.slice(equals + 1) } : { path: value, ...(single ? { name: single } : {}) };
  });
  const known = parsed.map((p) => p.name ?? datasetNameFor(p.path));
  const schemas = perInput('schema', strings(flags, 'schema'), known);
  const messages = perInput('message', strings(flags, 'message'), known);
  return parsed.map((p, i) => {
    const key = known[i] as string;
    const schemaFile = schemas.get(key);
    const message = messages.get(key);
    return { ...p, ...(schemaFile ? { schemaFile } : {}), ...(message ? { message } : {}) };
  });
}

/** Resolved inputs and the registry that holds them beside the built-in datasets. */
export interface RunInputs {
  readonly specs: readonly InputSpec[];
  readonly datasets: Registry<Dataset>;
  readonly provenance: readonly DatasetProvenance[];
  /** The input datasets' names (what a run selects by default when there are inputs). */
  readonly names: readonly string[];
}

/**
 * Resolves the inputs (`records`: the most records any case will use) and opens
 * them. The first records of each are read and the whole file is hashed here, once;
 * measuring children open the same datasets from the specs.
 */
export async function loadRunInputs(requests: readonly InputRequest[], records: number): Promise<RunInputs> {
  const specs: InputSpec[] = [];
  for (const request of requests) {
    const spec = await resolveInput(request, { records, reserved: [...BUILT_IN_DATASETS, ...specs.map((s) => s.name)] });
    specs.push(spec);
  }
  return { specs, datasets: createDatasetRegistry(await openInputDatasets(specs, records)), provenance: specs.map((s) => s.provenance), names: specs.map((s) => s.name) };
}

/** One stderr line per input: what was read, and a note when the file had fewer records than asked for. */
export function inputLines(inputs: RunInputs, records: number): string[] {
  return inputs.specs.map((spec) => {
    const p = spec.provenance;
    const short = spec.available !== undefined ? `; the file has only ${spec.available} records, so its batches have ${spec.available} (fewer than ${records})` : '';
    return `input ${p.dataset}: ${p.file} (${p.format}, ${p.bytes} bytes, sha256 ${p.sha256.slice(0, 12)}…), schema ${p.schemaSource} (${p.schemaHash})${short}`;
  });
}
