import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { judge } from '../../src/codecs/fuzz/verdict.js';
import { DecodeSandbox } from '../../src/codecs/sandbox/sandbox.js';

// Inputs the fuzz campaign found (seed 1; see docs/reliability.md), kept so the
// guards that fixed them stay fixed. Named <codec>-<input #>.<dataset>.bin.
const dir = fileURLToPath(new URL('../fixtures/fuzz-regressions/', import.meta.url));
const sandbox = new DecodeSandbox({ timeoutMs: 5_000, maxHeapMb: 256, maxRssGrowthMb: 512 });
after(() => sandbox.close());

/** What each one did before its guard, and what the user reads now. */
const expected: Array<[RegExp, string, RegExp]> = [
  [/^parquet-(190055|202598|347154|390104|403764|412549)\./, 'hung or filled the heap on a forged RLE run length (found in a 500,000-input run)', /corrupt Parquet (page|column '[\w.]+'): an RLE run/],
  [/^parquet-11068\./, 'hung in the Thrift reader on a forged map size in the footer (found in a 700,000-input run)', /corrupt Parquet footer: its metadata has a (map|list) of \d+/],
  [/^parquet-\d+\./, 'hung on a forged page value count or page size', /corrupt Parquet column '[\w.]+': a page (claims \d+ values|at byte \d+ claims)/],
  [/^parquet-hyparquet-(19|396|508|598)\./, 'killed the process with an unhandled rejection after decode failed', /corrupt Parquet metadata: row group 0 has a column|not a Parquet file/],
  [/^parquet-hyparquet-(8381|9185)\./, 'hung on a forged page value count', /corrupt Parquet column '[\w.]+': (the page header at byte \d+|an RLE run)/],
  [/^parquet-hyparquet-22221\./, 'filled the heap on a forged RLE run in a v2 page\'s levels (found in a 700,000-input run)', /corrupt Parquet column '[\w.]+': an RLE run claims \d+ values where only \d+ remain \(in its levels\)/],
  [/^arrow-(86|269)\./, 'hung allocating gigabytes on a forged FlatBuffers vector length', /corrupt Arrow IPC data: .* count \d+ does not fit/],
  [/^arrow-980\./, 'hung allocating gigabytes on forged list offsets', /corrupt Arrow data: list 0 spans offsets/],
  [/^avro-/, 'hung allocating gigabytes on a forged array block count', /corrupt Avro data: an array block claims \d+ items of at least \d+ bytes each, but only \d+ bytes are left/],
  [/^msgpack-records-/, 'returned numbers as records', /element 1 is number/],
];

const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));

test('the regression inputs are there', () => assert.ok(files.length >= 15, files.join(', ')));

for (const file of files) {
  const [pattern, before, message] = expected.find(([p]) => p.test(file)) ?? [];
  test(`${file} (${before ?? 'no expectation written'}) is now refused with a message that says so`, async () => {
    assert.ok(pattern && message, `add ${file} to the table above`);
    const codec = file.replace(/-\d+\.\w+\.bin$/, '');
    const dataset = file.split('.')[1] ?? '';
    const verdict = judge(codec, await sandbox.decode(codec, dataset, new Uint8Array(readFileSync(join(dir, file)))));
    assert.equal(verdict.kind, 'rejected', JSON.stringify(verdict));
    assert.match(verdict.kind === 'rejected' ? verdict.message : '', message);
  });
}
