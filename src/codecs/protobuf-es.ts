import { create, createFileRegistry, createRegistry, fromBinary, toBinary, type DescMessage, type MessageInitShape, type Registry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { DataRecord, RecordSchema } from '../datasets/schema.js';
import * as files from './generated/es/index.js';
import { compileBigintToNumber } from './int64.js';
import { requireSupported } from './kinds.js';
import { deriveProtobuf } from './proto-schema.js';
import { descriptorSet } from './protobuf-binding.js';
import { ownBindingPath } from './protobuf-batch.js';
import { batchTypeName, PROTO_PACKAGE } from './protobuf-runtime.js';
import { compileFromMessage, compileToMessage } from './protobuf-values.js';
import { CodecError, type Codec } from './types.js';

let registry: Registry | undefined;

/** Every message of proto/*.proto, from the descriptors protoc-gen-es generated (scripts/gen-proto.mjs). */
function loadRegistry(): Registry {
  registry ??= createRegistry(...Object.values(files));
  return registry;
}

/** A dataset's own .proto (a user's, or derived): descriptors built by buf at run time, cached (protobuf-binding.ts). */
function ownMessage(schema: RecordSchema): DescMessage {
  const binding = schema.protobuf ?? deriveProtobuf(schema);
  const desc = createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptorSet(binding))).getMessage(binding.batchType);
  if (!desc) throw new CodecError('protobuf-es', 'create', `no message ${binding.batchType} in the .proto`);
  return desc;
}

/** protobuf-es names fields in camelCase (its localName); records keep the data's own names. */
function checkNames(schema: RecordSchema): void {
  requireSupported(schema.fields, (_type, field) => (field && /_[a-z0-9]/.test(field.name) ? 'protobuf-es names it in camelCase in JS (its localName), so records would need renaming' : undefined));
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
  pathFor: (schema) => ownBindingPath('es', schema),
  create(schema) {
    let desc: DescMessage | undefined = schema.protobuf ? undefined : loadRegistry().getMessage(`${PROTO_PACKAGE}.${batchTypeName(schema)}`);
    if (!desc) {
      checkNames(schema);
      desc = ownMessage(schema);
    }
    const message = desc;
    const fixup = compileBigintToNumber(schema.fields);
    const toMessage = compileToMessage(schema.fields);
    const fromMessage = compileFromMessage(schema.fields);
    return {
      mode: 'sync',
      // The records match the message's init shape (checked by the gate); TypeScript cannot see it through a runtime descriptor.
      encode: (records) => toBinary(message, create(message, { records: toMessage ? records.map(toMessage) : records } as unknown as MessageInitShape<DescMessage>)),
      decode(bytes) {
        const records = (fromBinary(message, bytes) as unknown as { records: Record<string, unknown>[] }).records;
        if (fixup) for (const record of records) fixup(record);
        if (fromMessage) for (const record of records) fromMessage(record);
        return records as DataRecord[];
      },
    };
  },
};
