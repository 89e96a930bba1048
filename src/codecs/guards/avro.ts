import avsc from 'avsc';

/**
 * avsc reads an array block by trusting its item count: `new Array(n)` and n reads,
 * and its Tap reads past the end of the buffer without failing until the very end.
 * A forged count (2^31) therefore loops for minutes and allocates gigabytes. The
 * array types built here bound every block's count by the bytes left, which is
 * exact for items that take at least one byte each, before anything is allocated.
 * avsc freezes its types, so the guarded reader is a subclass given to avsc through
 * its `typeHook` option rather than a patch.
 */

/** The part of avsc's Tap (its read cursor) and of its types that the guard uses. */
interface Tap {
  readonly buf: Uint8Array;
  readonly pos: number;
  readLong(): number;
  skipLong(): void;
}
interface AvroTypeNode {
  readonly typeName: string;
  readonly fields?: ReadonlyArray<{ readonly type: AvroTypeNode }>;
  readonly size?: number;
  readonly underlyingType?: AvroTypeNode;
  _read(tap: Tap): unknown;
}

const FIXED_MINIMUM: Readonly<Record<string, number>> = { null: 0, boolean: 1, int: 1, long: 1, float: 4, double: 8, bytes: 1, string: 1, enum: 1, array: 1, map: 1 };

/** The fewest bytes one value of this type takes in Avro's binary encoding. */
function minimumBytes(type: AvroTypeNode, seen = new Set<AvroTypeNode>()): number {
  if (type.underlyingType) return minimumBytes(type.underlyingType, seen);
  if (type.typeName === 'record' || type.typeName === 'error') {
    if (seen.has(type)) return 0; // a recursive record: no bound from here
    seen.add(type);
    return (type.fields ?? []).reduce((sum, f) => sum + minimumBytes(f.type, seen), 0);
  }
  if (type.typeName === 'fixed') return type.size ?? 0;
  if (type.typeName.startsWith('union')) return 1;
  return FIXED_MINIMUM[type.typeName] ?? 0;
}

const itemBytes = new WeakMap<object, number>();

const ArrayTypeBase = avsc.types.ArrayType as unknown as new (schema: avsc.Schema, opts: unknown) => { readonly itemsType: AvroTypeNode };

class GuardedArrayType extends ArrayTypeBase {
  _read(tap: Tap): unknown[] {
    const items = this.itemsType;
    let minimum = itemBytes.get(this);
    if (minimum === undefined) {
      minimum = minimumBytes(items);
      itemBytes.set(this, minimum);
    }
    let values: unknown[] | undefined;
    let i = 0;
    for (;;) {
      let n = tap.readLong();
      if (n === 0) break;
      if (n < 0) {
        n = -n;
        tap.skipLong(); // the block's size in bytes
      }
      const left = tap.buf.length - tap.pos;
      if (n * minimum > left) throw new Error(`corrupt Avro data: an array block claims ${n} items of at least ${minimum} bytes each, but only ${Math.max(0, left)} bytes are left`);
      values ??= new Array<unknown>(n); // as avsc does: the first block sizes the array
      while (n--) values[i++] = items._read(tap);
    }
    return values ?? [];
  }
}

function isArraySchema(schema: avsc.Schema): boolean {
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema) && (schema as { type?: unknown }).type === 'array';
}

/** avsc's Type.forSchema with every array type's reader bounded by the bytes it has. */
export function forSchemaGuarded(schema: avsc.Schema, options: Partial<avsc.ForSchemaOptions> = {}): avsc.Type {
  return avsc.Type.forSchema(schema, {
    ...options,
    typeHook: (s, opts) => (isArraySchema(s) ? (new GuardedArrayType(s, opts) as unknown as avsc.Type) : options.typeHook?.(s, opts)),
  });
}
