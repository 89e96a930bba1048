const t0 = performance.now();
const { Zstd } = await import('@hpcc-js/wasm-zstd');
const t1 = performance.now();
const z = await Zstd.load();
const t2 = performance.now();
console.log('import', (t1-t0).toFixed(1), 'load', (t2-t1).toFixed(1));
const a = z.compress(new Uint8Array(100000).fill(7), 3);
console.log(a.buffer === z.compress(new Uint8Array(10).fill(1)).buffer, a.buffer.byteLength);
