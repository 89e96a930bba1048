import { createHash } from 'node:crypto';
import type { Field, FieldType, ProtobufBinding, RecordSchema } from '../datasets/schema.js';
import { allChecks, nameProblem, requireSupported, type KindCheck } from './kinds.js';

/**
 * The .proto a schema implies, for datasets that bring no .proto of their own (a
 * user's NDJSON, CSV, Parquet …): one message per struct, named after its path as
 * Avro does; optional scalars are proto3 `optional` (presence kept: "" is not
 * absent); lists are `repeated`; maps are `map<string, T>`; timestamps are
 * google.protobuf.Timestamp; enums get values in symbol order.
 */
const scalars = { string: 'string', bool: 'bool', int32: 'int32', int64: 'int64', double: 'double', bytes: 'bytes' } as const;

/** What Protobuf cannot say directly: lists of lists, maps of lists or maps (both need a wrapper message the data does not have). */
export const protobufKindCheck: KindCheck = allChecks(nameProblem('Protobuf'), (type) => {
  if (type.kind === 'list' && (type.of.kind === 'list' || type.of.kind === 'map')) return `Protobuf has no ${type.of.kind} directly inside a repeated field`;
  if (type.kind === 'map' && (type.values.kind === 'list' || type.values.kind === 'map')) return `Protobuf map values cannot be a ${type.values.kind}`;
  return undefined;
});

class ProtoWriter {
  readonly messages: string[] = [];
  usesTimestamp = false;

  typeName(type: FieldType, path: string): string {
    switch (type.kind) {
      case 'struct':
        this.message(path, type.fields);
        return path;
      case 'enum':
        this.messages.push(`enum ${path} {\n${type.symbols.map((_, i) => `  ${path}_${i} = ${type.numbers?.[i] ?? i};`).join('\n')}\n}`);
        return path;
      case 'timestamp':
        this.usesTimestamp = true;
        return 'google.protobuf.Timestamp';
      case 'list':
      case 'map':
        throw new Error(`${path}: a ${type.kind} has no Protobuf type name`);
      default:
        return scalars[type.kind];
    }
  }

  fieldLine(f: Field, number: number, path: string): string {
    const inner = `${path}_${f.name}`;
    switch (f.type.kind) {
      case 'list':
        return `  repeated ${this.typeName(f.type.of, inner)} ${f.name} = ${number};`;
      case 'map':
        return `  map<string, ${this.typeName(f.type.values, inner)}> ${f.name} = ${number};`;
      default: {
        const scalar = f.type.kind !== 'struct' && f.type.kind !== 'timestamp';
        const optional = scalar && (f.optional === true || f.nullable === true) ? 'optional ' : '';
        return `  ${optional}${this.typeName(f.type, inner)} ${f.name} = ${number};`;
      }
    }
  }

  message(name: string, fields: readonly Field[]): void {
    const lines = fields.map((f, i) => this.fieldLine(f, i + 1, name));
    this.messages.push(`message ${name} {\n${lines.join('\n')}\n}`);
  }
}

/** A package name per schema, so derived messages of different inputs never meet in one protobufjs root. */
export function derivedPackage(schema: RecordSchema): string {
  const hash = createHash('sha256').update(JSON.stringify(schema.fields)).digest('hex').slice(0, 12);
  return `serbench.input_${hash}`;
}

/** The .proto source derived from a schema, with its batch message. Throws naming a field Protobuf cannot carry. */
export function deriveProtobuf(schema: RecordSchema): ProtobufBinding {
  requireSupported(schema.fields, protobufKindCheck);
  const writer = new ProtoWriter();
  writer.message(schema.name, schema.fields);
  const pkg = derivedPackage(schema);
  const batch = `${schema.name}Batch`;
  const header = ['syntax = "proto3";', `package ${pkg};`, ...(writer.usesTimestamp ? ['import "google/protobuf/timestamp.proto";'] : [])];
  const source = `${header.join('\n')}\n\n${[...writer.messages, `message ${batch} {\n  repeated ${schema.name} records = 1;\n}`].join('\n\n')}\n`;
  return { source, batchType: `${pkg}.${batch}`, origin: 'derived' };
}

/** A user's .proto with a batch message for `message` appended (same package, so no imports are needed). */
export function bindUserProto(source: string, message: string): ProtobufBinding {
  const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(source)?.[1];
  const local = pkg && message.startsWith(`${pkg}.`) ? message.slice(pkg.length + 1) : message;
  const batch = `${local.replace(/\./g, '_')}SerbenchBatch`;
  return { source: `${source}\n\nmessage ${batch} {\n  repeated ${local} records = 1;\n}\n`, batchType: pkg ? `${pkg}.${batch}` : batch, origin: 'user' };
}

/** The binding a schema's Protobuf codecs use: its own, or derived (undefined: the built-in messages in proto/). */
export function protobufBinding(schema: RecordSchema, builtIn: boolean): ProtobufBinding | undefined {
  if (schema.protobuf) return schema.protobuf;
  return builtIn ? undefined : deriveProtobuf(schema);
}

export function bindingHash(binding: ProtobufBinding): string {
  return createHash('sha256').update(binding.source).digest('hex').slice(0, 16);
}
