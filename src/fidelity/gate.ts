import type { DataRecord, RecordSchema } from '../datasets/schema.js';
import type { CodecInstance } from '../codecs/types.js';
import { CodecError, describeThrown } from '../codecs/types.js';
import { describeChange } from './change.js';
import { describeDifference, firstDifference, type Difference } from './equal.js';

export type GateResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

export interface GateOptions {
  /**
   * The sample is a user's data: the reason names the field and the kind of change
   * (`null → absent`), never the values, and a library's own message (which may quote
   * a value) is withheld.
   */
  readonly userData?: boolean;
}

/** What a codec threw, for a reason that may reach a result file. */
export function describeFailure(thrown: unknown, userData: boolean): string {
  if (!userData) return describeThrown(thrown);
  // serbench's own create-time refusals name a field and a kind, never a value.
  if (thrown instanceof CodecError && thrown.op === 'create') return describeThrown(thrown);
  const prefix = thrown instanceof CodecError ? `${thrown.codec}: ${thrown.op} failed: ` : '';
  const cause = thrown instanceof CodecError ? thrown.cause : thrown;
  const name = cause instanceof Error ? cause.name : 'a non-error value';
  return `${prefix}${name} (message withheld: it may quote the data)`;
}

/** A difference for a result file: with both values for generated data, by path and kind for a user's. */
export function describeGateDifference(difference: Difference, userData: boolean): string {
  return userData ? `at ${difference.path}: ${describeChange(difference)}` : describeDifference(difference);
}

/**
 * Round-trips a sample through a codec and compares it with the original (see
 * equal.ts). A codec that fails here is not timed: a fast codec that changes the
 * data is not a fair competitor.
 */
export async function checkRoundTrip(instance: CodecInstance, schema: RecordSchema, sample: readonly DataRecord[], options: GateOptions = {}): Promise<GateResult> {
  const userData = options.userData === true;
  let bytes: Uint8Array;
  let decoded: readonly DataRecord[];
  try {
    bytes = await instance.encode(sample);
  } catch (thrown) {
    return { ok: false, reason: `fidelity gate: encode threw: ${describeFailure(thrown, userData)}` };
  }
  try {
    decoded = await instance.decode(bytes);
  } catch (thrown) {
    return { ok: false, reason: `fidelity gate: decode threw: ${describeFailure(thrown, userData)}` };
  }
  const difference = firstDifference(schema, sample, decoded);
  if (difference) return { ok: false, reason: `fidelity gate: round trip changed the data ${describeGateDifference(difference, userData)}` };
  return { ok: true, bytes };
}
