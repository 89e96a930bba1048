import fc from 'fast-check';
import type { Corpus, Seed } from './corpus.js';

/** How a hostile input was made from the corpus. */
export const MUTATION_KINDS = [
  'truncated',
  'bit-flipped',
  'length-inflated',
  'overwritten',
  'spliced',
  'random',
  'framed-random',
  'wrong-format',
  'hostile-keys',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface HostileInput {
  readonly kind: MutationKind;
  readonly dataset: string;
  /** The seed it came from (`log × 24 records`). */
  readonly origin: string;
  /** What was done to it (`u32le 0xffffffff at byte 1204`), enough to rebuild it by hand. */
  readonly detail: string;
  readonly bytes: Uint8Array;
}

/** Where a mutation lands: headers and footers (lengths, magic, offsets) get as much attention as the body. */
const position = fc.oneof(
  fc.record({ from: fc.constant('start' as const), offset: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ from: fc.constant('end' as const), offset: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ from: fc.constant('anywhere' as const), offset: fc.nat() }),
);
type Position = { from: 'start' | 'end' | 'anywhere'; offset: number };

function resolve(at: Position, length: number): number {
  if (length === 0) return 0;
  if (at.from === 'start') return Math.min(at.offset, length - 1);
  if (at.from === 'end') return Math.max(0, length - at.offset);
  return at.offset % length;
}

/** Lengths and counts a forged header might claim. */
const LARGE_VALUES = [0x7f, 0xff, 0x7fff, 0xffff, 0xffffff, 0x1000000, 0x10000000, 0x3fffffff, 0x40000000, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff] as const;
const WIDTHS = ['u8', 'u16le', 'u16be', 'u32le', 'u32be', 'varint', 'u64le'] as const;
type Width = (typeof WIDTHS)[number];

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

function encodeValue(value: number, width: Width): number[] {
  switch (width) {
    case 'u8':
      return [value & 0xff];
    case 'u16le':
      return [value & 0xff, (value >>> 8) & 0xff];
    case 'u16be':
      return [(value >>> 8) & 0xff, value & 0xff];
    case 'u32le':
      return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
    case 'u32be':
      return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    case 'varint':
      return varint(value);
    case 'u64le':
      return [...encodeValue(value, 'u32le'), 0, 0, 0, 0];
  }
}

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

function overwrite(bytes: Uint8Array, at: number, values: readonly number[]): Uint8Array {
  const out = Uint8Array.from(bytes);
  values.forEach((value, i) => {
    if (at + i < out.length) out[at + i] = value;
  });
  return out;
}

function make(seed: Seed, kind: MutationKind, detail: string, bytes: Uint8Array): HostileInput {
  return { kind, dataset: seed.dataset, origin: seed.origin, detail, bytes };
}

function truncated(seed: Seed): fc.Arbitrary<HostileInput> {
  const length = seed.bytes.length;
  return fc
    .record({ keep: fc.integer({ min: 0, max: Math.max(0, length - 1) }), fromFront: fc.boolean() })
    .map(({ keep, fromFront }) =>
      fromFront
        ? make(seed, 'truncated', `last ${keep} of ${length} bytes (front cut)`, seed.bytes.slice(length - keep))
        : make(seed, 'truncated', `first ${keep} of ${length} bytes`, seed.bytes.slice(0, keep)),
    );
}

function bitFlipped(seed: Seed): fc.Arbitrary<HostileInput> {
  return fc.array(fc.record({ at: position, bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 8 }).map((flips) => {
    const out = Uint8Array.from(seed.bytes);
    const done: string[] = [];
    for (const flip of flips) {
      if (out.length === 0) break;
      const at = resolve(flip.at, out.length);
      out[at] = (out[at] ?? 0) ^ (1 << flip.bit);
      done.push(`${at}.${flip.bit}`);
    }
    return make(seed, 'bit-flipped', `bits flipped at byte.bit ${done.join(' ') || '(empty input)'}`, out);
  });
}

function lengthInflated(seed: Seed): fc.Arbitrary<HostileInput> {
  const length = seed.bytes.length;
  const values = [...LARGE_VALUES, length + 1, length * 2 + 7, length * 1000];
  return fc.record({ at: position, width: fc.constantFrom(...WIDTHS), value: fc.constantFrom(...values) }).map(({ at, width, value }) => {
    const where = resolve(at, length);
    return make(seed, 'length-inflated', `${width} ${hex(value)} written at byte ${where}`, overwrite(seed.bytes, where, encodeValue(value, width)));
  });
}

function overwritten(seed: Seed): fc.Arbitrary<HostileInput> {
  const byte = fc.oneof(fc.constantFrom(0x00, 0xff, 0x7f, 0x80, 0x01, 0x0a, 0x22, 0x5b, 0x7b), fc.integer({ min: 0, max: 255 }));
  return fc.array(fc.record({ at: position, byte }), { minLength: 1, maxLength: 6 }).map((writes) => {
    let out = seed.bytes;
    const done: string[] = [];
    for (const write of writes) {
      const where = resolve(write.at, out.length);
      out = overwrite(out, where, [write.byte]);
      done.push(`${hex(write.byte)}@${where}`);
    }
    return make(seed, 'overwritten', `bytes written ${done.join(' ')}`, out);
  });
}

function spliced(seed: Seed): fc.Arbitrary<HostileInput> {
  const length = seed.bytes.length;
  const range = fc.tuple(fc.nat({ max: length }), fc.nat({ max: length })).map(([a, b]): readonly [number, number] => (a <= b ? [a, b] : [b, a]));
  return fc.oneof(
    range.map(([from, to]) => make(seed, 'spliced', `bytes ${from}..${to} deleted`, Buffer.concat([seed.bytes.subarray(0, from), seed.bytes.subarray(to)]))),
    range.map(([from, to]) => make(seed, 'spliced', `bytes ${from}..${to} repeated`, Buffer.concat([seed.bytes.subarray(0, to), seed.bytes.subarray(from)]))),
    fc.record({ at: fc.nat({ max: length }), junk: fc.uint8Array({ minLength: 1, maxLength: 64 }) }).map(({ at, junk }) =>
      make(seed, 'spliced', `${junk.length} random bytes inserted at ${at}`, Buffer.concat([seed.bytes.subarray(0, at), junk, seed.bytes.subarray(at)])),
    ),
  );
}

function framedRandom(seed: Seed): fc.Arbitrary<HostileInput> {
  const length = seed.bytes.length;
  return fc
    .record({ head: fc.nat({ max: Math.min(16, length) }), tail: fc.nat({ max: Math.min(16, length) }), body: fc.uint8Array({ maxLength: 1024 }) })
    .map(({ head, tail, body }) =>
      make(seed, 'framed-random', `first ${head} and last ${tail} bytes kept around ${body.length} random bytes`, Buffer.concat([seed.bytes.subarray(0, head), body, seed.bytes.subarray(length - tail)])),
    );
}

/**
 * Every kind of hostile input for one codec's corpus, weighted toward the
 * structure-aware mutations (they get past magic numbers and into the parsers).
 */
export function hostileInputs(corpus: Corpus): fc.Arbitrary<HostileInput> {
  const mutable = [...corpus.seeds, ...corpus.hostile];
  if (mutable.length === 0) throw new Error(`${corpus.codec}: no dataset could be encoded, nothing to fuzz`);
  const seed = fc.constantFrom(...mutable);
  const anySeed = fc.constantFrom(...mutable);
  const branches: Array<fc.WeightedArbitrary<HostileInput>> = [
    { weight: 3, arbitrary: seed.chain(truncated) },
    { weight: 4, arbitrary: seed.chain(bitFlipped) },
    { weight: 4, arbitrary: seed.chain(lengthInflated) },
    { weight: 2, arbitrary: seed.chain(overwritten) },
    { weight: 2, arbitrary: seed.chain(spliced) },
    { weight: 1, arbitrary: seed.chain(framedRandom) },
    {
      weight: 1,
      arbitrary: fc.record({ like: anySeed, bytes: fc.uint8Array({ maxLength: 2048 }) }).map(({ like, bytes }) => ({ ...make(like, 'random', `${bytes.length} random bytes`, bytes), origin: 'random bytes' })),
    },
  ];
  if (corpus.foreign.length > 0) {
    branches.push({ weight: 1, arbitrary: fc.constantFrom(...corpus.foreign).map((other) => make(other, 'wrong-format', 'valid data in another format', other.bytes)) });
  }
  if (corpus.hostile.length > 0) {
    branches.push({ weight: 1, arbitrary: fc.constantFrom(...corpus.hostile).map((h) => make(h, 'hostile-keys', 'unmutated', h.bytes)) });
  }
  return fc.oneof(...branches);
}
