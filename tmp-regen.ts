import { buildCorpus } from './src/codecs/fuzz/corpus.js';
import { hostileInputs } from './src/codecs/fuzz/mutations.js';
import { regenerateInput } from './src/codecs/fuzz/campaign.js';
import { createCodecRegistry, bindCodec } from './src/codecs/registry.js';
import { createDatasetRegistry } from './src/datasets/registry.js';
const [codecName, ...idx] = process.argv.slice(2);
const codecs = createCodecRegistry(); const datasets = createDatasetRegistry();
const corpus = await buildCorpus(codecs.get(codecName!), codecs.all(), datasets.all());
const arb = hostileInputs(corpus);
process.on('unhandledRejection', (e) => console.log('  STRAY', (e as Error)?.message, (e as Error)?.stack?.split('\n').slice(1,4).join(' | ')));
for (const i of idx) {
  const input = regenerateInput(arb, 1, Number(i))!;
  console.log(i, input.kind, input.origin, input.detail);
  try { const r = await bindCodec(codecs.get(codecName!), datasets.get(input.dataset).schema).decode(input.bytes); console.log('  decoded', r.length); }
  catch (e) { console.log('  threw', (e as Error).message, '| cause stack:', ((e as Error).cause as Error)?.stack?.split('\n').slice(1,4).join(' | ')); }
  await new Promise((r) => setTimeout(r, 50));
}
