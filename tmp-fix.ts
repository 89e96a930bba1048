import { checkParquetFixtures, parquetCodecs } from './src/codecs/fuzz/parquet-fixtures.js';
import { createCodecRegistry } from './src/codecs/registry.js';
import { DecodeSandbox } from './src/codecs/sandbox/sandbox.js';
import { createDatasetRegistry } from './src/datasets/registry.js';
const datasets = createDatasetRegistry(); const codecs = createCodecRegistry();
const sb = new DecodeSandbox({ timeoutMs: 10000 });
for (const c of await parquetCodecs(codecs, datasets.get('log'))) {
  for (const r of await checkParquetFixtures('test/fixtures/parquet', c, sb, datasets)) console.log(c.name.padEnd(18), r.fixture.file.padEnd(55), r.result.kind, ('message' in r.result ? r.result.message : 'detail' in r.result ? r.result.detail : r.result.records).toString().slice(0, 200));
}
await sb.close();
