import type { DataRecord } from '../../datasets/schema.js';
import { generate, type Dataset } from '../../datasets/types.js';
import { bindCodec } from '../registry.js';
import { describeThrown, type Codec } from '../types.js';

/** A real encoding that mutations start from. */
export interface Seed {
  readonly dataset: string;
  /** What it is, for reports: `log × 20 records`. */
  readonly origin: string;
  readonly bytes: Uint8Array;
}

export interface Corpus {
  readonly codec: string;
  /** Valid encodings by this codec of every dataset it supports, some with hostile keys. */
  readonly seeds: readonly Seed[];
  /** The same datasets encoded by the other codecs: valid data in the wrong format. */
  readonly foreign: readonly Seed[];
  /** Records carrying `__proto__` / `constructor.prototype` keys, as this codec encodes them. */
  readonly hostile: readonly Seed[];
  readonly skipped: ReadonlyArray<{ readonly dataset: string; readonly reason: string }>;
}

/** Batch sizes of the seeds: empty, one record, a few, enough for several pages or blocks. */
export const SEED_BATCH_SIZES: readonly number[] = [0, 1, 3, 24];
const SEED_RECORDS_SEED = 7;

// JSON.parse makes `__proto__` an own key (an object literal would set the prototype),
// which is what a hostile encoder would put on the wire.
const HOSTILE_KEYS = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as DataRecord;

async function encodeWith(codec: Codec, dataset: Dataset, records: readonly DataRecord[]): Promise<Uint8Array> {
  return bindCodec(codec, dataset.schema).encode(records);
}

/** Encodes the seed batches of one codec; a dataset the codec cannot bind or encode is skipped and said why. */
export async function buildCorpus(codec: Codec, allCodecs: readonly Codec[], datasets: readonly Dataset[]): Promise<Corpus> {
  const seeds: Seed[] = [];
  const foreign: Seed[] = [];
  const hostile: Seed[] = [];
  const skipped: Array<{ dataset: string; reason: string }> = [];
  for (const dataset of datasets) {
    try {
      for (const size of SEED_BATCH_SIZES) {
        const records = generate(dataset, size, SEED_RECORDS_SEED);
        seeds.push({ dataset: dataset.name, origin: `${dataset.name} × ${size} records`, bytes: await encodeWith(codec, dataset, records) });
      }
    } catch (thrown) {
      skipped.push({ dataset: dataset.name, reason: describeThrown(thrown) });
      continue;
    }
    const hostileRecords = generate(dataset, 2, SEED_RECORDS_SEED).map((record) => ({ ...record, ...HOSTILE_KEYS }));
    try {
      hostile.push({ dataset: dataset.name, origin: `${dataset.name} × 2 records with __proto__ and constructor keys`, bytes: await encodeWith(codec, dataset, hostileRecords) });
    } catch {
      // A codec that refuses to encode extra keys has nothing hostile to decode here.
    }
    for (const other of allCodecs) {
      if (other.name === codec.name) continue;
      try {
        foreign.push({ dataset: dataset.name, origin: `${dataset.name} × 3 records encoded by ${other.name}`, bytes: await encodeWith(other, dataset, generate(dataset, 3, SEED_RECORDS_SEED)) });
      } catch {
        // The other codec does not support this dataset: nothing to borrow.
      }
    }
  }
  return { codec: codec.name, seeds, foreign, hostile, skipped };
}
