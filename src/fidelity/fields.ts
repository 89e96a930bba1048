import { typePaths, type DataRecord, type Field, type RecordSchema } from '../datasets/schema.js';
import { bindCodec } from '../codecs/registry.js';
import { CodecError, type Codec } from '../codecs/types.js';
import { describeChange } from './change.js';
import { collectDifferences } from './equal.js';
import { describeFailure } from './gate.js';

/**
 * The per-field fidelity table of a user's dataset: for each codec and each field
 * path, whether the round trip of the run's batch kept it exactly, changed it (how,
 * and in how many values: `null → absent` in 12) or could not carry it (why). Kinds
 * of change and paths only, never values: this goes into result files and reports.
 */
export type FieldOutcome =
  | { readonly kind: 'kept' }
  | { readonly kind: 'changed'; readonly detail: string; readonly count: number }
  | { readonly kind: 'rejected'; readonly detail: string }
  /** Not measured: another field stopped the codec first and this one could not be tried alone. */
  | { readonly kind: 'untested' };

export interface CodecFieldFidelity {
  readonly codec: string;
  /** Did the whole batch pass the fidelity gate (so the codec was timed)? */
  readonly passed: boolean;
  /** What ran when it depends on the data (a user's .proto: generated static code, and where). */
  readonly ran?: string;
  readonly fields: Readonly<Record<string, FieldOutcome>>;
}

export interface DatasetFieldFidelity {
  readonly dataset: string;
  /** Every field path, depth first (customer.address.city, items[], items[].sku, labels{}). */
  readonly fields: readonly string[];
  readonly codecs: readonly CodecFieldFidelity[];
}

const FIELD_IN_REASON = /field (\S+) \(/;

type RoundTrip = { readonly ok: true; readonly decoded: readonly DataRecord[] } | { readonly ok: false; readonly stage: 'create' | 'encode' | 'decode'; readonly thrown: unknown };

async function roundTrip(codec: Codec, schema: RecordSchema, records: readonly DataRecord[]): Promise<RoundTrip> {
  let instance;
  try {
    instance = bindCodec(codec, schema);
  } catch (thrown) {
    return { ok: false, stage: 'create', thrown };
  }
  let bytes: Uint8Array;
  try {
    bytes = await instance.encode(records);
  } catch (thrown) {
    return { ok: false, stage: 'encode', thrown };
  }
  try {
    return { ok: true, decoded: await instance.decode(bytes) };
  } catch (thrown) {
    return { ok: false, stage: 'decode', thrown };
  }
}

const pathsOf = (fields: readonly Field[], prefix = ''): string[] => [...typePaths(fields, prefix)].map((p) => p.path);
const project = (records: readonly DataRecord[], names: ReadonlySet<string>): DataRecord[] =>
  records.map((record) => Object.fromEntries(Object.entries(record).filter(([key]) => names.has(key))));

/** Marks a field the codec could not carry (at `path`, the top-level field itself when not given) and leaves the rest of that field untested. */
function markRejected(outcomes: Map<string, FieldOutcome>, f: Field, detail: string, path = f.name): void {
  for (const inner of pathsOf([f])) outcomes.set(inner, inner === path ? { kind: 'rejected', detail } : { kind: 'untested' });
}

function recordDifferences(schema: RecordSchema, records: readonly DataRecord[], decoded: readonly DataRecord[], outcomes: Map<string, FieldOutcome>): void {
  const counts = new Map<string, Map<string, number>>();
  for (const difference of collectDifferences(schema, records, decoded)) {
    const field = difference.field === '' ? '(record)' : difference.field;
    const byKind = counts.get(field) ?? new Map<string, number>();
    const kind = describeChange(difference);
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    counts.set(field, byKind);
  }
  for (const [field, byKind] of counts) {
    const [detail, count] = [...byKind].sort((a, b) => b[1] - a[1])[0] as [string, number];
    outcomes.set(field, { kind: 'changed', detail: byKind.size > 1 ? `${detail} (and ${byKind.size - 1} other kind${byKind.size > 2 ? 's' : ''})` : detail, count });
  }
}

/**
 * Round-trips `records` through one codec and reports each field. When the codec
 * refuses a field at create (it names it), that field is marked and the rest are
 * tried without it; when encode or decode throws, each top-level field is tried
 * alone, so one field a codec cannot carry does not hide what it does with the others.
 */
export async function codecFieldFidelity(codec: Codec, schema: RecordSchema, records: readonly DataRecord[]): Promise<CodecFieldFidelity> {
  const outcomes = new Map<string, FieldOutcome>(pathsOf(schema.fields).map((p) => [p, { kind: 'kept' }]));
  let fields = [...schema.fields];
  let passed = true;
  for (;;) {
    if (fields.length === 0) break;
    const current: RecordSchema = { ...schema, fields, protobuf: undefined };
    const names = new Set(fields.map((f) => f.name));
    const whole = await roundTrip(codec, fields.length === schema.fields.length ? schema : current, fields.length === schema.fields.length ? records : project(records, names));
    if (whole.ok) {
      recordDifferences(current, fields.length === schema.fields.length ? records : project(records, names), whole.decoded, outcomes);
      break;
    }
    passed = false;
    const named = whole.stage === 'create' ? FIELD_IN_REASON.exec(whole.thrown instanceof Error ? whole.thrown.message : '')?.[1] : undefined;
    const top = named ? fields.find((f) => named === f.name || named.startsWith(`${f.name}.`) || named.startsWith(`${f.name}[`) || named.startsWith(`${f.name}{`)) : undefined;
    if (top && named) {
      const reason = (whole.thrown as Error).message.replace(/^.*?field \S+ \([^)]*\): /, '');
      markRejected(outcomes, top, reason, named);
      fields = fields.filter((f) => f !== top);
      continue;
    }
    // No field named: try each field alone.
    for (const f of fields) {
      const alone: RecordSchema = { ...schema, fields: [f], protobuf: undefined };
      const result = await roundTrip(codec, alone, project(records, new Set([f.name])));
      if (result.ok) recordDifferences(alone, project(records, new Set([f.name])), result.decoded, outcomes);
      else markRejected(outcomes, f, `${result.stage} threw: ${describeFailure(CodecError.wrap(codec.name, result.stage, result.thrown), true).replace(/^[\w-]+: \w+ failed:? ?/, '')}`);
    }
    break;
  }
  // The gate accepts an optional field's null coming back absent; anything else fails it.
  if ([...outcomes.values()].some((o) => o.kind !== 'kept' && !(o.kind === 'changed' && o.detail === 'null → absent'))) passed = false;
  const ran = codec.pathFor?.(schema);
  return { codec: codec.name, passed, ...(ran ? { ran } : {}), fields: Object.fromEntries(outcomes) };
}

export async function fieldFidelity(codecs: readonly Codec[], dataset: { readonly name: string; readonly schema: RecordSchema }, records: readonly DataRecord[]): Promise<DatasetFieldFidelity> {
  const rows: CodecFieldFidelity[] = [];
  for (const codec of codecs) rows.push(await codecFieldFidelity(codec, dataset.schema, records));
  return { dataset: dataset.name, fields: pathsOf(dataset.schema.fields), codecs: rows };
}
