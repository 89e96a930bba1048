import type { DataRecord } from '../datasets/schema.js';
import { asBuffer } from './bytes.js';
import { jsonDecoder } from './json-kinds.js';
import type { Codec } from './types.js';

const NEWLINE = 0x0a;

function parseLines(bytes: Uint8Array): DataRecord[] {
  const buffer = asBuffer(bytes);
  const records: DataRecord[] = [];
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(NEWLINE, start);
    if (end === -1) end = buffer.length;
    // Lines are decoded one at a time, as a streaming reader would hand them over.
    if (end > start) {
      const parsed: unknown = JSON.parse(buffer.toString('utf8', start, end));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`line ${records.length + 1}: expected a JSON object`);
      records.push(parsed as DataRecord);
    }
    start = end + 1;
  }
  return records;
}

/**
 * Newline-delimited JSON (one record per line, each line ending in \n): the
 * streaming form of JSON that log shippers and bulk APIs use. JSON.stringify never
 * writes a raw newline (it escapes them in strings), so a line is a record.
 */
export const ndjsonCodec: Codec = {
  name: 'ndjson',
  description: 'newline-delimited JSON: JSON.stringify per record joined by \\n; decode splits the UTF-8 bytes at \\n and parses each line',
  int64: 'JSON number: exact up to 2^53; a bigint cannot be stringified',
  create(schema) {
    const decode = jsonDecoder(schema, parseLines);
    return {
      mode: 'sync',
      encode(records) {
        let text = '';
        for (const record of records) text += `${JSON.stringify(record)}\n`;
        return Buffer.from(text, 'utf8');
      },
      decode,
    };
  },
};
