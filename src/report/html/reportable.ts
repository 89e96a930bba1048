import type { DatasetProvenance } from '../../datasets/types.js';
import type { DatasetFieldFidelity } from '../../fidelity/fields.js';
import type { FidelityTable } from '../../fidelity/probes.js';
import type { LoadedCase, LoadedResult } from '../../results/read.js';
import { failureKind } from '../../results/failure.js';
import { RESULT_SCHEMA, type CaseResult, type Environment, type PipelineMetrics, type ResultFile, type SampleStats } from '../../results/types.js';
import { summarize } from '../../stats/summary.js';

/**
 * Turns a loaded result file (src/results/read.ts: only `schema`, `meta` and
 * `cases[].{id, unit, samples}` are guaranteed) into the typed shape the reports
 * read. What a report needs but the file lacks is recovered where that is honest:
 * suite, dataset, codec, op and records from a SPEC-shaped id, statistics from the
 * samples. Anything else stays absent and the page says "not measured".
 */

type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function numbersObject<K extends string>(value: unknown, keys: readonly K[]): Record<K, number> | undefined {
  if (!isObject(value)) return undefined;
  const out = {} as Record<K, number>;
  for (const key of keys) {
    const v = value[key];
    if (!isNumber(v)) return undefined;
    out[key] = v;
  }
  return out;
}

const STAT_KEYS = ['n', 'median', 'mean', 'p75', 'p99', 'min', 'max', 'sd', 'rme'] as const;

/** `codec/log/protobuf/encode/1000` → its parts; pipeline ids keep only the suite. */
function partsFromId(id: string): { suite?: string; dataset?: string; codec?: string; op?: string; records?: number } {
  const [suite, dataset, codec, op, records] = id.split('/');
  if (suite === 'codec') return { suite, dataset, codec, op, ...(records && /^\d+$/.test(records) ? { records: Number(records) } : {}) };
  return suite === 'pipeline' ? { suite } : {};
}

function pipelineMetrics(value: unknown): PipelineMetrics | undefined {
  if (!isObject(value) || typeof value.variant !== 'string') return undefined;
  if (!isNumber(value.batchSize) || !isNumber(value.workers) || !isNumber(value.recordsPerSec)) return undefined;
  // The remaining SPEC fields are read defensively by the pipeline section (NaN when absent).
  return value as unknown as PipelineMetrics;
}

export function reportableCase(loaded: LoadedCase): CaseResult | undefined {
  const fromId = partsFromId(loaded.id);
  const named = text(loaded.suite) ?? fromId.suite;
  if (named !== 'codec' && named !== 'pipeline') return undefined;
  const suite: CaseResult['suite'] = named;
  const stats: SampleStats | undefined = numbersObject(loaded.stats, STAT_KEYS) ?? (loaded.samples.length > 0 ? summarize(loaded.samples) : undefined);
  const throughput = numbersObject(loaded.throughput, ['recordsPerSec', 'bytesPerSec'] as const);
  const bytes = numbersObject(loaded.bytes, ['raw', 'gzip', 'brotli'] as const);
  const pipeline = pipelineMetrics(loaded.pipeline);
  const base = {
    id: loaded.id,
    suite,
    dataset: text(loaded.dataset) ?? fromId.dataset ?? 'unknown',
    codec: text(loaded.codec) ?? fromId.codec ?? 'unknown',
    op: text(loaded.op) ?? fromId.op ?? 'unknown',
    records: isNumber(loaded.records) ? loaded.records : (fromId.records ?? Number.NaN),
    unit: loaded.unit === 'instructions' ? ('instructions' as const) : ('ns' as const),
    samples: loaded.samples,
    ...(stats ? { stats } : {}),
    ...(throughput ? { throughput } : {}),
    ...(bytes ? { bytes } : {}),
    ...(pipeline ? { pipeline } : {}),
    ...(isObject(loaded.extra) ? { extra: loaded.extra } : {}),
  };
  if (loaded.status === 'ok') return { ...base, status: 'ok' };
  const failure = failureKind(loaded);
  return { ...base, status: loaded.status, error: loaded.error ?? loaded.status, ...(failure ? { failure } : {}) };
}

function fidelityTable(value: unknown): FidelityTable | undefined {
  if (!isObject(value) || !Array.isArray(value.probes) || !Array.isArray(value.codecs)) return undefined;
  const probesOk = value.probes.every((p) => isObject(p) && typeof p.name === 'string');
  const codecsOk = value.codecs.every((c) => isObject(c) && typeof c.codec === 'string' && isObject(c.outcomes));
  return probesOk && codecsOk ? (value as unknown as FidelityTable) : undefined;
}

/** Input provenance entries that have what the tables show (a file from another version may lack some). */
function inputsOf(value: unknown): DatasetProvenance[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const inputs = value.filter((i): i is DatasetProvenance => isObject(i) && typeof i.dataset === 'string' && typeof i.file === 'string' && typeof i.sha256 === 'string' && isNumber(i.bytes) && isNumber(i.records));
  return inputs.length > 0 ? inputs : undefined;
}

function fieldFidelityOf(value: unknown): DatasetFieldFidelity[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const tables = value.filter(
    (t): t is DatasetFieldFidelity => isObject(t) && typeof t.dataset === 'string' && Array.isArray(t.fields) && Array.isArray(t.codecs) && t.codecs.every((c) => isObject(c) && typeof c.codec === 'string' && isObject(c.fields)),
  );
  return tables.length > 0 ? tables : undefined;
}

const UNKNOWN_ENV: Environment = { node: 'unknown', v8: 'unknown', platform: 'unknown', arch: 'unknown', cpuModel: 'unknown', cpuCount: Number.NaN, totalMemBytes: Number.NaN };

export interface ReportableResult {
  readonly result: ResultFile;
  /** Cases the page cannot place (no known suite); counted, not shown. */
  readonly unplaced: number;
}

export function reportableResult(loaded: LoadedResult): ReportableResult {
  const cases = loaded.cases.map(reportableCase);
  const kept = cases.filter((c): c is CaseResult => c !== undefined);
  const fidelity = fidelityTable(loaded.fidelity);
  const inputs = inputsOf(loaded.meta.inputs);
  const fieldFidelity = fieldFidelityOf(loaded.fieldFidelity);
  const result: ResultFile = {
    schema: RESULT_SCHEMA,
    complete: loaded.complete,
    meta: {
      createdAt: loaded.meta.createdAt ?? 'unknown',
      git: loaded.meta.git ?? { sha: null, dirty: false },
      env: { ...UNKNOWN_ENV, ...loaded.meta.env },
      options: loaded.meta.options,
      ...(inputs ? { inputs } : {}),
    },
    cases: kept,
    ...(fidelity ? { fidelity } : {}),
    ...(fieldFidelity ? { fieldFidelity } : {}),
  };
  return { result, unplaced: cases.length - kept.length };
}
