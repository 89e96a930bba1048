/**
 * Messages between a DecodeSandbox (main thread) and its worker, discriminated on `type`,
 * and the outcome of one sandboxed decode. Plain data: it crosses a structured clone.
 */

/** Where the worker finds its codecs: a module exporting a function that returns a codec Registry. */
export interface CodecSource {
  /** A file: URL of the module. */
  readonly module: string;
  /** The exported factory, e.g. `createCodecRegistry`. */
  readonly exportName: string;
}

export interface SandboxWorkerData {
  readonly codecSource: CodecSource;
}

export interface DecodeRequest {
  readonly type: 'decode';
  readonly id: number;
  readonly codec: string;
  readonly dataset: string;
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

/** The outcome of decoding one input, as the worker and its supervisor observed it. */
export type DecodeOutcome =
  | { readonly status: 'decoded'; readonly records: number; readonly ms: number }
  | { readonly status: 'threw'; readonly thrown: ThrownInfo; readonly ms: number }
  /** decode returned something that is not an array of record objects. */
  | { readonly status: 'bad-result'; readonly detail: string }
  /** The decode left a built-in prototype changed (prototype pollution). */
  | { readonly status: 'polluted'; readonly detail: string }
  /** The decode did not settle before the deadline; the worker was terminated. */
  | { readonly status: 'timeout'; readonly ms: number }
  /** The worker hit its heap limit, or the process's memory grew past the cap during the decode. */
  | { readonly status: 'out-of-memory'; readonly detail: string }
  /** The worker died another way (uncaught asynchronous error, process.exit, ...). */
  | { readonly status: 'crashed'; readonly detail: string };

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly outcome: DecodeOutcome };
