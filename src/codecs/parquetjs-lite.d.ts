// The part of parquetjs-lite (which ships no types) that serbench uses.
declare module 'parquetjs-lite' {
  export type ParquetCompression = 'UNCOMPRESSED' | 'GZIP' | 'SNAPPY' | 'BROTLI';
  export interface ParquetFieldDefinition {
    type?: string;
    optional?: boolean;
    repeated?: boolean;
    compression?: ParquetCompression;
    fields?: Record<string, ParquetFieldDefinition>;
  }
  export interface ParquetFieldInfo {
    readonly path: readonly string[];
    readonly primitiveType?: string;
    readonly originalType?: string;
    readonly repetitionType: string;
    readonly isNested?: boolean;
  }
  export class ParquetSchema {
    constructor(definition: Record<string, ParquetFieldDefinition>);
    readonly fieldList: readonly ParquetFieldInfo[];
  }
  export interface ParquetOutput {
    write(chunk: Buffer, callback: (error?: Error | null) => void): void;
    end(callback: (error?: Error | null) => void): void;
  }
  export class ParquetWriter {
    static openStream(schema: ParquetSchema, output: ParquetOutput, options?: { rowGroupSize?: number; pageSize?: number; useDataPageV2?: boolean }): Promise<ParquetWriter>;
    appendRow(row: object): Promise<void>;
    close(): Promise<void>;
  }
  export interface ParquetCursor {
    next(): Promise<Record<string, unknown> | null>;
  }
  export class ParquetReader {
    static openBuffer(buffer: Buffer): Promise<ParquetReader>;
    readonly schema: ParquetSchema;
    /** The decoded footer (Thrift FileMetaData); `type` and `encodings` are Thrift enum numbers. */
    readonly metadata: {
      readonly schema: ReadonlyArray<{ readonly name: string; readonly repetition_type?: number | null; readonly num_children?: number | null }>;
      readonly row_groups: ReadonlyArray<{
        readonly columns: ReadonlyArray<{ readonly meta_data?: { readonly type: number; readonly encodings?: readonly number[]; readonly path_in_schema: readonly string[] } }>;
      }>;
    };
    getCursor(): ParquetCursor;
    getRowCount(): number | { toNumber(): number };
    close(): Promise<void>;
  }
}
