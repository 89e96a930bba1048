import type { Difference } from './equal.js';

/**
 * What kind of value something is, in words that say nothing of the value itself:
 * the per-field fidelity table and the gate's reasons on a user's data use these,
 * so no record content reaches a report.
 */
export function kindOfValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? '""' : 'string';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    if (Object.is(value, -0)) return '-0';
    return 'number';
  }
  if (typeof value === 'bigint') return value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER) ? 'int64 past 2^53' : 'bigint';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof Date) return 'timestamp';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return value.length === 0 ? 'empty list' : 'list';
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? name : 'object';
  }
  return typeof value;
}

/**
 * A difference as a kind of change, never a value: `-0 → 0`, `null → absent`,
 * `"" → absent`, `int64 past 2^53 → number`, `timestamp precision`, `timestamp → string`.
 */
export function describeChange(difference: Difference): string {
  const { expected, actual } = difference;
  if (difference.path.endsWith('.length')) return 'list length changed';
  if (difference.path.endsWith('{keys}')) return 'map keys changed';
  if (difference.type === undefined) return `batch changed (${kindOfValue(expected)} → ${kindOfValue(actual)})`;
  const from = kindOfValue(expected);
  const to = from === '-0' && Object.is(actual, 0) ? '0' : kindOfValue(actual);
  if (from !== to) return `${from} → ${to}`;
  switch (from) {
    case 'timestamp':
      return 'timestamp precision';
    case 'number':
      return Number.isInteger(expected) && Number.isInteger(actual) ? 'integer changed' : 'number precision';
    case 'int64 past 2^53':
      return 'int64 past 2^53 changed';
    case 'string':
      return 'text changed';
    case 'bytes':
      return 'bytes changed';
    default:
      return `${from} changed`;
  }
}
