import type { Field, FieldType } from '../datasets/schema.js';
import { compileRecordCopy, compileRecordInPlace, type Convert } from './convert.js';

/**
 * Kinds the record model holds differently from Protobuf messages: a timestamp is a
 * Date here and a google.protobuf.Timestamp ({seconds, nanos}) there; an enum is its
 * symbol here and its number there. Both directions compile to undefined for schemas
 * without them (the built-in datasets).
 */
const MS_PER_SECOND = 1000;

const dateToTimestamp: Convert = (value) => {
  if (!(value instanceof Date)) return value;
  const ms = value.getTime();
  const seconds = Math.floor(ms / MS_PER_SECOND);
  return { seconds, nanos: (ms - seconds * MS_PER_SECOND) * 1_000_000 };
};

const timestampToDate: Convert = (value) => {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const { seconds = 0, nanos = 0 } = value as { seconds?: number | bigint; nanos?: number };
  return new Date(Number(seconds) * MS_PER_SECOND + Math.floor(nanos / 1_000_000));
};

function enumToNumber(type: Extract<FieldType, { kind: 'enum' }>): Convert {
  const numbers = new Map(type.symbols.map((symbol, i) => [symbol, type.numbers?.[i] ?? i]));
  return (value) => (typeof value === 'string' ? (numbers.get(value) ?? value) : value);
}

function numberToEnum(type: Extract<FieldType, { kind: 'enum' }>): Convert {
  const symbols = new Map(type.symbols.map((symbol, i) => [type.numbers?.[i] ?? i, symbol]));
  return (value) => (typeof value === 'number' ? (symbols.get(value) ?? value) : value);
}

export function compileToMessage(fields: readonly Field[]): ((record: unknown) => unknown) | undefined {
  return compileRecordCopy(fields, (type) => (type.kind === 'timestamp' ? dateToTimestamp : type.kind === 'enum' ? enumToNumber(type) : undefined));
}

export function compileFromMessage(fields: readonly Field[]): ((record: unknown) => unknown) | undefined {
  return compileRecordInPlace(fields, (type) => (type.kind === 'timestamp' ? timestampToDate : type.kind === 'enum' ? numberToEnum(type) : undefined));
}
