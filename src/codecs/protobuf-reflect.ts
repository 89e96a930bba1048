import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ownBindingPath, protobufjsInstance } from './protobuf-batch.js';
import { reflectedBatchType } from './protobuf-binding.js';
import { batchTypeName, PROTO_PACKAGE, protobuf, type BatchType } from './protobuf-runtime.js';
import type { Codec } from './types.js';

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

function builtIn(name: string): BatchType | undefined {
  const type = loadRoot().lookup(`${PROTO_PACKAGE}.${name}`);
  return type instanceof protobuf.Type ? (type as unknown as BatchType) : undefined;
}

/**
 * protobufjs reflection: the .proto files are parsed at run time. protobufjs then
 * generates each type's encoder and decoder with `new Function` on first use, so
 * after warm-up it is close to the static code; the difference shows what is left.
 */
export const protobufReflectCodec: Codec = {
  name: 'protobuf-reflect',
  description: 'protobufjs reflection: proto/*.proto (or the dataset\'s own .proto) parsed at run time',
  int64: 'varint int64 as JS number (Long disabled): exact up to 2^53; a bigint is written as 0',
  pathFor: (schema) => ownBindingPath('reflect', schema),
  create(schema) {
    return protobufjsInstance(schema, () => builtIn(batchTypeName(schema)), (binding) => reflectedBatchType(binding) as unknown as BatchType);
  },
};
