import type { DataRecord } from '../datasets/schema.js';
import { asBuffer } from './bytes.js';
import { requireRecordArray } from './guards/records.js';
import { jsonDecoder } from './json-kinds.js';
import type { Codec } from './types.js';

function parseRecords(bytes: Uint8Array): DataRecord[] {
  return requireRecordArray(JSON.parse(asBuffer(bytes).toString('utf8')), 'a JSON') as DataRecord[];
}

/** JSON.stringify / JSON.parse of the whole batch, including the UTF-8 conversion a real writer does. */
export const jsonCodec: Codec = {
  name: 'json',
  description: 'JSON.stringify / JSON.parse of the batch as one UTF-8 array',
  int64: 'JSON number: exact up to 2^53; a bigint cannot be stringified',
  create(schema) {
    const decode = jsonDecoder(schema, parseRecords);
    return {
      mode: 'sync',
      encode: (records) => Buffer.from(JSON.stringify(records), 'utf8'),
      decode,
    };
  },
};
