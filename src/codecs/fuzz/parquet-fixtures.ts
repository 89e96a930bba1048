import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataRecord } from '../../datasets/schema.js';
import { generate, type Dataset } from '../../datasets/types.js';
import { describeDifference, firstDifference } from '../../fidelity/equal.js';
import type { Registry } from '../../registry.js';
import { bindCodec } from '../registry.js';
import type { DecodeSandbox } from '../sandbox/sandbox.js';
import type { Codec } from '../types.js';
import { judge } from './verdict.js';

/** One entry of test/fixtures/parquet/manifest.json (written by scripts/parquet-fixtures.py). */
export interface ParquetFixture {
  readonly file: string;
  readonly writer: string;
  readonly valid: boolean;
  readonly rows: number | null;
  /** The JSON file (under source/) holding the records a valid fixture was written from. */
  readonly source: string | null;
  readonly description: string;
}

export type FixtureResult =
  | { readonly kind: 'same-records'; readonly records: number }
  | { readonly kind: 'different-records'; readonly detail: string }
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'failure'; readonly detail: string };

export interface FixtureCheck {
  readonly fixture: ParquetFixture;
  readonly codec: string;
  readonly result: FixtureResult;
}

export function loadParquetFixtures(dir: string): ParquetFixture[] {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ParquetFixture[];
}

export function fixtureDataset(fixture: ParquetFixture): string {
  return fixture.file.split('-')[0] ?? '';
}

/** Codecs whose encoding is a Parquet file (it starts with PAR1): the ones other writers' files are for. */
export async function parquetCodecs(codecs: Registry<Codec>, dataset: Dataset): Promise<Codec[]> {
  const found: Codec[] = [];
  for (const codec of codecs.all()) {
    try {
      const bytes = await bindCodec(codec, dataset.schema).encode(generate(dataset, 1));
      if (Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'PAR1') found.push(codec);
    } catch {
      // A codec that cannot encode this dataset is not tried here.
    }
  }
  return found;
}

/**
 * Decodes every fixture with a codec in the sandbox. A valid fixture must come
 * back as exactly the records it was written from, or be rejected with a message
 * (an encoding the library does not support); a corrupt one must be rejected or
 * decode to records (damaged values can look valid). Never a hang, crash or vague error.
 */
export async function checkParquetFixtures(dir: string, codec: Codec, sandbox: DecodeSandbox, datasets: Registry<Dataset>): Promise<FixtureCheck[]> {
  const checks: FixtureCheck[] = [];
  for (const fixture of loadParquetFixtures(dir)) {
    const dataset = datasets.get(fixtureDataset(fixture));
    const outcome = await sandbox.decode(codec.name, dataset.name, new Uint8Array(readFileSync(join(dir, fixture.file))));
    const verdict = judge(codec.name, outcome);
    let result: FixtureResult;
    if (verdict.kind === 'failure') result = { kind: 'failure', detail: `${verdict.failure}: ${verdict.detail}` };
    else if (verdict.kind === 'rejected') result = { kind: 'rejected', message: verdict.message };
    else if (!fixture.source) result = { kind: 'same-records', records: verdict.records };
    else {
      // The sandbox reports counts only; the comparison decodes again here, which is safe: it just decoded.
      const expected = JSON.parse(readFileSync(join(dir, 'source', fixture.source), 'utf8')) as DataRecord[];
      const decoded = await bindCodec(codec, dataset.schema).decode(new Uint8Array(readFileSync(join(dir, fixture.file))));
      const difference = firstDifference(dataset.schema, expected, decoded);
      result = difference ? { kind: 'different-records', detail: describeDifference(difference) } : { kind: 'same-records', records: decoded.length };
    }
    checks.push({ fixture, codec: codec.name, result });
  }
  return checks;
}
