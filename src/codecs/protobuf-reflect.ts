import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { batchTypeName, PROTO_PACKAGE, protobuf, type BatchType } from './protobuf-runtime.js';
import { CodecError, type Codec } from './types.js';

const protoDir = fileURLToPath(new URL('../../proto/', import.meta.url));
let root: protobuf.Root | undefined;

function loadRoot(): protobuf.Root {
  root ??= protobuf.loadSync(
    readdirSync(protoDir)
      .filter((file) => file.endsWith('.proto'))
      .map((file) => protoDir + file),
  );
  return root;
}

/**
 * protobufjs reflection: the .proto files are parsed at run time. protobufjs then
 * generates each type's encoder and decoder with `new Function` on first use, so
 * after warm-up it is close to the static code; the difference shows what is left.
 */
export const protobufReflectCodec: Codec = {
  name: 'protobuf-reflect',
  description: 'protobufjs reflection: proto/*.proto parsed at run time',
  int64: 'varint int64 as JS number (Long disabled): exact up to 2^53; a bigint is written as 0',
  create(schema) {
    const typeName = `${PROTO_PACKAGE}.${batchTypeName(schema)}`;
    const type = loadRoot().lookup(typeName);
    if (!(type instanceof protobuf.Type)) throw new CodecError('protobuf-reflect', 'create', `no message ${typeName} in proto/*.proto`);
    const batch = type as unknown as BatchType;
    return {
      mode: 'sync',
      encode: (records) => batch.encode({ records }).finish(),
      decode: (bytes) => batch.decode(bytes).records,
    };
  },
};
