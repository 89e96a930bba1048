import type { Field, FieldType } from '../datasets/schema.js';
import { containsKind } from './kinds.js';

/**
 * Schema-driven value conversions between the record model and what a library
 * holds (Dates as ISO strings for JSON, as {seconds, nanos} for Protobuf; enum
 * symbols as numbers). Compiled once per schema, and undefined when the schema has
 * nothing to convert, so codecs on the built-in datasets do no extra work. Their
 * cost is part of the codec's encode or decode, as it would be in an application.
 */
export type Convert = (value: unknown) => unknown;
/** The conversion of one kind of leaf, or undefined when that type needs none. */
export type LeafConvert = (type: FieldType) => Convert | undefined;

const needs = (type: FieldType, leaf: LeafConvert): boolean => containsKind(type, (t) => leaf(t) !== undefined);

/**
 * Encode side: returns a converted copy. Objects and arrays are copied only on the way
 * to a converted value; the records a benchmark times stay untouched. Absent stays absent.
 */
export function compileCopy(type: FieldType, leaf: LeafConvert): Convert | undefined {
  const own = leaf(type);
  if (own) return (value) => (value === undefined || value === null ? value : own(value));
  if (!needs(type, leaf)) return undefined;
  switch (type.kind) {
    case 'list': {
      const item = compileCopy(type.of, leaf) as Convert;
      return (value) => (Array.isArray(value) ? value.map(item) : value);
    }
    case 'map': {
      const item = compileCopy(type.values, leaf) as Convert;
      return (value) => {
        if (value === undefined || value === null) return value;
        const copy: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) copy[key] = item(v);
        return copy;
      };
    }
    case 'struct': {
      const steps = structSteps(type.fields, leaf, compileCopy);
      return (value) => {
        if (value === undefined || value === null) return value;
        const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
        for (const [name, convert] of steps) if (copy[name] !== undefined && copy[name] !== null) copy[name] = convert(copy[name]);
        return copy;
      };
    }
    default:
      return undefined;
  }
}

/** Decode side: converts in place (the decoded objects belong to the codec). */
export function compileInPlace(type: FieldType, leaf: LeafConvert): Convert | undefined {
  const own = leaf(type);
  if (own) return own;
  if (!needs(type, leaf)) return undefined;
  switch (type.kind) {
    case 'list': {
      const item = compileInPlace(type.of, leaf) as Convert;
      return (value) => {
        if (Array.isArray(value)) for (let i = 0; i < value.length; i++) if (value[i] !== undefined && value[i] !== null) value[i] = item(value[i]);
        return value;
      };
    }
    case 'map': {
      const item = compileInPlace(type.values, leaf) as Convert;
      return (value) => {
        if (value === null || typeof value !== 'object') return value;
        const row = value as Record<string, unknown>;
        for (const key of Object.keys(row)) if (row[key] !== undefined && row[key] !== null) row[key] = item(row[key]);
        return row;
      };
    }
    case 'struct': {
      const steps = structSteps(type.fields, leaf, compileInPlace);
      return (value) => {
        if (value === null || typeof value !== 'object') return value;
        const row = value as Record<string, unknown>;
        for (const [name, convert] of steps) {
          const v = row[name];
          if (v !== undefined && v !== null) row[name] = convert(v);
        }
        return row;
      };
    }
    default:
      return undefined;
  }
}

function structSteps(fields: readonly Field[], leaf: LeafConvert, compile: (type: FieldType, leaf: LeafConvert) => Convert | undefined): (readonly [string, Convert])[] {
  return fields.flatMap((f) => {
    const convert = compile(f.type, leaf);
    return convert ? [[f.name, convert] as const] : [];
  });
}

/** A whole record's copy converter (undefined: nothing to convert). */
export function compileRecordCopy(fields: readonly Field[], leaf: LeafConvert): ((record: unknown) => unknown) | undefined {
  return compileCopy({ kind: 'struct', fields }, leaf);
}

/** A whole record's in-place converter (undefined: nothing to convert). */
export function compileRecordInPlace(fields: readonly Field[], leaf: LeafConvert): ((record: unknown) => unknown) | undefined {
  return compileInPlace({ kind: 'struct', fields }, leaf);
}

/** ISO 8601 text back to a Date (what JSON.stringify made of it). */
export const isoToDate: Convert = (value) => (typeof value === 'string' ? new Date(value) : value);
