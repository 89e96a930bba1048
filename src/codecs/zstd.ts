import { compress, decompress, init } from '@bokuweb/zstd-wasm';

/**
 * zstd for the compression dimension. Node 20's zlib has no zstd (it arrived in
 * Node 22.15 / 23.8), and the native packages (zstd-napi, @mongodb-js/zstd)
 * download their binaries in an install script, which does not run here. This
 * is the zstd C library compiled to WebAssembly and shipped inside the npm
 * package: nothing to build or download.
 *
 * @bokuweb/zstd-wasm rather than @hpcc-js/wasm-zstd: the latter copies its
 * output out of WebAssembly memory through a JS array (`[...view]`), which made
 * its decompression run at a few MB/s, far from what zstd itself costs.
 */
export interface ZstdLibrary {
  compress(bytes: Uint8Array, level: number): Uint8Array;
  decompress(bytes: Uint8Array): Uint8Array;
}

let loading: Promise<ZstdLibrary> | undefined;

/** Instantiates the WebAssembly module once (a few ms); every later call shares it. */
export function loadZstd(): Promise<ZstdLibrary> {
  loading ??= init().then(() => ({ compress: (bytes, level) => compress(bytes, level), decompress: (bytes) => decompress(bytes) }));
  return loading;
}
