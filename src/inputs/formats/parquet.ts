import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { describeThrown } from '../../codecs/types.js';
import { checkColumnPaths, checkedParquetMetadata, explainThrift, parquetDecompressors, type Metadata, type ParquetCompressors } from '../../codecs/guards/hyparquet.js';
import { InputError, type InputFormat, type RawRecord } from '../types.js';

/** Rows read per call: a window, so memory follows the records used, not the file. */
const WINDOW_ROWS = 4096;
/** Files up to this size are read whole and checked by every guard the Parquet codecs use (guards/). */
const CHECK_WHOLE_BYTES = 256 * 1024 * 1024;

type ParquetFile = Parameters<typeof parquetReadObjects>[0]['file'];
async function openParquet(path: string): Promise<{ file: ParquetFile; metadata: Metadata }> {
  if (statSync(path).size <= CHECK_WHOLE_BYTES) {
    const bytes = readFileSync(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return { file, metadata: checkedParquetMetadata(file) };
  }
  const file = await asyncBufferFromFile(path);
  try {
    const metadata = await parquetMetadataAsync(file);
    checkColumnPaths(metadata);
    return { file, metadata };
  } catch (thrown) {
    throw explainThrift(thrown);
  }
}

/**
 * Parquet with hyparquet (the reader behind the parquet-hyparquet codec), read in
 * row windows: a run that uses 1000 rows of a large file reads the row groups they
 * are in. hyparquet's reads are asynchronous, so a Parquet input is read before a
 * pipeline run starts, not inside its timed source (docs/inputs.md).
 */
export const parquetFormat: InputFormat = {
  name: 'parquet',
  extensions: ['.parquet', '.pq'],
  description: 'Apache Parquet (hyparquet)',
  expects: 'the PAR1 magic at the start',
  textual: false,
  sniff: (head) => head.subarray(0, 4).toString('latin1') === 'PAR1',
  open(path) {
    const name = basename(path);
    let opened: Promise<{ file: ParquetFile; metadata: Metadata }> | undefined;
    let window: Record<string, unknown>[] = [];
    let next = 0;
    let rowStart = 0;
    let decompressors: ParquetCompressors | undefined;
    const fail = (thrown: unknown): never => {
      throw new InputError(`${name}: not a readable Parquet file: ${describeThrown(thrown)}`);
    };
    return {
      mode: 'async',
      async next(): Promise<RawRecord | undefined> {
        if (next < window.length) return window[next++];
        opened ??= openParquet(path).catch(fail);
        const { file, metadata } = await opened;
        decompressors ??= await parquetDecompressors();
        const total = Number(metadata.num_rows);
        if (rowStart >= total) return undefined;
        const rowEnd = Math.min(total, rowStart + WINDOW_ROWS);
        try {
          window = (await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors: decompressors })) as Record<string, unknown>[];
        } catch (thrown) {
          fail(explainThrift(thrown));
        }
        rowStart = rowEnd;
        next = 0;
        return window[next++];
      },
      close: () => undefined,
    };
  },
};
