import { basename } from 'node:path';
import type { DataRecord } from '../datasets/schema.js';
import type { Dataset } from '../datasets/types.js';
import { compileCoercion } from './coerce.js';
import { createInputFormatRegistry } from './formats/registry.js';
import { readAll } from './read.js';
import { InputError, type InputSpec, type RawRecord } from './types.js';

interface Cursor {
  readonly next: () => RawRecord | undefined;
  readonly close: () => void;
  /** Index of the record `next()` returns. */
  index: number;
}

function describe(spec: InputSpec): string {
  return `${spec.provenance.file} (${spec.format}, ${spec.provenance.bytes} bytes)`;
}

/**
 * A user's file as a Dataset. Text formats (NDJSON, JSON, CSV, TSV) and Protobuf are
 * read synchronously and lazily: `stream()` reads the records it hands out, so a
 * pipeline's source stage reads the file while it is timed, and the next batch
 * continues where the last one stopped (one open cursor, no re-reading). Formats
 * whose libraries read asynchronously (Parquet, Avro, Arrow) have their first
 * `preload` records read when the dataset is opened, before anything is timed.
 * Either way memory follows the records used, not the size of the file.
 */
export async function openInputDataset(spec: InputSpec, preload: number): Promise<Dataset> {
  const format = createInputFormatRegistry().get(spec.format);
  const file = basename(spec.path);
  const coerce = compileCoercion(spec.schema, file, format.textual);
  const base = { name: spec.name, description: describe(spec), schema: spec.schema, provenance: spec.provenance, ...(spec.available === undefined ? {} : { available: spec.available }) };
  const tooFew = (read: number, wanted: number): InputError =>
    new InputError(`${file} has ${read} records, fewer than the ${wanted} the run asked for`);

  const probe = format.open(spec.path, spec.options);
  if (probe.mode === 'async') {
    const records: DataRecord[] = [];
    const want = Math.min(preload, spec.available ?? preload);
    for await (const raw of readAll(probe)) {
      if (records.length >= want) break;
      records.push(coerce(raw, records.length + 1));
    }
    return {
      ...base,
      *stream(count, _seed, startIndex = 0) {
        if (startIndex + count > records.length) throw tooFew(records.length, startIndex + count);
        for (let i = startIndex; i < startIndex + count; i++) yield records[i] as DataRecord;
      },
    };
  }
  probe.close();

  let idle: Cursor | undefined;
  const openCursor = (): Cursor => {
    const reader = format.open(spec.path, spec.options);
    if (reader.mode !== 'sync') throw new Error(`${spec.format} reader changed mode`);
    return { next: () => reader.next(), close: () => reader.close(), index: 0 };
  };
  return {
    ...base,
    *stream(count, _seed, startIndex = 0) {
      // The idle cursor is reused when this stream starts where the last one ended.
      let cursor: Cursor;
      if (idle && idle.index <= startIndex) cursor = idle;
      else {
        idle?.close();
        cursor = openCursor();
      }
      idle = undefined;
      let failed = false;
      try {
        while (cursor.index < startIndex) {
          if (cursor.next() === undefined) throw tooFew(cursor.index, startIndex + count);
          cursor.index++;
        }
        for (let i = 0; i < count; i++) {
          const raw = cursor.next();
          if (raw === undefined) throw tooFew(cursor.index, startIndex + count);
          cursor.index++;
          yield coerce(raw, cursor.index);
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        if (failed || idle !== undefined) cursor.close();
        else idle = cursor;
      }
    },
  };
}

/** Every input of a run as datasets, for any process or thread that measures them. */
export function openInputDatasets(specs: readonly InputSpec[], preload: number): Promise<Dataset[]> {
  return Promise.all(specs.map((spec) => openInputDataset(spec, preload)));
}
