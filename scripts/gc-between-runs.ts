// Why pipeline repetitions are separated by a young-generation collection, not a full one:
// decodes the same 50 batches of 1000 orders with Protobuf eight times, after each kind of
// forced collection, and prints each pass's time and its first batches' times.
// Run: npx tsx scripts/gc-between-runs.ts   (add --trace-deopt before tsx's loader to see why:
// node --trace-deopt --import tsx scripts/gc-between-runs.ts)
import { bindCodec, createCodecRegistry } from '../src/codecs/registry.js';
import { ordersDataset } from '../src/datasets/orders.js';
import { generate } from '../src/datasets/types.js';
import { collectGarbage, collectYoungGarbage } from '../src/pipeline/measure/gc.js';

const BATCHES = 50;
const PASSES = 8;
const codec = bindCodec(createCodecRegistry().get('protobuf'), ordersDataset.schema);
if (codec.mode !== 'sync') throw new Error('the protobuf codec is expected to be synchronous');
const batches = Array.from({ length: BATCHES }, (_, index) => codec.encode(generate(ordersDataset, 1000, index + 1)));

let decoded = 0;
for (const [label, collect] of [['full', collectGarbage], ['young', collectYoungGarbage]] as const) {
  for (let pass = 0; pass < PASSES; pass++) {
    collect();
    const firstMs: string[] = [];
    const started = performance.now();
    for (const [index, bytes] of batches.entries()) {
      const at = performance.now();
      decoded += codec.decode(bytes).length;
      if (index < 4) firstMs.push((performance.now() - at).toFixed(1));
    }
    console.log(`after a ${label} collection, pass ${pass + 1}: ${(performance.now() - started).toFixed(0)} ms; first batches ${firstMs.join(', ')} ms`);
  }
}
console.log(`${decoded} records decoded`);
