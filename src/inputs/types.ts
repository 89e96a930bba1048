import type { FieldValue, RecordSchema } from '../datasets/schema.js';
import type { DatasetProvenance } from '../datasets/types.js';

/** A record as a file gives it, before it is typed by the schema (JSON values, or typed values from binary formats). */
export type RawRecord = { readonly [key: string]: FieldValue | unknown };

/** Formats `--input` reads. */
export const INPUT_FORMATS = ['ndjson', 'json', 'csv', 'tsv', 'parquet', 'avro', 'arrow', 'protobuf'] as const;
export type InputFormatName = (typeof INPUT_FORMATS)[number];

/**
 * A problem with a user's input file: one line naming the file, where (record,
 * line or row number) and what is wrong. Never a value from the file: messages
 * may reach logs and result files.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Records one at a time from the start of a file; `next()` may throw InputError. */
export type RecordReader =
  | { readonly mode: 'sync'; next(): RawRecord | undefined; close(): void }
  | { readonly mode: 'async'; next(): Promise<RawRecord | undefined>; close(): Promise<void> | void };

/** What a reader needs besides the path. */
export interface ReadOptions {
  /** A .proto message, for Protobuf binary files. */
  readonly protobuf?: { readonly source: string; readonly message: string };
}

/** One input format: how to recognise it and how to read it. */
export interface InputFormat {
  readonly name: InputFormatName;
  /** File name endings, lower case, with the dot. */
  readonly extensions: readonly string[];
  readonly description: string;
  /** Does the start of the file look like this format? (An extension alone is not trusted.) */
  sniff(head: Buffer): boolean;
  /** What the content check expects, for the error when sniff says no. */
  readonly expects: string;
  open(path: string, options: ReadOptions): RecordReader;
  /** The schema the file declares itself (Parquet, Avro, Arrow), when it has one. */
  declaredSchema?(path: string, name: string): Promise<RecordSchema>;
  /** Values come from text (JSON, CSV): an integer past 2^53 cannot be read exactly. */
  readonly textual: boolean;
}

/** Where an input dataset came from (see Dataset.provenance). */
export type InputProvenance = DatasetProvenance;

/**
 * An input resolved once by the command (schema known, provenance measured), in a
 * form that crosses process and thread boundaries: measuring children and pipeline
 * workers open the same dataset from it without inferring anything again.
 */
export interface InputSpec {
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
  readonly format: InputFormatName;
  readonly schema: RecordSchema;
  readonly options: ReadOptions;
  /** Records the file has when it has fewer than the run asked for; undefined: at least as many. */
  readonly available?: number;
  readonly provenance: InputProvenance;
}
