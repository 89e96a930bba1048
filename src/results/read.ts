import { readFileSync } from 'node:fs';
import type { CaseStatus, Environment, GitState } from './types.js';

/**
 * Loading and validating result files for the tools that read them (compare,
 * merge, report). Accepts any file with `schema`, `meta` and
 * `cases[].{id, unit, samples}` (SPEC.md) and keeps every other field as it is,
 * so a file written by an older or newer serbench, or by another tool, still
 * loads. Every problem becomes one line naming the file and what is wrong.
 */

export const SCHEMA_PATTERN = /^serbench\.result\/v\d+$/;

/** A result file that cannot be used; the message is one line: `<file>: <problem>`. */
export class ResultFileError extends Error {
  override readonly name = 'ResultFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export interface LoadedCase {
  readonly id: string;
  readonly unit: string;
  readonly samples: readonly number[];
  /** `ok` when the file does not say. */
  readonly status: CaseStatus;
  readonly error?: string;
  readonly [field: string]: unknown;
}

export interface LoadedMeta {
  readonly createdAt?: string;
  readonly git?: GitState;
  /** The fields that are present and of the right type. */
  readonly env: Partial<Environment>;
  readonly options: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

export interface LoadedResult {
  readonly schema: string;
  /** `true` when the file does not say. */
  readonly complete: boolean;
  readonly meta: LoadedMeta;
  readonly cases: readonly LoadedCase[];
  readonly [field: string]: unknown;
}

export type ReadOutcome = { readonly ok: true; readonly result: LoadedResult } | { readonly ok: false; readonly error: ResultFileError };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const STATUSES: readonly CaseStatus[] = ['ok', 'failed', 'skipped'];
const ENV_STRINGS = ['node', 'v8', 'platform', 'arch', 'cpuModel'] as const;
const ENV_NUMBERS = ['cpuCount', 'totalMemBytes'] as const;

function validateMeta(meta: unknown, fail: (problem: string) => never): LoadedMeta {
  if (!isObject(meta)) fail(`"meta" must be an object, got ${describe(meta)}`);
  const env: Record<string, string | number> = {};
  if (meta.env !== undefined) {
    if (!isObject(meta.env)) fail(`"meta.env" must be an object, got ${describe(meta.env)}`);
    for (const key of ENV_STRINGS) if (typeof meta.env[key] === 'string') env[key] = meta.env[key];
    for (const key of ENV_NUMBERS) if (typeof meta.env[key] === 'number') env[key] = meta.env[key];
  }
  let git: LoadedMeta['git'];
  if (isObject(meta.git)) {
    const { sha, dirty, commitTime, branch } = meta.git;
    git = {
      sha: typeof sha === 'string' ? sha : null,
      dirty: dirty === true,
      ...(typeof commitTime === 'string' && Number.isFinite(Date.parse(commitTime)) ? { commitTime } : {}),
      ...(typeof branch === 'string' && branch !== '' ? { branch } : {}),
    };
  }
  const options = isObject(meta.options) ? meta.options : {};
  return {
    ...meta,
    ...(typeof meta.createdAt === 'string' ? { createdAt: meta.createdAt } : {}),
    ...(git ? { git } : {}),
    env: env as Partial<Environment>,
    options,
  };
}

function validateCase(value: unknown, index: number, fail: (problem: string) => never): LoadedCase {
  if (!isObject(value)) fail(`cases[${index}] must be an object, got ${describe(value)}`);
  const { id, unit, samples, status = 'ok', error } = value;
  if (typeof id !== 'string' || id === '') fail(`cases[${index}] has no "id" string`);
  const label = `case "${id}"`;
  if (typeof unit !== 'string' || unit === '') fail(`${label} has no "unit" string`);
  if (typeof status !== 'string' || !STATUSES.includes(status as CaseStatus)) fail(`${label}: status ${describe(status)} is not one of ${STATUSES.join(', ')}`);
  if (!Array.isArray(samples)) fail(`${label}: "samples" must be an array of numbers, got ${samples === undefined ? 'nothing' : describe(samples)}`);
  // A plain loop: a history reads tens of millions of samples.
  for (let sampleIndex = 0; sampleIndex < samples.length; sampleIndex++) {
    const sample: unknown = samples[sampleIndex];
    if (typeof sample !== 'number' || !Number.isFinite(sample)) fail(`${label}: samples[${sampleIndex}] is ${describe(sample)}, not a finite number`);
    if (sample < 0) fail(`${label}: samples[${sampleIndex}] is ${sample}; samples are measurements (lower is better) and cannot be negative`);
  }
  if (status === 'ok' && samples.length === 0) fail(`${label} has status ok but no samples`);
  return {
    ...value,
    id,
    unit,
    samples: samples as number[],
    status: status as CaseStatus,
    ...(typeof error === 'string' ? { error } : {}),
  };
}

/** Checks a parsed JSON value; throws {@link ResultFileError} naming `file` and the first problem. */
export function validateResult(value: unknown, file: string): LoadedResult {
  const fail = (problem: string): never => {
    throw new ResultFileError(file, problem);
  };
  if (!isObject(value)) fail(`not a serbench result file: expected a JSON object with "schema", "meta" and "cases", got ${describe(value)}`);
  const root = value as JsonObject;
  if (typeof root.schema !== 'string') fail(`not a serbench result file: no "schema" string (expected "serbench.result/v1")`);
  const schema = root.schema as string;
  if (!SCHEMA_PATTERN.test(schema)) fail(`schema "${schema}" is not a serbench result (expected "serbench.result/v1")`);
  const meta = validateMeta(root.meta, fail);
  if (!Array.isArray(root.cases)) fail(`"cases" must be an array, got ${root.cases === undefined ? 'nothing' : describe(root.cases)}`);
  const cases = (root.cases as unknown[]).map((item, index) => validateCase(item, index, fail));
  const seen = new Map<string, number>();
  cases.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first !== undefined) fail(`case id "${item.id}" appears twice (cases[${first}] and cases[${index}])`);
    seen.set(item.id, index);
  });
  return { ...root, schema, complete: root.complete !== false, meta, cases };
}

/** Parses file content; throws {@link ResultFileError}. */
export function parseResult(text: string, file: string): LoadedResult {
  if (text.trim() === '') throw new ResultFileError(file, 'is empty, not JSON');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 quotes the start of the text, newlines included: keep the message on one line.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    throw new ResultFileError(file, `not JSON (${reason})`);
  }
  return validateResult(value, file);
}

function readProblem(error: unknown): string {
  const code = isObject(error) && typeof error.code === 'string' ? error.code : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a result file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

/** Reads and validates a result file; throws {@link ResultFileError} with a one-line message. */
export function readResultFile(path: string): LoadedResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ResultFileError(path, readProblem(error));
  }
  return parseResult(text, path);
}

/** {@link readResultFile} as a discriminated union instead of an exception. */
export function tryReadResultFile(path: string): ReadOutcome {
  try {
    return { ok: true, result: readResultFile(path) };
  } catch (error) {
    if (error instanceof ResultFileError) return { ok: false, error };
    throw error;
  }
}
