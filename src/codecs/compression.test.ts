import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDatasetRegistry } from '../datasets/registry.js';
import { generate } from '../datasets/types.js';
import { checkRoundTrip } from '../fidelity/gate.js';
import { addCompressedCodecs, compressedCodecNames, createCompressorRegistry, loadCompressors, withCompression } from './compression.js';
import { bindCodec, createCodecRegistry } from './registry.js';
import { CodecError, type Codec } from './types.js';

const compressors = createCompressorRegistry();
const codecs = createCodecRegistry();
const datasets = createDatasetRegistry();

/** Deterministic bytes: half a repeated text (compressible), half noise. */
function sampleBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = i % 2 === 0 ? 'serbench'.charCodeAt(i % 8) : state >>> 24;
  }
  return bytes;
}

describe('every compressor round-trips bytes', async () => {
  const loaded = await loadCompressors(compressors.all());
  for (const compressor of loaded) {
    test(compressor.name, () => {
      for (const input of [new Uint8Array(0), Uint8Array.of(0), sampleBytes(200_000)]) {
        const compressed = compressor.compress(input);
        assert.deepEqual(new Uint8Array(compressor.decompress(compressed)), input);
      }
      const repetitive = new TextEncoder().encode('the same line again\n'.repeat(5000));
      assert.ok(compressor.compress(repetitive).byteLength < repetitive.byteLength / 20, 'repetitive text compresses well');
    });
  }

  test('a compressed result stays valid after later calls (no shared output buffer)', () => {
    for (const compressor of loaded) {
      const first = sampleBytes(5000);
      const compressed = compressor.compress(first);
      const copy = new Uint8Array(compressed);
      compressor.compress(sampleBytes(50_000));
      compressor.decompress(compressor.compress(sampleBytes(7000)));
      assert.deepEqual(new Uint8Array(compressed), copy, compressor.name);
      assert.deepEqual(new Uint8Array(compressor.decompress(compressed)), first, compressor.name);
    }
  });

  test('corrupt input throws', () => {
    for (const compressor of loaded) assert.throws(() => compressor.decompress(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)), compressor.name);
  });
});

test('compressor names are <algorithm>-<level>, and no codec name ends in one (composed names stay unambiguous)', () => {
  for (const name of compressors.names()) assert.match(name, /^(gzip|deflate|brotli|zstd)-\d+$/);
  for (const codec of codecs.names()) {
    for (const compressor of compressors.names()) assert.ok(!codec.endsWith(`-${compressor}`), `${codec} looks like a composed name`);
  }
  for (const name of compressedCodecNames(codecs, codecs.names(), compressors.names())) assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('an unknown compressor names the valid ones', () => {
  assert.throws(() => compressors.get('lz4'), /^UnknownNameError: unknown compressor 'lz4'; valid: gzip-1, gzip-6, .*zstd-19$/);
});

describe('withCompression', async () => {
  const [gzip6, zstd3] = await loadCompressors(compressors.select(['gzip-6', 'zstd-3']));
  assert.ok(gzip6 && zstd3);

  test('names, describes and carries the int64 note of the codec it wraps', () => {
    const composed = withCompression(codecs.get('protobuf'), gzip6);
    assert.equal(composed.name, 'protobuf-gzip-6');
    assert.match(composed.description, /protobufjs .*; then node:zlib gzip, level 6$/);
    assert.equal(composed.int64, codecs.get('protobuf').int64);
  });

  test('its bytes are the codec’s bytes compressed', async () => {
    const schema = datasets.get('log').schema;
    const records = generate(datasets.get('log'), 200);
    const plain = await bindCodec(codecs.get('msgpack'), schema).encode(records);
    const compressed = await bindCodec(withCompression(codecs.get('msgpack'), zstd3), schema).encode(records);
    assert.ok(compressed.byteLength < plain.byteLength / 2);
    assert.deepEqual(new Uint8Array(zstd3.decompress(compressed)), new Uint8Array(plain));
  });

  // A sync codec and an async one (hyparquet), each through the fidelity gate on every dataset.
  for (const name of ['json', 'parquet-hyparquet']) {
    for (const dataset of datasets.all()) {
      test(`${name} with gzip-6 and zstd-3 passes the fidelity gate on ${dataset.name}`, async () => {
        const records = generate(dataset, 150, 3);
        for (const compressor of [gzip6, zstd3]) {
          const composed = withCompression(codecs.get(name), compressor);
          const instance = bindCodec(composed, dataset.schema);
          assert.equal(instance.mode, codecs.get(name).create(dataset.schema).mode);
          const gate = await checkRoundTrip(instance, dataset.schema, records);
          assert.equal(gate.ok ? 'ok' : gate.reason, 'ok', composed.name);
        }
      });
    }
  }

  test('a decompression failure is a CodecError naming the composed codec', async () => {
    const instance = bindCodec(withCompression(codecs.get('json'), gzip6), datasets.get('log').schema);
    await assert.rejects(
      async () => instance.decode(Buffer.from('not gzip at all')),
      (error: unknown) => error instanceof CodecError && error.codec === 'json-gzip-6' && error.op === 'decode',
    );
  });
});

describe('addCompressedCodecs', () => {
  test('adds <codec>-<compressor> for each pair to a copy of the registry', async () => {
    const augmented = await addCompressedCodecs(codecs, ['json', 'memcpy', 'avro'], ['gzip-1', 'brotli-4']);
    assert.deepEqual(
      augmented.names().filter((n) => !codecs.has(n)),
      ['json-gzip-1', 'json-brotli-4', 'avro-gzip-1', 'avro-brotli-4'],
    );
    assert.equal(codecs.has('json-gzip-1'), false, 'the original registry is left alone');
    assert.equal(await addCompressedCodecs(codecs, ['json'], []), codecs, 'no compressors: the same registry');
  });

  test('refuses a composed name that is already a codec', async () => {
    const impostor: Codec = { ...codecs.get('json'), name: 'json-gzip-6' };
    const registry = createCodecRegistry().add(impostor);
    await assert.rejects(addCompressedCodecs(registry, ['json'], ['gzip-6']), /would be named 'json-gzip-6', which is already a codec/);
  });
});
