import { Packr } from 'msgpackr'; import { Encoder } from 'cbor-x';
const p = new Packr({ useRecords: false }); const c = new Encoder({ useRecords: false });
for (const v of [1767225600506, 2 ** 53 - 1, -(2 ** 40), 2n ** 63n - 1n, 2n**40n]) {
  const a = p.pack(v), b = c.encode(v);
  console.log(String(v), 'msgpack', a.toString('hex'), typeof p.unpack(a), 'cbor', b.toString('hex'), typeof c.decode(b));
}
