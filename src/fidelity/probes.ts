import { field, list, scalar, struct, type DataRecord, type RecordSchema } from '../datasets/schema.js';
import { bindCodec } from '../codecs/registry.js';
import { describeThrown, type Codec } from '../codecs/types.js';
import { describeValue, firstDifference } from './equal.js';

/** The record every probe varies: one field per kind of value formats are known to lose (proto/probe.proto). */
export const probeSchema: RecordSchema = {
  name: 'Probe',
  fields: [
    field('big', scalar('int64')),
    field('real', scalar('double')),
    field('text', scalar('string'), true),
    field('list', list(scalar('string'))),
    field('inner', struct([field('label', scalar('string'), true), field('count', scalar('int32'))]), true),
  ],
};

export interface Probe {
  readonly name: string;
  readonly description: string;
  readonly record: DataRecord;
}

const base = { big: 1, real: 1.5, text: 'x', list: ['a'], inner: { label: 'l', count: 1 } };
const probe = (name: string, description: string, changes: Record<string, unknown>, drop: readonly string[] = []): Probe => {
  const record: Record<string, unknown> = { ...base, ...changes };
  for (const key of drop) delete record[key];
  return { name, description, record: record as DataRecord };
};

export const PROBES: readonly Probe[] = [
  probe('int64 2^53-1', 'int64 field holding Number.MAX_SAFE_INTEGER', { big: Number.MAX_SAFE_INTEGER }),
  probe('int64 2^63-1', 'int64 field holding 2^63-1 as a bigint (beyond 2^53)', { big: 2n ** 63n - 1n }),
  probe('NaN', 'double field holding NaN', { real: Number.NaN }),
  probe('Infinity', 'double field holding -Infinity', { real: Number.NEGATIVE_INFINITY }),
  probe('-0', 'double field holding negative zero', { real: -0 }),
  probe('empty string', 'optional string set to "" (must not become absent)', { text: '' }),
  probe('absent field', 'optional string left out (must not become "")', {}, ['text']),
  probe('empty list', 'repeated field with no items', { list: [] }),
  probe('absent nested', 'optional nested object left out', {}, ['inner']),
  probe('nested optional', 'nested object whose optional field is left out', { inner: { count: 0 } }),
  probe('astral Unicode', 'text with astral-plane characters and a ZWJ emoji sequence', { text: '𝄞 😀 𠜎 👩‍👩‍👧' }),
  probe('lone surrogate', 'text with an unpaired UTF-16 surrogate (not valid Unicode)', { text: 'a\ud800b' }),
];

export type ProbeOutcome =
  | { readonly kind: 'kept' }
  | { readonly kind: 'changed'; readonly detail: string }
  | { readonly kind: 'rejected'; readonly detail: string };

export interface CodecFidelity {
  readonly codec: string;
  readonly int64: string;
  /** The codec's description when probed: names the library path that ran (e.g. a native addon or its pure-JS fallback). */
  readonly description?: string;
  readonly outcomes: Readonly<Record<string, ProbeOutcome>>;
}

export interface FidelityTable {
  readonly probes: readonly { readonly name: string; readonly description: string }[];
  readonly codecs: readonly CodecFidelity[];
}

export async function runProbe(codec: Codec, item: Probe): Promise<ProbeOutcome> {
  let decoded: readonly DataRecord[];
  try {
    const instance = bindCodec(codec, probeSchema);
    decoded = await instance.decode(await instance.encode([item.record]));
  } catch (thrown) {
    return { kind: 'rejected', detail: describeThrown(thrown).replace(/^[\w-]+: \w+ failed: /, '') };
  }
  const difference = firstDifference(probeSchema, [item.record], decoded);
  if (!difference) return { kind: 'kept' };
  return { kind: 'changed', detail: `${difference.path.replace(/^\[0\]\./, '')}: ${describeValue(difference.expected)} → ${describeValue(difference.actual)}` };
}

export async function probeCodecs(codecs: readonly Codec[]): Promise<FidelityTable> {
  const rows: CodecFidelity[] = [];
  for (const codec of codecs) {
    const outcomes: Record<string, ProbeOutcome> = {};
    for (const item of PROBES) outcomes[item.name] = await runProbe(codec, item);
    rows.push({ codec: codec.name, int64: codec.int64, description: codec.description, outcomes });
  }
  return { probes: PROBES.map(({ name, description }) => ({ name, description })), codecs: rows };
}
