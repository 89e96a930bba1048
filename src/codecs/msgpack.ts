import { isNativeAccelerationEnabled, Packr, type Options } from 'msgpackr';
import type { DataRecord } from '../datasets/schema.js';
import { requireRecordArray } from './guards/records.js';
import type { Codec } from './types.js';

/**
 * msgpackr decodes strings with its optional native addon (msgpackr-extract) when
 * its prebuilt package loads; otherwise in pure JS. npm does not run install
 * scripts here, so only the prebuilt optional package can enable it.
 */
const decodePath = isNativeAccelerationEnabled ? 'native string decoding (msgpackr-extract prebuilt)' : 'pure JS (msgpackr-extract not loaded)';

/** How int64 travels through msgpackr with the options below. */
const MSGPACK_INT64 =
  'integer up to 32 bits, else float64 (exact up to 2^53); a bigint is written as int64/uint64 and read back as bigint';

function decodeArray(packr: Packr, bytes: Uint8Array): readonly DataRecord[] {
  return requireRecordArray(packr.unpack(bytes), 'a MessagePack');
}

function createMsgpackCodec(name: string, variant: string, options: () => Options): Codec {
  return {
    name,
    description: `msgpackr ${variant}; ${decodePath}`,
    int64: MSGPACK_INT64,
    create() {
      // One Packr per bound instance: msgpackr keeps state (its buffer, and shared structures) per Packr.
      const packr = new Packr(options());
      return {
        mode: 'sync',
        encode: (records) => packr.pack(records),
        decode: (bytes) => decodeArray(packr, bytes),
      };
    },
  };
}

/** Standard MessagePack: every record a map with its keys, readable by any MessagePack library. */
export const msgpackCodec = createMsgpackCodec('msgpack', 'standard maps (useRecords: false), interoperable', () => ({ useRecords: false }));

/**
 * msgpackr's record extension: each record shape's keys are written once per
 * message and records refer to them. Still self-describing, but only msgpackr reads it.
 */
export const msgpackRecordsCodec = createMsgpackCodec('msgpack-records', 'record extension (useRecords: true), keys once per message, msgpackr-only', () => ({ useRecords: true }));

/**
 * Shared structures: the record shapes are kept by the encoder and decoder (in
 * one Packr here; in an application saved with saveStructures and loaded with
 * getStructures), so messages carry no keys at all. Not self-describing.
 */
export const msgpackSharedCodec = createMsgpackCodec('msgpack-shared', 'shared structures known to both sides out of band (structures: []), not self-describing', () => ({
  structures: [],
}));
