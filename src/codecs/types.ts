import type { DataRecord, RecordSchema } from '../datasets/schema.js';

/** A codec bound to one dataset schema; encode and decode whole batches. */
export type CodecInstance =
  | {
      readonly mode: 'sync';
      encode(records: readonly DataRecord[]): Uint8Array;
      decode(bytes: Uint8Array): readonly DataRecord[];
    }
  | {
      /** The library's API is asynchronous (parquetjs-lite): timed with its promise overhead. */
      readonly mode: 'async';
      encode(records: readonly DataRecord[]): Promise<Uint8Array>;
      decode(bytes: Uint8Array): Promise<readonly DataRecord[]>;
    };

/** A serialization format (or one library's take on it), registered by name. */
export interface Codec {
  /** Kebab-case name used in flags, case ids and reports. */
  readonly name: string;
  readonly description: string;
  /** How this codec carries int64 fields and what comes back from decode (for the fidelity table). */
  readonly int64: string;
  /** Binds the codec to a dataset's schema; throws CodecError when the schema is unsupported. */
  create(schema: RecordSchema): CodecInstance;
  /** What runs for this schema when it is not what `description` says (a user's .proto: generated code, from where). */
  pathFor?(schema: RecordSchema): string | undefined;
}

/** Any failure inside a codec, named so a user knows which codec and what went wrong. */
export class CodecError extends Error {
  constructor(
    readonly codec: string,
    readonly op: 'create' | 'encode' | 'decode',
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${codec}: ${op} failed: ${detail}`, options);
    this.name = 'CodecError';
  }

  /** Wraps whatever a library threw (some throw strings or errors without a message). */
  static wrap(codec: string, op: 'create' | 'encode' | 'decode', thrown: unknown): CodecError {
    if (thrown instanceof CodecError) return thrown;
    // A TypeError or RangeError from inside a decoder ("Cannot read properties of
    // undefined") is the library tripping over bytes it did not expect: say that first.
    const tripped = op === 'decode' && (thrown instanceof TypeError || thrown instanceof RangeError);
    const detail = describeThrown(thrown);
    return new CodecError(codec, op, tripped ? `corrupt input or not this format (the decoder failed with ${thrown.name}: ${detail})` : detail, { cause: thrown });
  }
}

/** Longer than this, a library's message is cut: msgpackr puts the whole decoded value in one. */
const MAX_DETAIL = 300;

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}

export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) {
    // Some libraries (thrift in parquetjs-lite) throw Error subclasses whose message is undefined.
    const message = typeof thrown.message === 'string' ? thrown.message.trim() : '';
    return message === '' ? `${thrown.name} without a message` : firstLine(message);
  }
  if (typeof thrown === 'string' && thrown.trim() !== '') return firstLine(thrown);
  return `a non-error value was thrown: ${firstLine(String(thrown))}`;
}

/** Guards a codec's decode so every failure becomes a CodecError naming the codec. */
export function guardedSync(codec: string, instance: Extract<CodecInstance, { mode: 'sync' }>): CodecInstance {
  return {
    mode: 'sync',
    encode(records) {
      try {
        return instance.encode(records);
      } catch (thrown) {
        throw CodecError.wrap(codec, 'encode', thrown);
      }
    },
    decode(bytes) {
      try {
        return instance.decode(bytes);
      } catch (thrown) {
        throw CodecError.wrap(codec, 'decode', thrown);
      }
    },
  };
}

export function guardedAsync(codec: string, instance: Extract<CodecInstance, { mode: 'async' }>): CodecInstance {
  return {
    mode: 'async',
    async encode(records) {
      try {
        return await instance.encode(records);
      } catch (thrown) {
        throw CodecError.wrap(codec, 'encode', thrown);
      }
    },
    async decode(bytes) {
      try {
        return await instance.decode(bytes);
      } catch (thrown) {
        throw CodecError.wrap(codec, 'decode', thrown);
      }
    },
  };
}

/** Encodes or decodes whatever the instance's mode, for code that is not timing it. */
export async function encodeBatch(instance: CodecInstance, records: readonly DataRecord[]): Promise<Uint8Array> {
  return instance.encode(records);
}

export async function decodeBatch(instance: CodecInstance, bytes: Uint8Array): Promise<readonly DataRecord[]> {
  return instance.decode(bytes);
}
