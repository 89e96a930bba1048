import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface EncodedSizes {
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

/**
 * Encoded size, and compressed with node:zlib: gzip at level 6 and brotli at
 * `brotliQuality` (11, zlib's default, in the full suite; lower in --quick, where
 * brotli-11 alone would take a third of the run).
 */
export function encodedSizes(bytes: Uint8Array, brotliQuality = 11): EncodedSizes {
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes).byteLength,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }).byteLength,
  };
}
