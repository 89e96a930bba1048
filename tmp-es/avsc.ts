import avsc from 'avsc';
const { Type } = avsc;
const t = Type.forSchema({ type: 'array', items: { type: 'record', name: 'X', fields: [{ name: 'a', type: 'long' }, { name: 'b', type: ['null', 'string'], default: null }, { name: 'l', type: { type: 'array', items: 'string' } }] } } as any);
const buf = t.toBuffer([{ a: 1767225600506, l: [] }, { a: 2, b: 'x', l: ['q'] }, { a: 3, b: undefined, l: [] }]);
console.log(buf.length, t.fromBuffer(buf));
for (const v of [2 ** 53 - 1, 2n ** 63n - 1n, 2 ** 60]) { try { const b = t.toBuffer([{ a: v, l: [] }]); console.log(v, t.fromBuffer(b)[0].a); } catch (e) { console.log('err', v, (e as Error).message); } }
