import { describeType, typePaths, type Field, type FieldType } from '../datasets/schema.js';

/** Why a codec cannot carry a type (undefined: it can). */
export type KindCheck = (type: FieldType, field: Field | undefined) => string | undefined;

/**
 * Throws, naming the first field a codec cannot carry and why: the codec then fails
 * the gate with that reason instead of mangling the field.
 */
export function requireSupported(fields: readonly Field[], check: KindCheck): void {
  for (const { path, type, field } of typePaths(fields)) {
    const reason = check(type, field);
    if (reason !== undefined) throw new Error(`field ${path} (${describeType(type)}): ${reason}`);
  }
}

/** Does the type, or anything inside it, satisfy `test`? */
export function containsKind(type: FieldType, test: (type: FieldType) => boolean): boolean {
  if (test(type)) return true;
  switch (type.kind) {
    case 'list':
      return containsKind(type.of, test);
    case 'map':
      return containsKind(type.values, test);
    case 'struct':
      return type.fields.some((f) => containsKind(f.type, test));
    default:
      return false;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names schema languages (Avro, Protobuf) accept: a letter or _ then letters, digits, _. */
export function nameProblem(format: string): KindCheck {
  return (_type, field) => (field && !IDENTIFIER.test(field.name) ? `the name is not a valid ${format} name (letters, digits and _, not starting with a digit)` : undefined);
}

/** Combines checks; the first reason wins. */
export function allChecks(...checks: readonly KindCheck[]): KindCheck {
  return (type, field) => {
    for (const check of checks) {
      const reason = check(type, field);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };
}
