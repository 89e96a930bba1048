import type { CodecInstance } from '../codecs/types.js';
import type { DataRecord } from '../datasets/schema.js';
import type { Batch, BytesBatch, RecordBatch, Transform } from './types.js';

function expectRecords(batch: Batch, step: string): RecordBatch {
  if (batch.kind !== 'records') throw new Error(`${step} needs a batch of records, got bytes (batch ${batch.seq})`);
  return batch;
}

function expectBytes(batch: Batch, step: string): BytesBatch {
  if (batch.kind !== 'bytes') throw new Error(`${step} needs a batch of bytes, got records (batch ${batch.seq})`);
  return batch;
}

function toBytes(batch: Batch, bytes: Uint8Array): BytesBatch {
  return { kind: 'bytes', seq: batch.seq, count: batch.count, bornAt: batch.bornAt, encodedBytes: bytes.byteLength, bytes };
}

function toRecords(batch: BytesBatch, records: readonly DataRecord[]): RecordBatch {
  if (records.length !== batch.count) throw new Error(`decoded ${records.length} records from batch ${batch.seq}, expected ${batch.count}`);
  return { kind: 'records', seq: batch.seq, count: batch.count, bornAt: batch.bornAt, encodedBytes: batch.bytes.byteLength, records };
}

/** The no-op transform: measures the pipeline itself. */
export const passthrough: Transform = (batch) => batch;

/** Records to bytes. A synchronous codec gives a synchronous transform (no promise per batch). */
export function encodeTransform(codec: CodecInstance): Transform {
  if (codec.mode === 'sync') return (batch) => toBytes(batch, codec.encode(expectRecords(batch, 'encode').records));
  return async (batch) => toBytes(batch, await codec.encode(expectRecords(batch, 'encode').records));
}

/** Bytes to records, checking the record count survived. */
export function decodeTransform(codec: CodecInstance): Transform {
  if (codec.mode === 'sync') {
    return (batch) => {
      const input = expectBytes(batch, 'decode');
      return toRecords(input, codec.decode(input.bytes));
    };
  }
  return async (batch) => {
    const input = expectBytes(batch, 'decode');
    return toRecords(input, await codec.decode(input.bytes));
  };
}

/** Bytes in one codec to bytes in another (decode, then encode). */
export function transcodeTransform(from: CodecInstance, to: CodecInstance): Transform {
  const decode = decodeTransform(from);
  const encode = encodeTransform(to);
  return (batch) => {
    const decoded = decode(batch);
    return decoded instanceof Promise ? decoded.then(encode) : encode(decoded);
  };
}
