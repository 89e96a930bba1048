import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface EncodedSizes {
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

/** Encoded size, and compressed with node:zlib at its default levels (gzip 6, brotli 11). */
export function encodedSizes(bytes: Uint8Array): EncodedSizes {
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes).byteLength,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }).byteLength,
  };
}
