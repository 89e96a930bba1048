import type { DataRecord, RecordSchema } from '../datasets/schema.js';
import { deriveProtobuf } from './proto-schema.js';
import { bindingPath } from './protobuf-binding.js';
import { compileFromMessage, compileToMessage } from './protobuf-values.js';
import type { BatchType } from './protobuf-runtime.js';
import type { CodecInstance } from './types.js';

/**
 * A protobufjs batch class bound as a codec instance. `findBuiltIn` looks the schema
 * up among the messages of proto/ (the built-in datasets); a schema with its own
 * .proto (`schema.protobuf`), or one proto/ does not know, gets its messages from
 * `forBinding` (the user's .proto, or one derived from the schema).
 */
export function protobufjsInstance(schema: RecordSchema, findBuiltIn: () => BatchType | undefined, forBinding: (binding: NonNullable<RecordSchema['protobuf']>) => BatchType): CodecInstance {
  const builtIn = schema.protobuf ? undefined : findBuiltIn();
  const type = builtIn ?? forBinding(schema.protobuf ?? deriveProtobuf(schema));
  const toMessage = compileToMessage(schema.fields);
  const fromMessage = compileFromMessage(schema.fields);
  return {
    mode: 'sync',
    encode: toMessage ? (records) => type.encode({ records: records.map(toMessage) as DataRecord[] }).finish() : (records) => type.encode({ records }).finish(),
    decode: fromMessage
      ? (bytes) => {
          const records = type.decode(bytes).records;
          for (const record of records) fromMessage(record);
          return records;
        }
      : (bytes) => type.decode(bytes).records,
  };
}

/** The Protobuf path for a schema with its own .proto (a user's input); undefined for the built-in datasets. */
export function ownBindingPath(kind: 'static' | 'reflect' | 'es', schema: RecordSchema): string | undefined {
  return schema.protobuf ? bindingPath(kind, schema.protobuf) : undefined;
}
