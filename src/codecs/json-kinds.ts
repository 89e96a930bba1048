import type { DataRecord, Field, RecordSchema } from '../datasets/schema.js';
import { compileRecordInPlace, isoToDate } from './convert.js';
import { requireSupported } from './kinds.js';

/**
 * What the JSON codecs (json, ndjson) do with the kinds JSON has no type for:
 * timestamps go out as ISO 8601 text (Date.prototype.toJSON) and come back as Dates
 * (the `new Date(text)` an application does, timed with decode); bytes are refused
 * (base64 would be the application's own convention, not JSON's).
 */
export function jsonDecoder(schema: RecordSchema, parse: (bytes: Uint8Array) => DataRecord[]): (bytes: Uint8Array) => DataRecord[] {
  requireSupported(schema.fields, (type) => (type.kind === 'bytes' ? 'JSON has no binary type' : undefined));
  const revive = reviveTimestamps(schema.fields);
  if (!revive) return parse;
  return (bytes) => {
    const records = parse(bytes);
    revive(records);
    return records;
  };
}

function reviveTimestamps(fields: readonly Field[]): ((records: DataRecord[]) => void) | undefined {
  const revive = compileRecordInPlace(fields, (type) => (type.kind === 'timestamp' ? isoToDate : undefined));
  if (!revive) return undefined;
  return (records) => {
    for (const record of records) revive(record);
  };
}
