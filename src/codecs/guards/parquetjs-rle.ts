import { createRequire } from 'node:module';

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

function fail(detail: string): never {
  throw new Error(`corrupt Parquet page: ${detail}`);
}

/** Walks the run headers a decodeValues(count) call would read, without allocating. */
export function checkRleRuns(buffer: Uint8Array, start: number, count: number, bitWidth: number): void {
  let offset = start;
  let left = count;
  while (left > 0) {
    let header = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (offset >= buffer.length) fail(`an RLE run header at byte ${offset} lies past the end of the page`);
      if (i === 5) fail(`an RLE run header at byte ${offset} is longer than 5 bytes`);
      const b = buffer[offset++] ?? 0;
      header += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) break;
    }
    const bitPacked = header % 2 === 1;
    const run = bitPacked ? Math.floor(header / 2) * 8 : Math.floor(header / 2);
    if (run === 0) fail(`an RLE run of 0 values at byte ${offset}`);
    if (run > left + 7) fail(`an RLE run claims ${run} values where only ${left} remain`);
    offset += bitPacked ? (bitWidth * run) / 8 : Math.ceil(bitWidth / 8);
    left -= run;
  }
}

/** Puts the run check in front of parquetjs-lite's RLE decoder (once per process; the module is shared). */
export function hardenParquetjsRle(): void {
  const rle = createRequire(import.meta.url)('parquetjs-lite/lib/codec/rle.js') as RleModule;
  if (rle[HARDENED]) return;
  const original = rle.decodeValues;
  rle.decodeValues = function decodeValuesChecked(type, cursor, count, opts) {
    const bitWidth = opts.bitWidth ?? 0;
    const start = cursor.offset + (opts.disableEnvelope ? 0 : 4);
    checkRleRuns(cursor.buffer, start, count, bitWidth);
    return original.call(this, type, cursor, count, opts);
  };
  rle[HARDENED] = true;
}
