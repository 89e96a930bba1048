import { resolveInput, sha256File } from './src/inputs/resolve.js';
let t = performance.now();
await sha256File('/tmp/big.ndjson'); console.log('sha256 ms', Math.round(performance.now() - t));
t = performance.now();
await resolveInput({ path: '/tmp/big.ndjson' }, { records: 1000, reserved: [] }); console.log('resolve ms', Math.round(performance.now() - t));
