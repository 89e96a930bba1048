import { readFileSync } from 'node:fs';
import { createCodecRegistry, bindCodec } from './src/codecs/registry.js';
import { createDatasetRegistry } from './src/datasets/registry.js';
const [codec, dataset, file] = process.argv.slice(2);
process.on('unhandledRejection', (e) => { console.log('UNHANDLED', e); });
process.on('uncaughtException', (e) => { console.log('UNCAUGHT', e); });
const inst = bindCodec(createCodecRegistry().get(codec!), createDatasetRegistry().get(dataset!).schema);
const t = performance.now();
try { const r = await inst.decode(readFileSync(file!)); console.log('decoded', r.length); } catch (e) { console.log('threw', e, (e as Error).cause); }
console.log('ms', performance.now() - t);
