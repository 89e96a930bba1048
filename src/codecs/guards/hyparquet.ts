import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { loadZstd } from '../zstd.js';
import { checkParquetPages, chunksOf } from './parquet-pages.js';
import { checkParquetEnvelope } from './parquet.js';

/**
 * parquetReadObjects starts each column's read as it walks the row groups; when a
 * later column's schema path does not resolve, it throws there, and the reads it
 * already started reject later with nobody listening: Node ends the process on the
 * unhandled rejection. Parsing the footer and resolving every path first makes that
 * an ordinary error before any read exists; the parsed metadata is handed on, so
 * the footer is not parsed twice.
 */
export async function readParquetObjectsSafely(file: ArrayBuffer, compressors?: ParquetCompressors): Promise<Record<string, unknown>[]> {
  const metadata = checkedParquetMetadata(file);
  try {
    return (await parquetReadObjects({ file, metadata, ...(compressors ? { compressors } : {}) })) as Record<string, unknown>[];
  } catch (thrown) {
    throw explainThrift(thrown);
  }
}

/** The footer of a whole Parquet file in memory, after every check above; throws one line when damaged. */
export function checkedParquetMetadata(file: ArrayBuffer): Metadata {
  checkParquetEnvelope(new Uint8Array(file));
  try {
    const metadata = parquetMetadata(file);
    checkColumnPaths(metadata);
    checkParquetPages(new Uint8Array(file), chunksOf(metadata.row_groups, metadata.schema));
    return metadata;
  } catch (thrown) {
    throw explainThrift(thrown);
  }
}

/** hyparquet's Thrift reader says only "thrift unhandled type: 13" of a damaged footer or page header. */
export function explainThrift(thrown: unknown): unknown {
  return thrown instanceof Error && thrown.message.startsWith('thrift ') ? new Error(`corrupt Parquet metadata (${thrown.message})`, { cause: thrown }) : thrown;
}

export type Metadata = ReturnType<typeof parquetMetadata>;
export type ParquetCompressors = NonNullable<Parameters<typeof parquetReadObjects>[0]['compressors']>;

let decompressors: Promise<ParquetCompressors> | undefined;

/**
 * Decompressors beyond hyparquet's built-in snappy, for files other writers made
 * (pyarrow writes zstd and gzip): node:zlib, and zstd from the WebAssembly build the
 * compression codecs use (codecs/zstd.ts).
 */
export function parquetDecompressors(): Promise<ParquetCompressors> {
  decompressors ??= loadZstd().then((zstd) => ({
    GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
    BROTLI: (input: Uint8Array) => new Uint8Array(brotliDecompressSync(input)),
    ZSTD: (input: Uint8Array) => zstd.decompress(input),
  }));
  return decompressors;
}
type SchemaNode = ReturnType<typeof parquetSchema>;

/**
 * hyparquet resolves each column chunk's path in the schema tree while it starts
 * the column reads, one chunk after another; a path that does not resolve throws
 * there, with the earlier chunks' reads already running. Resolving every path
 * first turns that into an error before any read starts.
 */
export function checkColumnPaths(metadata: Metadata): void {
  const tree = parquetSchema(metadata);
  for (const [g, group] of metadata.row_groups.entries()) {
    for (const column of group.columns) {
      const path = column.meta_data?.path_in_schema;
      if (!path) throw new Error(`corrupt Parquet metadata: a column chunk of row group ${g} has no column metadata`);
      let node: SchemaNode | undefined = tree;
      for (const name of path) node = node?.children.find((child) => child.element.name === name);
      if (!node) throw new Error(`corrupt Parquet metadata: row group ${g} has a column '${path.join('.')}' that is not in the schema`);
    }
  }
}
