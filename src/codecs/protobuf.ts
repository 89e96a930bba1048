import { ownBindingPath, protobufjsInstance } from './protobuf-batch.js';
import { staticBatchType } from './protobuf-binding.js';
import { batchTypeName, loadStaticRoot, PROTO_PACKAGE } from './protobuf-runtime.js';
import type { Codec } from './types.js';

/**
 * protobufjs static code generated from proto/ at install time (pbjs static-module).
 * A dataset with its own .proto (a user's input: their .proto, or one derived from
 * the inferred schema) gets static code generated the same way at run time, cached by
 * the .proto's hash (protobuf-binding.ts): static code either way, never reflection.
 * decode returns message instances: fields holding their default value (0, '', null)
 * are read from the prototype, as protobufjs users see them.
 */
export const protobufCodec: Codec = {
  name: 'protobuf',
  description: 'protobufjs static code generated from proto/*.proto (a dataset with its own .proto: generated at run time, cached)',
  int64: 'varint int64 as JS number (Long disabled): exact up to 2^53; a bigint is written as 0',
  pathFor: (schema) => ownBindingPath('static', schema),
  create(schema) {
    return protobufjsInstance(
      schema,
      () => loadStaticRoot()[PROTO_PACKAGE]?.[batchTypeName(schema)],
      (binding) => staticBatchType(binding).type,
    );
  },
};
