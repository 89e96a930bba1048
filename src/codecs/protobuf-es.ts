import { create, createRegistry, fromBinary, toBinary, type DescMessage, type MessageInitShape, type Registry } from '@bufbuild/protobuf';
import type { DataRecord } from '../datasets/schema.js';
import * as files from './generated/es/index.js';
import { compileBigintToNumber } from './int64.js';
import { batchTypeName, PROTO_PACKAGE } from './protobuf-runtime.js';
import { CodecError, type Codec } from './types.js';

let registry: Registry | undefined;

/** Every message of proto/*.proto, from the descriptors protoc-gen-es generated (scripts/gen-proto.mjs). */
function loadRegistry(): Registry {
  registry ??= createRegistry(...Object.values(files));
  return registry;
}

/**
 * @bufbuild/protobuf (protobuf-es v2), the second Protobuf implementation beside
 * protobufjs. Its generated code is descriptors and types only: encoding and
 * decoding are done by one reflective runtime, with no per-type generated
 * functions. Messages are plain objects tagged with `$typeName`, so encode first
 * builds them from the records with create() (as an application holding plain
 * objects must), and decode turns int64 bigints back into numbers.
 */
export const protobufEsCodec: Codec = {
  name: 'protobuf-es',
  description: '@bufbuild/protobuf v2 with protoc-gen-es descriptors: create() + toBinary(), fromBinary() + int64 bigint→number',
  int64: 'varint int64: create() takes a number or bigint; fromBinary gives bigint, turned back into a number when safe (beyond 2^53 it stays a bigint)',
  create(schema) {
    const typeName = `${PROTO_PACKAGE}.${batchTypeName(schema)}`;
    const desc: DescMessage | undefined = loadRegistry().getMessage(typeName);
    if (!desc) throw new CodecError('protobuf-es', 'create', `no message ${typeName} in proto/*.proto`);
    const fixup = compileBigintToNumber(schema.fields);
    return {
      mode: 'sync',
      // The records match the message's init shape (checked by the gate); TypeScript cannot see it through a runtime descriptor.
      encode: (records) => toBinary(desc, create(desc, { records } as unknown as MessageInitShape<DescMessage>)),
      decode(bytes) {
        const records = (fromBinary(desc, bytes) as unknown as { records: Record<string, unknown>[] }).records;
        if (fixup) for (const record of records) fixup(record);
        return records as DataRecord[];
      },
    };
  },
};
