import { Packr } from 'msgpackr'; import { Encoder } from 'cbor-x';
for (const [n, e] of [['msgpack', new Packr({ useRecords: false })], ['cbor', new Encoder({ useRecords: false })]] as const) {
  const a = e.encode({ x: 'a'.repeat(100) }); const copy = Buffer.from(a);
  for (let i = 0; i < 5000; i++) e.encode({ y: 'b'.repeat(1000 + i) });
  console.log(n, a.equals(copy), a.buffer.byteLength);
}
