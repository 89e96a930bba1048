import type { CodecInstance } from '../codecs/types.js';
import type { DataRecord } from '../datasets/schema.js';
import type { Dataset } from '../datasets/types.js';
import { now } from './clock.js';
import type { BatchSource } from './scenarios/types.js';
import type { Batch, Shard } from './types.js';

/** The [start, count) record ranges of a shard's batches. */
export function* batchRanges(shard: Shard, batchSize: number): Generator<[start: number, count: number]> {
  const end = shard.start + shard.count;
  for (let start = shard.start; start < end; start += batchSize) yield [start, Math.min(batchSize, end - start)];
}

/**
 * Splits `records` into `parts` shards on batch boundaries, so the batches are the same
 * whether one worker or eight make them.
 */
export function splitShards(records: number, batchSize: number, parts: number): Shard[] {
  const batches = Math.ceil(records / batchSize);
  const shards: Shard[] = [];
  for (let part = 0; part < parts; part++) {
    const first = Math.floor((batches * part) / parts);
    const last = Math.floor((batches * (part + 1)) / parts);
    const start = Math.min(records, first * batchSize);
    shards.push({ start, count: Math.min(records, last * batchSize) - start });
  }
  return shards;
}

/** A Uint8Array that owns its whole ArrayBuffer (a copy unless it already does), safe to transfer. */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !(bytes.buffer instanceof SharedArrayBuffer) ? bytes : new Uint8Array(bytes);
}

/** Records generated before timing, cut into batches; runs hand out the same arrays. */
export function memoryRecordSource(dataset: Dataset, shard: Shard, seed: number, batchSize: number): BatchSource {
  const all = Array.from(dataset.stream(shard.count, seed, shard.start));
  const firstSeq = Math.floor(shard.start / batchSize);
  const slices: DataRecord[][] = [];
  for (const [start, count] of batchRanges({ start: 0, count: all.length }, batchSize)) slices.push(all.slice(start, start + count));
  return {
    *batches() {
      for (let i = 0; i < slices.length; i++) {
        const records = slices[i] as DataRecord[];
        yield { kind: 'records', seq: firstSeq + i, count: records.length, bornAt: now(), encodedBytes: 0, records };
      }
    },
  };
}

/** Records generated lazily while the run is timed: generation is part of the pipeline. */
export function generatedRecordSource(dataset: Dataset, shard: Shard, seed: number, batchSize: number): BatchSource {
  const firstSeq = Math.floor(shard.start / batchSize);
  return {
    *batches() {
      let seq = firstSeq;
      for (const [start, count] of batchRanges(shard, batchSize)) {
        const records = Array.from(dataset.stream(count, seed, start));
        yield { kind: 'records', seq: seq++, count, bornAt: now(), encodedBytes: 0, records };
      }
    },
  };
}

/** Records encoded with a codec before timing; runs hand out the encoded batches. */
export async function memoryBytesSource(dataset: Dataset, shard: Shard, seed: number, batchSize: number, codec: CodecInstance): Promise<BatchSource> {
  const firstSeq = Math.floor(shard.start / batchSize);
  const encoded: { bytes: Uint8Array; count: number }[] = [];
  for (const [start, count] of batchRanges(shard, batchSize)) {
    const records = Array.from(dataset.stream(count, seed, start));
    encoded.push({ bytes: await codec.encode(records), count });
  }
  return {
    batches(transferable) {
      // Moving a buffer to a worker detaches it here, so a run that transfers gets fresh
      // copies, all made now: a variant calls batches() before its clock starts.
      const run = transferable ? encoded.map(({ bytes, count }) => ({ bytes: new Uint8Array(bytes), count })) : encoded;
      return (function* () {
        for (let i = 0; i < run.length; i++) {
          const { bytes, count } = run[i] as { bytes: Uint8Array; count: number };
          yield { kind: 'bytes', seq: firstSeq + i, count, bornAt: now(), encodedBytes: bytes.byteLength, bytes } satisfies Batch;
        }
      })();
    },
  };
}
