import type { DataRecord, RecordSchema } from '../datasets/schema.js';
import type { CodecInstance } from '../codecs/types.js';
import { describeThrown } from '../codecs/types.js';
import { describeDifference, firstDifference } from './equal.js';

export type GateResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

/**
 * Round-trips a sample through a codec and compares it with the original (see
 * equal.ts). A codec that fails here is not timed: a fast codec that changes the
 * data is not a fair competitor.
 */
export async function checkRoundTrip(instance: CodecInstance, schema: RecordSchema, sample: readonly DataRecord[]): Promise<GateResult> {
  let bytes: Uint8Array;
  let decoded: readonly DataRecord[];
  try {
    bytes = await instance.encode(sample);
  } catch (thrown) {
    return { ok: false, reason: `fidelity gate: encode threw: ${describeThrown(thrown)}` };
  }
  try {
    decoded = await instance.decode(bytes);
  } catch (thrown) {
    return { ok: false, reason: `fidelity gate: decode threw: ${describeThrown(thrown)}` };
  }
  const difference = firstDifference(schema, sample, decoded);
  if (difference) return { ok: false, reason: `fidelity gate: round trip changed the data ${describeDifference(difference)}` };
  return { ok: true, bytes };
}
