import {
  Binary,
  Bool,
  Field as ArrowField,
  Float64,
  Int32,
  Int64,
  List,
  Map_,
  makeBuilder,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  tableFromIPC,
  tableToIPC,
  Utf8,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { mayBeMissing, type DataRecord, type Field, type FieldType, type RecordSchema } from '../datasets/schema.js';
import { compileInPlace } from './convert.js';
import { checkArrowIpc } from './guards/arrow-ipc.js';
import { bigintToNumber, compileToBigint } from './int64.js';
import type { Codec } from './types.js';

function toArrowType(type: FieldType): DataType {
  switch (type.kind) {
    case 'string':
    case 'enum':
      return new Utf8();
    case 'bytes':
      return new Binary();
    case 'timestamp':
      return new TimestampMillisecond();
    case 'map':
      return new Map_(new ArrowField('entries', new Struct<{ key: Utf8; value: DataType }>([new ArrowField('key', new Utf8(), false), new ArrowField('value', toArrowType(type.values), true)]), false));
    case 'bool':
      return new Bool();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'double':
      return new Float64();
    case 'list':
      return new List(new ArrowField('item', toArrowType(type.of), true));
    case 'struct':
      return new Struct(toArrowFields(type.fields));
  }
}

function toArrowFields(fields: readonly Field[]): ArrowField[] {
  return fields.map((f) => new ArrowField(f.name, toArrowType(f.type), mayBeMissing(f)));
}

/** The Arrow schema derived from a dataset's RecordSchema (exported for docs and tests). */
export function arrowSchema(schema: RecordSchema): Schema {
  return new Schema(toArrowFields(schema.fields));
}

/** One column of decoded values, indexable by row (a typed array when nothing needs converting). */
type Column = ArrayLike<unknown>;
type ColumnDecoder = (vector: Vector) => Column;

function withNulls(vector: Vector, values: ArrayLike<unknown>): Column {
  if (vector.nullCount === 0) return values;
  const out = new Array<unknown>(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector.isValid(i) ? values[i] : null;
  return out;
}

/**
 * Column-at-a-time decoding back to the record model: numeric columns come out as
 * typed arrays, int64 (BigInt64Array) as numbers, lists are cut from their child
 * column by the offsets, structs are zipped from their children.
 */
function compileColumnDecoder(type: FieldType): ColumnDecoder {
  switch (type.kind) {
    case 'int32':
    case 'double':
      return (vector) => withNulls(vector, vector.toArray() as ArrayLike<unknown>);
    case 'int64':
      return (vector) => {
        const values = vector.toArray() as BigInt64Array;
        const out = new Array<unknown>(values.length);
        for (let i = 0; i < values.length; i++) out[i] = bigintToNumber(values[i]);
        return withNulls(vector, out);
      };
    case 'string':
    case 'enum':
    case 'bool':
    case 'bytes':
      // Already plain values with null for a missing one.
      return (vector) => vector.toArray() as ArrayLike<unknown>;
    case 'timestamp':
      return (vector) => {
        const values = vector.toArray() as BigInt64Array;
        const out = new Array<unknown>(values.length);
        for (let i = 0; i < values.length; i++) out[i] = new Date(Number(values[i]));
        return withNulls(vector, out);
      };
    case 'map': {
      // A map row's toJSON() is the plain object; values still need the record model's kinds.
      const values = compileInPlace(type.values, arrowValueToModel);
      return (vector) => {
        const out = new Array<unknown>(vector.length);
        for (let i = 0; i < vector.length; i++) {
          const row = vector.get(i) as { toJSON(): Record<string, unknown> } | null;
          const object = row === null ? null : row.toJSON();
          if (object && values) for (const key of Object.keys(object)) object[key] = values(object[key]);
          out[i] = object;
        }
        return out;
      };
    }
    case 'list': {
      const item = compileColumnDecoder(type.of);
      return (vector) => {
        const out: unknown[] = [];
        for (const data of vector.data) {
          const child = data.children[0];
          const values = child ? item(makeVector(child)) : [];
          const offsets = data.valueOffsets as Int32Array;
          for (let i = 0; i < data.length; i++) {
            if (data.nullCount > 0 && !data.getValid(i)) {
              out.push(null);
              continue;
            }
            const start = offsets[i] ?? 0;
            const end = offsets[i + 1] ?? 0;
            // Offsets come from the bytes: damaged ones must not size an array (guards/arrow-ipc.ts).
            if (start < 0 || end < start || end > values.length) throw new Error(`corrupt Arrow data: list ${i} spans offsets ${start}..${end} of a ${values.length}-value child column`);
            const list = new Array<unknown>(end - start);
            for (let j = 0, k = start; j < list.length; j++, k++) list[j] = values[k];
            out.push(list);
          }
        }
        return out;
      };
    }
    case 'struct': {
      const rows = compileRowAssembler(type.fields);
      return (vector) => {
        const out = rows((name) => vector.getChild(name), vector.length);
        return vector.nullCount === 0 ? out : withNulls(vector, out);
      };
    }
  }
}

/** Values read one at a time from Arrow (inside maps) to the record model: int64 bigints to numbers, timestamps (ms numbers) to Dates. */
function arrowValueToModel(type: FieldType): ((value: unknown) => unknown) | undefined {
  if (type.kind === 'int64') return bigintToNumber;
  if (type.kind === 'timestamp') return (value) => (typeof value === 'number' ? new Date(value) : value);
  if (type.kind === 'struct' || type.kind === 'list') return (value) => (value !== null && typeof value === 'object' && 'toJSON' in value ? compileInPlace(type, arrowValueToModel)?.((value as { toJSON(): unknown }).toJSON()) ?? (value as { toJSON(): unknown }).toJSON() : value);
  return undefined;
}

/** Builds row objects from child columns; every object gets the same keys in the same order (one hidden class). */
function compileRowAssembler(fields: readonly Field[]): (child: (name: string) => Vector | null, length: number) => Record<string, unknown>[] {
  const decoders = fields.map((f) => [f.name, compileColumnDecoder(f.type)] as const);
  return (child, length) => {
    const columns = decoders.map(([name, decode]) => {
      const vector = child(name);
      if (!vector) throw new Error(`column '${name}' is missing from the Arrow data`);
      return [name, decode(vector)] as const;
    });
    const rows = new Array<Record<string, unknown>>(length);
    for (let i = 0; i < length; i++) {
      const row: Record<string, unknown> = {};
      for (const [name, values] of columns) row[name] = values[i];
      rows[i] = row;
    }
    return rows;
  };
}

/**
 * Apache Arrow IPC stream format (apache-arrow): columnar, like Parquet, but made
 * to be read in place, not stored small. Encode appends each field's values to
 * an Arrow builder (one column per field), makes one record batch and writes the
 * IPC stream; decode reads the table and turns its columns back into row objects,
 * which is the price of the record model: an Arrow-native consumer would read the
 * columns themselves.
 */
export const arrowCodec: Codec = {
  name: 'arrow',
  description: 'apache-arrow IPC stream, one record batch built with per-column builders; decode turns columns back into rows',
  int64: 'Int64 column (BigInt64Array): numbers converted to bigint on encode and back to number on decode; exact to 2^63',
  create(schema) {
    const fieldsSchema = arrowSchema(schema);
    const batchType = new Struct(fieldsSchema.fields);
    const columns = schema.fields.map((f, i) => ({ name: f.name, type: fieldsSchema.fields[i]!.type, convert: compileToBigint(f.type) }));
    const assemble = compileRowAssembler(schema.fields);
    return {
      mode: 'sync',
      encode(records) {
        const children = columns.map(({ name, type, convert }) => {
          const builder = makeBuilder({ type, nullValues: [null, undefined] });
          for (const record of records) builder.append(convert(record[name]));
          return builder.finish().flush();
        });
        const data = makeData({ type: batchType, length: records.length, nullCount: 0, children });
        return tableToIPC(new Table([new RecordBatch(fieldsSchema, data)]), 'stream');
      },
      decode(bytes) {
        // Writes the stream format; reads a file (ARROW1) from another writer too.
        checkArrowIpc(bytes);
        const table = tableFromIPC(bytes);
        return assemble((name) => table.getChild(name), table.numRows) as DataRecord[];
      },
    };
  },
};
