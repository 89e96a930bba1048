import type { DataRecord } from '../../datasets/schema.js';

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * Checks that a schemaless decoder (JSON, MessagePack, CBOR) produced an array of
 * record objects: damaged bytes can still parse, as `[1, 2]` or a bare string.
 * One typeof per record, cheap beside the decode itself.
 */
export function requireRecordArray(decoded: unknown, format: string): readonly DataRecord[] {
  if (!Array.isArray(decoded)) throw new Error(`expected ${format} array of records, got ${kindOf(decoded)}`);
  for (let i = 0; i < decoded.length; i++) {
    const record: unknown = decoded[i];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error(`expected ${format} array of records, but element ${i} is ${kindOf(record)}`);
  }
  return decoded as DataRecord[];
}
