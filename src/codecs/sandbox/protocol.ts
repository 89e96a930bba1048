import type { RecordSchema } from '../../datasets/schema.js';

/**
 * Messages between a DecodeSandbox and its decoder process, discriminated on `type`,
 * and the outcome of one sandboxed decode. Plain data: it crosses IPC as a structured clone.
 */

/** Sent once, first: the decoder process registers these codec modules (`--plugin`) beside the built-in codecs. */
export interface InitRequest {
  readonly type: 'init';
  readonly plugins: readonly string[];
}

export interface DecodeRequest {
  readonly type: 'decode';
  readonly id: number;
  readonly codec: string;
  readonly dataset: string;
  /** The schema to bind instead of the named dataset's (a self-describing file's own, or a user's input). */
  readonly schema?: RecordSchema;
  readonly bytes: Uint8Array;
}

/** What was thrown, described across the thread boundary (class identity does not survive it). */
export interface ThrownInfo {
  /** True when it is the project's CodecError. */
  readonly isCodecError: boolean;
  readonly name: string;
  readonly message: string;
  /** CodecError.codec and .op, when it is one. */
  readonly codec?: string;
  readonly op?: string;
  /** The cause's one-line description, when there is one. */
  readonly cause?: string;
}

/** The outcome of decoding one input, as the decoder process and its supervisor observed it. */
export type DecodeOutcome =
  | { readonly status: 'decoded'; readonly records: number; readonly ms: number }
  | { readonly status: 'threw'; readonly thrown: ThrownInfo; readonly ms: number }
  /** decode returned something that is not an array of record objects. */
  | { readonly status: 'bad-result'; readonly detail: string }
  /** The decode left a built-in prototype changed (prototype pollution). */
  | { readonly status: 'polluted'; readonly detail: string }
  /** The decode did not settle before the deadline; the decoder process was killed. */
  | { readonly status: 'timeout'; readonly ms: number }
  /** The decoder process hit its heap limit, or its resident memory grew past the cap during the decode. */
  | { readonly status: 'out-of-memory'; readonly detail: string }
  /** The decoder process died another way (uncaught asynchronous error, process.exit, a native crash). */
  | { readonly status: 'crashed'; readonly detail: string };

export type WorkerMessage =
  | { readonly type: 'ready' }
  /** `rssGrowthBytes`: how far resident memory rose above where it was when the decode began. */
  | { readonly type: 'result'; readonly id: number; readonly outcome: DecodeOutcome; readonly rssGrowthBytes: number };
