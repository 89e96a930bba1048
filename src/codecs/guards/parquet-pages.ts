/**
 * Walks the page headers of every column chunk of a Parquet file before a library
 * decodes it, and checks them against the footer: each page must fit in its chunk,
 * and the pages' value counts must add up to the chunk's. Both parquetjs-lite and
 * hyparquet size their level and value arrays from a page header's num_values and
 * loop over it: a forged count (2^30) hangs them for minutes. The headers are read
 * with a small bounded Thrift compact-protocol reader (only the fields needed), so
 * the check itself cannot be made to loop or allocate by the bytes it reads.
 */

/** A column chunk as the footer describes it (numbers from either library's metadata). */
export interface ChunkDescription {
  readonly path: string;
  readonly start: number;
  readonly size: number;
  readonly numValues: number;
  /** Highest repetition and definition levels of the column (from the schema), to walk v2 pages' level runs. */
  readonly levels?: { readonly repetition: number; readonly definition: number };
}

const MAX_DEPTH = 16;
const PAGE_DATA = 0;
const PAGE_DICTIONARY = 2;
const PAGE_DATA_V2 = 3;

class CompactReader {
  pos: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  byte(): number {
    if (this.pos >= this.end) throw new Error('runs past the end of its chunk');
    return this.bytes[this.pos++] ?? 0;
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new Error('has a varint longer than 10 bytes');
  }

  /** Zigzag i32 (exact for what Parquet stores in them). */
  int(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  skipBytes(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new Error(`claims a ${n}-byte field that runs past the end of its chunk`);
    this.pos += n;
  }

  skip(type: number, depth: number): void {
    if (depth > MAX_DEPTH) throw new Error(`nests deeper than ${MAX_DEPTH} levels`);
    switch (type) {
      case 1:
      case 2:
        return; // booleans live in the type nibble
      case 3:
        this.skipBytes(1);
        return;
      case 4:
      case 5:
      case 6:
        this.varint();
        return;
      case 7:
        this.skipBytes(8);
        return;
      case 8:
        this.skipBytes(this.varint());
        return;
      case 9:
      case 10: {
        const header = this.byte();
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        if (size > this.end - this.pos) throw new Error(`has a list of ${size} elements in ${this.end - this.pos} bytes`);
        for (let i = 0; i < size; i++) this.skip(header & 0x0f, depth + 1);
        return;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return;
        if (size > this.end - this.pos) throw new Error(`has a map of ${size} entries in ${this.end - this.pos} bytes`);
        const kinds = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(kinds >> 4, depth + 1);
          this.skip(kinds & 0x0f, depth + 1);
        }
        return;
      }
      case 12:
        this.struct(depth + 1, () => false);
        return;
      default:
        throw new Error(`has an unknown Thrift type ${type}`);
    }
  }

  /** Reads a struct's fields; `take` handles the ones it wants (returns true) and the rest are skipped. */
  struct(depth: number, take: (field: number, type: number) => boolean): void {
    let field = 0;
    for (;;) {
      const header = this.byte();
      const type = header & 0x0f;
      if (type === 0) return;
      const delta = header >> 4;
      field = delta === 0 ? this.int() : field + delta;
      if (!take(field, type)) this.skip(type, depth);
    }
  }
}

interface PageHeader {
  type: number;
  compressedSize: number;
  numValues: number;
  numNulls: number;
  /** DataPageHeaderV2: the byte lengths of the repetition and definition levels that open the page. */
  repetitionBytes: number;
  definitionBytes: number;
  headerBytes: number;
}

function readPageHeader(bytes: Uint8Array, start: number, end: number): PageHeader {
  const reader = new CompactReader(bytes, start, end);
  const header: PageHeader = { type: -1, compressedSize: -1, numValues: 0, numNulls: 0, repetitionBytes: 0, definitionBytes: 0, headerBytes: 0 };
  const counts = (field: number, type: number): boolean => {
    if (type !== 5) return false;
    if (field === 1) header.numValues = reader.int();
    else if (field === 2) header.numNulls = reader.int();
    else if (field === 5) header.definitionBytes = reader.int();
    else if (field === 6) header.repetitionBytes = reader.int();
    else return false;
    return true;
  };
  reader.struct(0, (field, type) => {
    if (field === 1 && type === 5) header.type = reader.int();
    else if (field === 3 && type === 5) header.compressedSize = reader.int();
    else if ((field === 5 || field === 7) && type === 12) reader.struct(1, (f, t) => (f === 1 ? counts(f, t) : false));
    else if (field === 8 && type === 12) reader.struct(1, counts);
    else return false;
    return true;
  });
  header.headerBytes = reader.pos - start;
  return header;
}

/**
 * Walks the runs of an RLE/bit-packed hybrid stream of `count` values without
 * allocating: a run longer than the values left (plus bit-packing's padding to 8),
 * a run of 0 values (decoders loop on it forever) or one past `end` is refused.
 * Both parquetjs-lite and hyparquet size or fill arrays by these run lengths.
 */
export function checkRleRuns(bytes: Uint8Array, start: number, end: number, count: number, bitWidth: number): void {
  let offset = start;
  let left = count;
  while (left > 0) {
    let header = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (offset >= end) throw new Error(`corrupt Parquet page: an RLE run header at byte ${offset} lies past the end of its data`);
      if (i === 5) throw new Error(`corrupt Parquet page: an RLE run header at byte ${offset} is longer than 5 bytes`);
      const b = bytes[offset++] ?? 0;
      header += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) break;
    }
    const bitPacked = header % 2 === 1;
    const run = bitPacked ? Math.floor(header / 2) * 8 : Math.floor(header / 2);
    if (run === 0) throw new Error(`corrupt Parquet page: an RLE run of 0 values at byte ${offset}`);
    if (run > left + 7) throw new Error(`corrupt Parquet page: an RLE run claims ${run} values where only ${left} remain`);
    offset += bitPacked ? (bitWidth * run) / 8 : Math.ceil(bitWidth / 8);
    left -= run;
  }
}

function bitWidth(maxLevel: number): number {
  return maxLevel === 0 ? 0 : 32 - Math.clz32(maxLevel);
}

/** Walks a Thrift compact-protocol struct (a footer) without building it: every length and count must fit. */
export function checkThriftStruct(bytes: Uint8Array, start: number, end: number): void {
  new CompactReader(bytes, start, end).struct(0, () => false);
}

function fail(chunk: ChunkDescription, detail: string): never {
  throw new Error(`corrupt Parquet column '${chunk.path}': ${detail}`);
}

/** A v2 data page opens with its levels, uncompressed: walk their runs (what hyparquet and parquetjs-lite fill arrays from). */
function checkLevels(bytes: Uint8Array, pos: number, header: PageHeader, chunk: ChunkDescription): void {
  const { repetitionBytes, definitionBytes } = header;
  if (repetitionBytes < 0 || definitionBytes < 0 || repetitionBytes + definitionBytes > header.compressedSize) {
    fail(chunk, `a page's levels (${repetitionBytes} + ${definitionBytes} bytes) do not fit in its ${header.compressedSize} bytes`);
  }
  const levels = chunk.levels ?? { repetition: 0, definition: 0 };
  try {
    if (levels.repetition > 0) checkRleRuns(bytes, pos, pos + repetitionBytes, header.numValues, bitWidth(levels.repetition));
    if (levels.definition > 0) checkRleRuns(bytes, pos + repetitionBytes, pos + repetitionBytes + definitionBytes, header.numValues, bitWidth(levels.definition));
  } catch (error) {
    fail(chunk, `${error instanceof Error ? error.message.replace(/^corrupt Parquet page: /, '') : String(error)} (in its levels)`);
  }
}

/** Checks every page header of the given column chunks; throws an Error naming the column and what does not add up. */
export function checkParquetPages(bytes: Uint8Array, chunks: readonly ChunkDescription[]): void {
  for (const chunk of chunks) {
    const end = chunk.start + chunk.size;
    if (!(chunk.start >= 4 && chunk.size >= 0 && end <= bytes.length - 8)) fail(chunk, `its pages (${chunk.size} bytes at ${chunk.start}) lie outside the file`);
    if (!(chunk.numValues >= 0)) fail(chunk, `the footer gives it ${chunk.numValues} values`);
    let pos = chunk.start;
    let valuesLeft = chunk.numValues;
    while (pos < end) {
      let header: PageHeader;
      try {
        header = readPageHeader(bytes, pos, end);
      } catch (error) {
        fail(chunk, `the page header at byte ${pos} ${error instanceof Error ? error.message : String(error)}`);
      }
      if (header.compressedSize === -1) fail(chunk, `the page header at byte ${pos} gives no page size (a damaged or zeroed header)`);
      pos += header.headerBytes;
      if (header.compressedSize < 0 || pos + header.compressedSize > end) fail(chunk, `a page at byte ${pos} claims ${header.compressedSize} bytes, but its chunk has ${end - pos} left`);
      if (header.type === PAGE_DATA || header.type === PAGE_DATA_V2) {
        if (header.numValues < 0 || header.numValues > valuesLeft) fail(chunk, `a page claims ${header.numValues} values, but the footer leaves ${valuesLeft} for it`);
        if (header.numNulls < 0 || header.numNulls > header.numValues) fail(chunk, `a page claims ${header.numNulls} nulls among ${header.numValues} values`);
        if (header.type === PAGE_DATA_V2 && chunk.levels) checkLevels(bytes, pos, header, chunk);
        valuesLeft -= header.numValues;
      } else if (header.type === PAGE_DICTIONARY) {
        if (header.numValues < 0 || header.numValues > header.compressedSize * 8 + 8) fail(chunk, `a dictionary page claims ${header.numValues} entries in ${header.compressedSize} bytes`);
      }
      pos += header.compressedSize;
    }
    if (valuesLeft !== 0) fail(chunk, `its pages hold ${chunk.numValues - valuesLeft} values, the footer says ${chunk.numValues}`);
  }
}

type Numberish = number | bigint | { valueOf(): number } | null | undefined;

interface SchemaElementLike {
  readonly name: string;
  readonly repetition_type?: string | number | null;
  readonly num_children?: number | null;
}

/** Highest repetition and definition level of each leaf column, from the footer's flat (preorder) schema. */
export function levelsOf(schema: readonly SchemaElementLike[]): Map<string, { repetition: number; definition: number }> {
  const levels = new Map<string, { repetition: number; definition: number }>();
  let index = 1; // element 0 is the root
  const visit = (path: readonly string[], repetition: number, definition: number): void => {
    const element = schema[index++];
    if (!element) throw new Error('corrupt Parquet footer: its schema has fewer elements than its groups claim');
    const kind = element.repetition_type;
    const repeated = kind === 'REPEATED' || kind === 2;
    const optional = kind === 'OPTIONAL' || kind === 1;
    const r = repetition + (repeated ? 1 : 0);
    const d = definition + (repeated || optional ? 1 : 0);
    const children = Number(element.num_children ?? 0);
    if (children > schema.length) throw new Error(`corrupt Parquet footer: a schema group claims ${children} children`);
    if (children === 0) levels.set([...path, element.name].join('.'), { repetition: r, definition: d });
    for (let i = 0; i < children; i++) visit([...path, element.name], r, d);
  };
  const rootChildren = Number(schema[0]?.num_children ?? 0);
  if (rootChildren > schema.length) throw new Error(`corrupt Parquet footer: its schema claims ${rootChildren} columns`);
  for (let i = 0; i < rootChildren; i++) visit([], 0, 0);
  return levels;
}

/** The column chunks of a footer, from either library's decoded metadata (bigint, Int64 objects or numbers). */
export function chunksOf(
  rowGroups: ReadonlyArray<{ readonly columns: ReadonlyArray<{ readonly meta_data?: unknown }> }>,
  schema?: readonly SchemaElementLike[],
): ChunkDescription[] {
  const levels = schema ? levelsOf(schema) : undefined;
  const chunks: ChunkDescription[] = [];
  for (const group of rowGroups) {
    for (const column of group.columns) {
      const meta = column.meta_data as
        | { path_in_schema: readonly string[]; data_page_offset: Numberish; dictionary_page_offset?: Numberish; total_compressed_size: Numberish; num_values: Numberish }
        | undefined;
      if (!meta) continue;
      const data = Number(meta.data_page_offset);
      const dictionary = meta.dictionary_page_offset === undefined || meta.dictionary_page_offset === null ? NaN : Number(meta.dictionary_page_offset);
      // Some writers leave dictionary_page_offset 0 or unset and put the dictionary first anyway.
      const start = dictionary > 0 && dictionary < data ? dictionary : data;
      const path = meta.path_in_schema.join('.');
      const columnLevels = levels?.get(path);
      chunks.push({ path, start, size: Number(meta.total_compressed_size), numValues: Number(meta.num_values), ...(columnLevels ? { levels: columnLevels } : {}) });
    }
  }
  return chunks;
}
