import { createRequire } from 'node:module';
import { checkRleRuns } from './parquet-pages.js';

/**
 * parquetjs-lite's RLE/bit-packed hybrid decoder (repetition and definition levels,
 * booleans, dictionary indices) allocates each run with `new Array(count).fill(v)`,
 * count read from the bytes, and loops forever on a run of length 0. A forged run
 * header therefore hangs it or fills the heap, even when the page header is sound.
 * This wraps the decoder: the run headers are walked first, without allocating, and
 * a run longer than the values left (plus the bit-packing's padding to 8) or of
 * length 0 is refused before parquetjs-lite sees it.
 */

interface Cursor {
  readonly buffer: Uint8Array;
  readonly offset: number;
}
interface RleOptions {
  readonly bitWidth?: number;
  readonly disableEnvelope?: boolean;
}
type DecodeValues = (type: string, cursor: Cursor, count: number, opts: RleOptions) => unknown[];
interface RleModule {
  decodeValues: DecodeValues;
  [HARDENED]?: true;
}

const HARDENED = Symbol.for('serbench.parquetjs-lite.rle-hardened');

/** Puts the run check in front of parquetjs-lite's RLE decoder (once per process; the module is shared). */
export function hardenParquetjsRle(): void {
  const rle = createRequire(import.meta.url)('parquetjs-lite/lib/codec/rle.js') as RleModule;
  if (rle[HARDENED]) return;
  const original = rle.decodeValues;
  rle.decodeValues = function decodeValuesChecked(type, cursor, count, opts) {
    const bitWidth = opts.bitWidth ?? 0;
    const start = cursor.offset + (opts.disableEnvelope ? 0 : 4);
    checkRleRuns(cursor.buffer, start, cursor.buffer.length, count, bitWidth);
    return original.call(this, type, cursor, count, opts);
  };
  rle[HARDENED] = true;
}
