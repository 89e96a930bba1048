import { readFileSync } from 'node:fs';
import { createCodecRegistry, bindCodec } from './src/codecs/registry.js';
import { createDatasetRegistry } from './src/datasets/registry.js';
const [codec, dataset, file] = process.argv.slice(2);
const inst = bindCodec(createCodecRegistry().get(codec!), createDatasetRegistry().get(dataset!).schema);
const t = performance.now();
try { const r = await inst.decode(readFileSync(file!)); console.log('decoded', r.length); } catch (e) { console.log('threw', (e as Error).message); }
console.log('ms', performance.now() - t);
