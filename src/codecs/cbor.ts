import { Encoder, isNativeAccelerationEnabled, type Options } from 'cbor-x';
import type { DataRecord } from '../datasets/schema.js';
import { requireRecordArray } from './guards/records.js';
import type { Codec } from './types.js';

/**
 * cbor-x decodes strings with its optional native addon (cbor-extract) when its
 * prebuilt package for the platform loads, otherwise in pure JS; the description
 * says which ran. npm does not run install scripts here, and cbor-extract 2.2.3
 * has no published prebuilts, so package.json pins cbor-extract to 2.2.2 (an
 * `overrides` entry), whose prebuilts exist (and without which `npm ci` fails).
 */
const decodePath = isNativeAccelerationEnabled ? 'native string decoding (cbor-extract prebuilt)' : 'pure JS (cbor-extract not loaded)';

const CBOR_INT64 = 'integer up to 32 bits, else float64 (exact up to 2^53); a bigint is written as a 64-bit integer and read back as bigint';

function decodeArray(encoder: Encoder, bytes: Uint8Array): readonly DataRecord[] {
  return requireRecordArray(encoder.decode(bytes), 'a CBOR');
}

function createCborCodec(name: string, variant: string, options: () => Options): Codec {
  return {
    name,
    description: `cbor-x ${variant}; ${decodePath}`,
    int64: CBOR_INT64,
    create() {
      const encoder = new Encoder(options());
      return {
        mode: 'sync',
        encode: (records) => encoder.encode(records),
        decode: (bytes) => decodeArray(encoder, bytes),
      };
    },
  };
}

/** Standard CBOR (RFC 8949): records as maps, readable by any CBOR library. */
export const cborCodec = createCborCodec('cbor', 'standard maps (useRecords: false), interoperable', () => ({ useRecords: false }));

/** cbor-x's record extension (tag 105): each record shape's keys once per message; only cbor-x reads it. */
export const cborRecordsCodec = createCborCodec('cbor-records', 'record extension (useRecords: true, tag 105), keys once per message, cbor-x-only', () => ({ useRecords: true }));
