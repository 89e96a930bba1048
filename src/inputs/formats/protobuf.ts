import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createFileRegistry, fromBinary, toJson, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { bindUserProto } from '../../codecs/proto-schema.js';
import { descriptorSet } from '../../codecs/protobuf-binding.js';
import { describeThrown } from '../../codecs/types.js';
import { FileChunks } from '../chunks.js';
import { InputError, type InputFormat, type RawRecord, type ReadOptions } from '../types.js';

/** Up to this size the length prefixes are checked to tile the whole file; a file they do not tile is one message. */
const FRAME_CHECK_BYTES = 64 * 1024 * 1024;

/** A varint at `pos`: [value, bytes], or undefined when the buffer ends first. */
function varint(buffer: Buffer, pos: number): [number, number] | undefined {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buffer[pos + i];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return [value, i + 1];
  }
  return undefined;
}

function framesTile(bytes: Buffer): boolean {
  let pos = 0;
  while (pos < bytes.length) {
    const prefix = varint(bytes, pos);
    if (!prefix) return false;
    pos += prefix[1] + prefix[0];
  }
  return pos === bytes.length;
}

/** The message's descriptor, from the user's .proto through buf (protobuf-es reads int64 exactly, as bigint). */
function messageDescriptor(options: ReadOptions, file: string): DescMessage {
  if (!options.protobuf) throw new InputError(`${file}: Protobuf binary needs its .proto: give --schema FILE.proto --message pkg.Name`);
  const binding = bindUserProto(options.protobuf.source, options.protobuf.message);
  const desc = createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptorSet(binding))).getMessage(options.protobuf.message);
  if (!desc) throw new InputError(`--message ${options.protobuf.message}: no such message in the .proto`);
  return desc;
}

/**
 * Protobuf binary: length-delimited messages (a varint length before each, as
 * writeDelimitedTo and most log shippers write them) or one message, with the
 * user's .proto. Each message becomes its proto3 JSON form with the .proto's own
 * field names, which the schema then types (int64 text exactly, bytes from base64,
 * Timestamps from RFC 3339).
 */
export const protobufFormat: InputFormat = {
  name: 'protobuf',
  extensions: ['.pb', '.binpb', '.protobuf'],
  description: 'Protobuf binary, one message or length-delimited messages (needs --schema FILE.proto --message NAME)',
  expects: 'Protobuf binary',
  textual: false,
  sniff: () => true,
  open(path, options) {
    const name = basename(path);
    const desc = messageDescriptor(options, name);
    const toRecord = (bytes: Uint8Array, number: number): RawRecord => {
      try {
        return toJson(desc, fromBinary(desc, bytes), { useProtoFieldName: true, alwaysEmitImplicit: true }) as RawRecord;
      } catch (thrown) {
        throw new InputError(`${name} message ${number}: not a valid ${options.protobuf?.message} (${describeThrown(thrown)})`);
      }
    };
    const size = statSync(path).size;
    if (size <= FRAME_CHECK_BYTES) {
      const whole = readFileSync(path);
      if (!framesTile(whole)) {
        let done = false;
        return {
          mode: 'sync',
          next: () => (done ? undefined : ((done = true), toRecord(whole, 1))),
          close: () => undefined,
        };
      }
    }
    const chunks = new FileChunks(path);
    let buffer: Buffer = Buffer.alloc(0);
    let count = 0;
    const fill = (bytes: number): boolean => {
      while (buffer.length < bytes) {
        const chunk = chunks.next();
        if (!chunk) return false;
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      }
      return true;
    };
    return {
      mode: 'sync',
      next() {
        if (!fill(1)) return undefined;
        fill(10);
        const prefix = varint(buffer, 0);
        if (!prefix) throw new InputError(`${name}: message ${count + 1} has a damaged length prefix`);
        const [length, head] = prefix;
        if (!fill(head + length)) throw new InputError(`${name}: message ${count + 1} is cut off by the end of the file`);
        const bytes = buffer.subarray(head, head + length);
        buffer = buffer.subarray(head + length);
        return toRecord(bytes, ++count);
      },
      close: () => chunks.close(),
    };
  },
};
