import { bindCodec } from '../codecs/registry.js';
import type { Codec } from '../codecs/types.js';
import type { DataRecord, RecordSchema } from '../datasets/schema.js';
import { checkRoundTrip, describeFailure, type GateOptions } from '../fidelity/gate.js';
import type { FailureKind } from '../results/failure.js';
import type { CaseBody } from './measure.js';
import type { CodecOp } from './options.js';

/** A codec bound to a dataset batch that passed the fidelity gate, ready to be timed. */
export type PreparedCodec =
  | { readonly ok: true; readonly encoded: Uint8Array; body(op: CodecOp): CaseBody }
  /** `lossy`: the fidelity gate refused the codec on this data; `error`: the codec could not even be bound to the schema. */
  | { readonly ok: false; readonly error: string; readonly failure: FailureKind };

/**
 * Binds the codec, runs the fidelity gate on the very batch that will be timed,
 * and returns the bodies of its encode and decode cases. Shared by the codec suite
 * and `npm run profile`, so both time exactly the same work.
 */
export async function prepareCodec(codec: Codec, schema: RecordSchema, records: readonly DataRecord[], options: GateOptions = {}): Promise<PreparedCodec> {
  let instance;
  try {
    instance = bindCodec(codec, schema);
  } catch (thrown) {
    return { ok: false, error: describeFailure(thrown, options.userData === true), failure: 'error' };
  }
  const gate = await checkRoundTrip(instance, schema, records, options);
  if (!gate.ok) return { ok: false, error: gate.reason, failure: 'lossy' };
  const encoded = gate.bytes;
  const bound = instance;
  return {
    ok: true,
    encoded,
    body(op) {
      if (bound.mode === 'sync') {
        return op === 'encode' ? { mode: 'sync', call: () => bound.encode(records) } : { mode: 'sync', call: () => bound.decode(encoded) };
      }
      return op === 'encode' ? { mode: 'async', call: () => bound.encode(records) } : { mode: 'async', call: () => bound.decode(encoded) };
    },
  };
}

/** The memcpy baseline: copy a buffer of `size` bytes into another (what moving the bytes alone costs). */
export function memcpyBody(size: number): CaseBody {
  const source = Buffer.alloc(size, 0x61);
  const target = Buffer.allocUnsafe(size);
  return { mode: 'sync', call: () => source.copy(target) };
}
