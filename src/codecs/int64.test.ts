import assert from 'node:assert/strict';
import { test } from 'node:test';
import { field, list, scalar, struct } from '../datasets/schema.js';
import { bigintToNumber, compileBigintToNumber, compileToBigint, containsInt64 } from './int64.js';

const inner = struct([field('id', scalar('int64')), field('name', scalar('string'))]);
const fields = [
  field('a', scalar('int64')),
  field('b', scalar('string')),
  field('c', inner, true),
  field('d', list(scalar('int64'))),
  field('e', list(inner)),
  field('f', list(list(scalar('int64')))),
];

test('containsInt64 looks through lists and structs', () => {
  assert.equal(containsInt64(scalar('int64')), true);
  assert.equal(containsInt64(list(list(scalar('int64')))), true);
  assert.equal(containsInt64(struct([field('x', scalar('double'))])), false);
});

test('compileToBigint converts every int64, copies only what leads to one, and makes absent values null', () => {
  const convert = compileToBigint(struct(fields));
  const shared = ['not copied'];
  const record = { a: 1, b: 'x', c: { id: 2, name: 'n' }, d: [3, 4], e: [{ id: 5, name: 'm' }], f: [[6], []], extra: shared };
  const converted = convert(record) as Record<string, unknown>;
  assert.deepEqual(converted, { a: 1n, b: 'x', c: { id: 2n, name: 'n' }, d: [3n, 4n], e: [{ id: 5n, name: 'm' }], f: [[6n], []], extra: shared });
  assert.equal(converted.extra, shared);
  assert.deepEqual(record.c, { id: 2, name: 'n' }, 'the input is not changed');
  assert.equal((convert({ ...record, c: undefined }) as Record<string, unknown>).c, null);
  assert.equal(compileToBigint(scalar('string'))(undefined), null);
  assert.equal(compileToBigint(scalar('int64'))(2n ** 63n - 1n), 2n ** 63n - 1n);
  assert.throws(() => compileToBigint(scalar('int64'))(1.5), RangeError);
});

test('compileBigintToNumber turns safe bigints back into numbers in place and leaves larger ones exact', () => {
  const fixup = compileBigintToNumber(fields);
  assert.ok(fixup);
  const row: Record<string, unknown> = { a: 1n, b: 'x', c: { id: 2n, name: 'n' }, d: [3n, 2n ** 60n], e: [{ id: 5n, name: 'm' }], f: [[6n], []] };
  fixup(row);
  assert.deepEqual(row, { a: 1, b: 'x', c: { id: 2, name: 'n' }, d: [3, 2n ** 60n], e: [{ id: 5, name: 'm' }], f: [[6], []] });
  const absent: Record<string, unknown> = { a: 0n, b: '', c: null, d: [], e: [] };
  fixup(absent);
  assert.deepEqual(absent, { a: 0, b: '', c: null, d: [], e: [] });
  assert.equal(compileBigintToNumber([field('s', scalar('string'))]), undefined, 'nothing to do without int64');
});

test('bigintToNumber stops at the safe-integer range', () => {
  assert.equal(bigintToNumber(BigInt(Number.MAX_SAFE_INTEGER)), Number.MAX_SAFE_INTEGER);
  assert.equal(bigintToNumber(BigInt(Number.MIN_SAFE_INTEGER)), Number.MIN_SAFE_INTEGER);
  assert.equal(bigintToNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n), BigInt(Number.MAX_SAFE_INTEGER) + 1n);
  assert.equal(bigintToNumber('7'), '7');
});
