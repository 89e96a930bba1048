import { brotliCompressSync, brotliDecompressSync, constants, deflateSync, gzipSync, gunzipSync, inflateSync } from 'node:zlib';
import { Registry } from '../registry.js';
import type { Codec, CodecInstance } from './types.js';
import { loadZstd } from './zstd.js';

/** A loaded, synchronous compressor: what a composed codec calls after (or before) its codec. */
export interface Compressor {
  /** Kebab-case `<algorithm>-<level>`, e.g. `gzip-6`; composed codecs are named `<codec>-<compressor>`. */
  readonly name: string;
  readonly description: string;
  compress(bytes: Uint8Array): Uint8Array;
  decompress(bytes: Uint8Array): Uint8Array;
}

/**
 * A registered compressor. Loading is asynchronous because zstd's WebAssembly
 * module must be instantiated first (done only when a zstd level is asked for).
 */
export interface CompressorEntry {
  readonly name: string;
  readonly description: string;
  load(): Promise<Compressor>;
}

function ready(compressor: Compressor): CompressorEntry {
  return { name: compressor.name, description: compressor.description, load: () => Promise.resolve(compressor) };
}

function gzip(level: number): CompressorEntry {
  return ready({
    name: `gzip-${level}`,
    description: `node:zlib gzip, level ${level}`,
    compress: (bytes) => gzipSync(bytes, { level }),
    decompress: (bytes) => gunzipSync(bytes),
  });
}

/** zlib-wrapped deflate (RFC 1950), what HTTP `Content-Encoding: deflate` means. */
function deflate(level: number): CompressorEntry {
  return ready({
    name: `deflate-${level}`,
    description: `node:zlib deflate (zlib format), level ${level}`,
    compress: (bytes) => deflateSync(bytes, { level }),
    decompress: (bytes) => inflateSync(bytes),
  });
}

function brotli(quality: number): CompressorEntry {
  return ready({
    name: `brotli-${quality}`,
    description: `node:zlib brotli, quality ${quality}`,
    compress: (bytes) =>
      brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }),
    decompress: (bytes) => brotliDecompressSync(bytes),
  });
}

function zstd(level: number): CompressorEntry {
  const name = `zstd-${level}`;
  const description = `zstd level ${level} (@bokuweb/zstd-wasm, WebAssembly; Node 20's zlib has no zstd)`;
  return {
    name,
    description,
    async load() {
      const library = await loadZstd();
      return {
        name,
        description,
        compress: (bytes) => library.compress(bytes, level),
        decompress: (bytes) => library.decompress(bytes),
      };
    },
  };
}

/** The compressors `--compression` accepts, fastest first within each algorithm. */
export function createCompressorRegistry(): Registry<CompressorEntry> {
  return new Registry<CompressorEntry>('compressor', [
    gzip(1),
    gzip(6),
    gzip(9),
    deflate(6),
    brotli(1),
    brotli(4),
    brotli(11),
    zstd(1),
    zstd(3),
    zstd(9),
    zstd(19),
  ]);
}

export async function loadCompressors(entries: readonly CompressorEntry[]): Promise<Compressor[]> {
  return Promise.all(entries.map((entry) => entry.load()));
}

/** The name of a codec composed with a compressor: `protobuf` + `gzip-6` → `protobuf-gzip-6`. */
export function compressedCodecName(codec: string, compressor: string): string {
  return `${codec}-${compressor}`;
}

function compose(instance: CodecInstance, compressor: Compressor): CodecInstance {
  if (instance.mode === 'sync') {
    return {
      mode: 'sync',
      encode: (records) => compressor.compress(instance.encode(records)),
      decode: (bytes) => instance.decode(compressor.decompress(bytes)),
    };
  }
  return {
    mode: 'async',
    encode: async (records) => compressor.compress(await instance.encode(records)),
    decode: (bytes) => instance.decode(compressor.decompress(bytes)),
  };
}

/**
 * A codec whose bytes are compressed: encode then compress, decompress then
 * decode. It is a codec like any other, so the fidelity gate, timing and sizes
 * apply to it unchanged; its times include the codec's.
 */
export function withCompression(codec: Codec, compressor: Compressor): Codec {
  return {
    name: compressedCodecName(codec.name, compressor.name),
    description: `${codec.description}; then ${compressor.description}`,
    int64: codec.int64,
    create: (schema) => compose(codec.create(schema), compressor),
  };
}

/** Every `<codec>-<compressor>` name for these codecs (names the registry does not hold, like memcpy, are skipped). */
export function compressedCodecNames(registry: Registry<Codec>, codecNames: readonly string[], compressorNames: readonly string[]): string[] {
  return codecNames.filter((name) => registry.has(name)).flatMap((name) => compressorNames.map((compressor) => compressedCodecName(name, compressor)));
}

/**
 * A copy of the registry with every named codec also composed with every named
 * compressor (loaded first). A composed name that is already a codec's name is
 * an error, so a name in a result file always means one thing.
 */
export async function addCompressedCodecs(registry: Registry<Codec>, codecNames: readonly string[], compressorNames: readonly string[]): Promise<Registry<Codec>> {
  if (compressorNames.length === 0) return registry;
  const compressors = await loadCompressors(createCompressorRegistry().select(compressorNames));
  const augmented = new Registry<Codec>(registry.kind, registry.all());
  for (const name of codecNames) {
    if (!registry.has(name)) continue;
    for (const compressor of compressors) {
      const composed = withCompression(registry.get(name), compressor);
      if (augmented.has(composed.name)) throw new Error(`codec '${name}' with compressor '${compressor.name}' would be named '${composed.name}', which is already a codec`);
      augmented.add(composed);
    }
  }
  return augmented;
}
