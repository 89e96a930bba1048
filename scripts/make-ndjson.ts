// Writes a large NDJSON file of a built-in dataset's records, for measuring --input on
// big files: npx tsx scripts/make-ndjson.ts /tmp/big.ndjson 1024 [log|metrics|orders]
// (size in MiB). The file goes wherever you say; never into the repository.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createDatasetRegistry } from '../src/datasets/registry.js';

const [path, megabytes = '1024', datasetName = 'log'] = process.argv.slice(2);
if (!path) {
  console.error('usage: npx tsx scripts/make-ndjson.ts FILE [MiB] [dataset]');
  process.exit(2);
}
const target = Number(megabytes) * 1024 * 1024;
const dataset = createDatasetRegistry().get(datasetName);
const out = createWriteStream(path);
let bytes = 0;
let records = 0;
const BATCH = 10_000;
while (bytes < target) {
  let chunk = '';
  for (const record of dataset.stream(BATCH, 42, records)) chunk += `${JSON.stringify(record)}\n`;
  records += BATCH;
  bytes += Buffer.byteLength(chunk);
  if (!out.write(chunk)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
console.log(`make-ndjson: ${records} ${datasetName} records, ${(bytes / 1024 / 1024).toFixed(0)} MiB -> ${path}`);
