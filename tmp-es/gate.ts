import { createCodecRegistry, bindCodec } from '../src/codecs/registry.js';
import { createDatasetRegistry } from '../src/datasets/registry.js';
import { generate } from '../src/datasets/types.js';
import { checkRoundTrip } from '../src/fidelity/gate.js';
import { probeCodecs } from '../src/fidelity/probes.js';
const codecs = createCodecRegistry(); const datasets = createDatasetRegistry();
const only = process.argv.slice(2);
for (const codec of codecs.select(only)) {
  for (const d of datasets.all()) {
    const recs = generate(d, 1000);
    const inst = bindCodec(codec, d.schema);
    const t0 = performance.now();
    const r = await checkRoundTrip(inst, d.schema, recs);
    console.log(codec.name.padEnd(18), d.name.padEnd(8), r.ok ? `ok ${r.bytes.byteLength} B ${(performance.now()-t0).toFixed(1)}ms` : r.reason);
  }
}
const table = await probeCodecs(codecs.select(only));
for (const c of table.codecs) { console.log(c.codec); for (const [k, v] of Object.entries(c.outcomes)) console.log('   ', k.padEnd(16), v.kind, 'detail' in v ? v.detail : ''); }
