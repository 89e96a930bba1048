import type { DataRecord, RecordSchema } from './schema.js';

/** A deterministic generator of synthetic records of one shape, or a user's file read as one (src/inputs/). */
export interface Dataset<R extends DataRecord = DataRecord> {
  /** Kebab-case name used in flags, case ids and reports. */
  readonly name: string;
  readonly description: string;
  readonly schema: RecordSchema;
  /**
   * Records lazily, one at a time: record i depends only on (seed, i), so
   * shards of a stream can be generated independently (see `startIndex`).
   */
  stream(count: number, seed: number, startIndex?: number): IterableIterator<R>;
  /** How many records there are when the dataset is finite (a user's file); undefined: any number (a generator). */
  readonly available?: number;
  /**
   * Set when the records are a user's file (`--input`): where they came from. Their
   * records are the user's: reports, result files and logs show field paths and kinds
   * of difference, never values.
   */
  readonly provenance?: DatasetProvenance;
}

/** Where an input dataset came from, as it goes into a result file's `meta.inputs` (never its records). */
export interface DatasetProvenance {
  readonly dataset: string;
  /** The file's name, without its directory (a path may say more about the user than needed). */
  readonly file: string;
  readonly format: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Records the run used (at most the run's --records). */
  readonly records: number;
  /** True when the file ended before the run's record count (the run used what there was). */
  readonly exhausted: boolean;
  /** sha256 of the schema (field names and kinds), first 16 hex digits. */
  readonly schemaHash: string;
  /** inferred | proto | avsc | serbench (a schema file in serbench's own format). */
  readonly schemaSource: 'inferred' | 'proto' | 'avsc' | 'serbench';
}

export const DEFAULT_SEED = 42;

export function generate<R extends DataRecord>(dataset: Dataset<R>, count: number, seed = DEFAULT_SEED): R[] {
  return Array.from(dataset.stream(count, seed));
}

/** Mixes the seed and record index so record i can be made without making records 0..i-1. */
export function recordSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(index + 1, 0x165667b1)) >>> 0;
}
