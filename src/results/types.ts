import type { DatasetProvenance } from '../datasets/types.js';
import type { DatasetFieldFidelity } from '../fidelity/fields.js';
import type { FidelityTable } from '../fidelity/probes.js';
import type { FailureKind } from './failure.js';

/** The result file of SPEC.md (`serbench.result/v1`). Plain JSON-serialisable data. */
export const RESULT_SCHEMA = 'serbench.result/v1';

export interface Environment {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemBytes: number;
}

/**
 * The commit a run measured. `commitTime` (the committer date, ISO 8601) and
 * `branch` order and filter a history of runs (`npm run history`); files written
 * before they existed lack them, and a run outside a branch has no `branch`.
 */
export interface GitState {
  readonly sha: string | null;
  readonly dirty: boolean;
  readonly commitTime?: string;
  readonly branch?: string;
}

export interface ResultMeta {
  readonly createdAt: string;
  readonly git: GitState;
  readonly env: Environment;
  readonly options: Readonly<Record<string, unknown>>;
  /** The user's files the run measured (`--input`): where each came from, never its records. */
  readonly inputs?: readonly DatasetProvenance[];
}

export interface SampleStats {
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  readonly p75: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly sd: number;
  /** Relative margin of error of the mean at 95%, in percent. */
  readonly rme: number;
}

export interface PipelineMetrics {
  readonly variant: string;
  readonly batchSize: number;
  readonly workers: number;
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
  readonly gc: { readonly count: number; readonly pauseMs: number };
  readonly eventLoopDelayMs: { readonly p99: number };
  readonly cpuUtilization: number;
  readonly [extra: string]: unknown;
}

export type CaseStatus = 'ok' | 'failed' | 'skipped';

/** What a case's samples count, lower is better: wall-clock nanoseconds, or instructions under Valgrind. */
export type SampleUnit = 'ns' | 'instructions';

interface CaseBase {
  /** Unique and stable across runs and machines, e.g. `codec/log/protobuf/encode/1000`. */
  readonly id: string;
  readonly suite: 'codec' | 'pipeline';
  readonly dataset: string;
  readonly codec: string;
  readonly op: string;
  readonly records: number;
  readonly unit: SampleUnit;
  readonly samples: readonly number[];
  readonly stats?: SampleStats;
  readonly throughput?: { readonly recordsPerSec: number; readonly bytesPerSec: number };
  readonly bytes?: { readonly raw: number; readonly gzip: number; readonly brotli: number };
  readonly pipeline?: PipelineMetrics;
  /** Anything else a suite wants to keep with the case (free-form, JSON). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export type CaseResult =
  | (CaseBase & { readonly status: 'ok' })
  | (CaseBase & {
      readonly status: 'failed' | 'skipped';
      readonly error: string;
      /** Failed cases: `lossy` when the fidelity gate refused the codec (a finding), `error` otherwise (see failure.ts). */
      readonly failure?: FailureKind;
    });

export interface ResultFile {
  readonly schema: typeof RESULT_SCHEMA;
  readonly complete: boolean;
  readonly meta: ResultMeta;
  readonly cases: readonly CaseResult[];
  /** Codec suite only: what each codec keeps (see src/fidelity/). */
  readonly fidelity?: FidelityTable;
  /** Codec suite with `--input`: per input dataset, what each codec does with each field (paths and kinds of change, no values). */
  readonly fieldFidelity?: readonly DatasetFieldFidelity[];
}
