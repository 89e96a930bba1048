import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { DataType, RecordBatchReader, type Field, type RecordBatch } from 'apache-arrow';
import { describeThrown } from '../../codecs/types.js';
import { InputError, type InputFormat, type RawRecord } from '../types.js';

const FILE_MAGIC = 'ARROW1';

/** An Arrow value in the record model: 64-bit integers exact (bigint past 2^53), timestamps and dates as Dates. */
function toModel(type: DataType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (DataType.isInt(type) && type.bitWidth === 64) {
    const big = typeof value === 'bigint' ? value : BigInt(value as number);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  if (DataType.isTimestamp(type) || DataType.isDate(type)) return new Date(Number(value));
  if (DataType.isDictionary(type)) return toModel(type.dictionary, value);
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const child = (type.children[0] as Field).type;
    return Array.from(value as Iterable<unknown>, (item) => toModel(child, item));
  }
  if (DataType.isStruct(type)) return structToModel(type.children, value as Record<string, unknown>);
  if (DataType.isMap(type)) {
    const entries = (type.children[0] as Field).type as DataType;
    const valueType = (entries.children[1] as Field).type;
    const out: Record<string, unknown> = {};
    for (const [key, item] of value as Iterable<[unknown, unknown]>) out[String(key)] = toModel(valueType, item);
    return out;
  }
  return value;
}

function structToModel(fields: readonly Field[], row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.name] = toModel(f.type, row[f.name]);
  return out;
}

/**
 * Arrow IPC files (ARROW1 magic, random access) and streams with apache-arrow's
 * record-batch reader, one batch at a time. Asynchronous, so read before a pipeline
 * run starts (docs/inputs.md).
 */
export const arrowFormat: InputFormat = {
  name: 'arrow',
  extensions: ['.arrow', '.arrows', '.ipc', '.feather'],
  description: 'Apache Arrow IPC file or stream (apache-arrow)',
  expects: 'the ARROW1 magic of an IPC file, or an IPC stream message',
  textual: false,
  sniff: (head) => head.subarray(0, 6).toString('latin1') === FILE_MAGIC || (head.length >= 8 && head.readUInt32LE(0) === 0xffffffff),
  open(path) {
    const name = basename(path);
    let batches: AsyncIterator<RecordBatch> | undefined;
    let close: (() => Promise<void>) | undefined;
    let batch: RecordBatch | undefined;
    let row = 0;
    const fail = (thrown: unknown): never => {
      throw new InputError(`${name}: not a readable Arrow IPC file: ${describeThrown(thrown)}`);
    };
    const start = async (): Promise<AsyncIterator<RecordBatch>> => {
      const handle = await open(path, 'r');
      const head = Buffer.alloc(6);
      await handle.read(head, 0, 6, 0);
      let reader;
      if (head.toString('latin1') === FILE_MAGIC) {
        reader = await RecordBatchReader.from(handle);
        close = () => handle.close();
      } else {
        await handle.close();
        reader = await RecordBatchReader.from(createReadStream(path));
      }
      return reader[Symbol.asyncIterator]() as AsyncIterator<RecordBatch>;
    };
    return {
      mode: 'async',
      async next() {
        try {
          batches ??= await start();
          while (!batch || row >= batch.numRows) {
            const next = await batches.next();
            if (next.done) return undefined;
            batch = next.value;
            row = 0;
          }
          const values = batch.get(row++)?.toJSON() as Record<string, unknown>;
          return structToModel(batch.schema.fields, values) as RawRecord;
        } catch (thrown) {
          return fail(thrown);
        }
      },
      close: async () => {
        await close?.();
      },
    };
  },
};
