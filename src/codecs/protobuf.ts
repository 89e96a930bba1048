import { batchTypeName, loadStaticRoot, PROTO_PACKAGE } from './protobuf-runtime.js';
import { CodecError, type Codec } from './types.js';

/**
 * protobufjs static code (pbjs static-module) generated from proto/ at install time.
 * decode returns message instances: fields holding their default value (0, '', null)
 * are read from the prototype, as protobufjs users see them.
 */
export const protobufCodec: Codec = {
  name: 'protobuf',
  description: 'protobufjs static code generated from proto/*.proto',
  int64: 'varint int64 as JS number (Long disabled): exact up to 2^53; a bigint is written as 0',
  create(schema) {
    const typeName = batchTypeName(schema);
    const type = loadStaticRoot()[PROTO_PACKAGE]?.[typeName];
    if (!type) throw new CodecError('protobuf', 'create', `no message ${PROTO_PACKAGE}.${typeName} in proto/*.proto`);
    return {
      mode: 'sync',
      encode: (records) => type.encode({ records }).finish(),
      decode: (bytes) => type.decode(bytes).records,
    };
  },
};
