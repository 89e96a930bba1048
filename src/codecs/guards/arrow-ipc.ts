import { DictionaryBatch } from 'apache-arrow/fb/dictionary-batch';
import type { Field } from 'apache-arrow/fb/field';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { Schema } from 'apache-arrow/fb/schema';
import { ByteBuffer } from 'flatbuffers';

/**
 * apache-arrow trusts the vector lengths and row counts in an IPC message's
 * FlatBuffers metadata, and FlatBuffers reads past the end of a buffer as zeros
 * instead of failing. A forged `nodes` length (2^31) then loops for minutes and
 * allocates gigabytes before anything fails. This walks an IPC stream's messages
 * with Arrow's own generated FlatBuffers classes and checks that every vector,
 * buffer and row count fits in the bytes that carry it; it costs a few reads per
 * message, not per value.
 */

const CONTINUATION = 0xffffffff;
/** A message's metadata vectors hold 16-byte structs (FieldNode, Buffer), 8-byte counts or 4-byte table offsets. */
const STRUCT_BYTES = 16;
const OFFSET_BYTES = 4;
const MAX_FIELD_DEPTH = 64;

function fail(detail: string): never {
  throw new Error(`corrupt Arrow IPC data: ${detail}`);
}

function checkVector(what: string, count: number, elementBytes: number, metadataBytes: number): void {
  if (count * elementBytes > metadataBytes) fail(`${what} count ${count} does not fit in the message's ${metadataBytes} bytes of metadata`);
}

function checkField(field: Field, metadataBytes: number, depth: number): void {
  if (depth > MAX_FIELD_DEPTH) fail(`fields nest deeper than ${MAX_FIELD_DEPTH} levels`);
  checkVector("a field's child", field.childrenLength(), OFFSET_BYTES, metadataBytes);
  checkVector("a field's custom metadata", field.customMetadataLength(), OFFSET_BYTES, metadataBytes);
  for (let i = 0; i < field.childrenLength(); i++) {
    const child = field.children(i);
    if (child) checkField(child, metadataBytes, depth + 1);
  }
}

function checkSchema(schema: Schema, metadataBytes: number): void {
  checkVector("the schema's field", schema.fieldsLength(), OFFSET_BYTES, metadataBytes);
  checkVector("the schema's custom metadata", schema.customMetadataLength(), OFFSET_BYTES, metadataBytes);
  for (let i = 0; i < schema.fieldsLength(); i++) {
    const field = schema.fields(i);
    if (field) checkField(field, metadataBytes, 1);
  }
}

/**
 * Rows need bytes: a batch whose columns hold any value has at least a bit per row
 * in its body, so more rows than 8 × body bytes (plus slack for all-null columns,
 * whose validity bitmaps may be left out) cannot be real.
 */
function checkRecordBatch(batch: RecordBatch, metadataBytes: number, bodyLength: number): void {
  checkVector("the record batch's field node", batch.nodesLength(), STRUCT_BYTES, metadataBytes);
  checkVector("the record batch's buffer", batch.buffersLength(), STRUCT_BYTES, metadataBytes);
  checkVector("the record batch's variadic buffer", batch.variadicBufferCountsLength(), 8, metadataBytes);
  const maxRows = bodyLength * 8 + 64;
  const length = Number(batch.length());
  if (length < 0 || length > maxRows) fail(`a record batch claims ${length} rows with a ${bodyLength}-byte body`);
  for (let i = 0; i < batch.nodesLength(); i++) {
    const node = batch.nodes(i);
    if (!node) continue;
    const nodeLength = Number(node.length());
    const nulls = Number(node.nullCount());
    if (nodeLength < 0 || nodeLength > maxRows) fail(`column node ${i} claims ${nodeLength} values with a ${bodyLength}-byte body`);
    if (nulls < 0 || nulls > nodeLength) fail(`column node ${i} claims ${nulls} nulls among ${nodeLength} values`);
  }
  for (let i = 0; i < batch.buffersLength(); i++) {
    const buffer = batch.buffers(i);
    if (!buffer) continue;
    const offset = Number(buffer.offset());
    const length = Number(buffer.length());
    if (offset < 0 || length < 0 || offset + length > bodyLength) fail(`buffer ${i} (${length} bytes at ${offset}) lies outside the ${bodyLength}-byte body`);
  }
}

/** Checks every message of an Arrow IPC stream; throws an Error saying what does not fit. */
export function checkArrowIpcStream(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  while (pos + 4 <= bytes.length) {
    let metadataBytes = view.getUint32(pos, true);
    let prefix = 4;
    if (metadataBytes === CONTINUATION) {
      if (pos + 8 > bytes.length) fail(`the stream ends inside a message prefix at byte ${pos}`);
      metadataBytes = view.getUint32(pos + 4, true);
      prefix = 8;
    }
    if (metadataBytes === 0) return; // end-of-stream marker
    const start = pos + prefix;
    if (start + metadataBytes > bytes.length) fail(`a message at byte ${pos} claims ${metadataBytes} bytes of metadata, but only ${bytes.length - start} are left`);
    const metadata = bytes.subarray(start, start + metadataBytes);
    if (metadataBytes < 8) fail(`a message at byte ${pos} has only ${metadataBytes} bytes of metadata`);
    const rootOffset = new DataView(metadata.buffer, metadata.byteOffset, metadata.byteLength).getUint32(0, true);
    if (rootOffset + 4 > metadataBytes) fail(`a message at byte ${pos} has its root table outside its metadata`);
    const message = Message.getRootAsMessage(new ByteBuffer(metadata));
    const bodyLength = Number(message.bodyLength());
    const bodyStart = start + metadataBytes;
    if (bodyLength < 0 || bodyStart + bodyLength > bytes.length) fail(`a message at byte ${pos} claims a ${bodyLength}-byte body, but only ${bytes.length - bodyStart} bytes are left`);
    switch (message.headerType()) {
      case MessageHeader.Schema: {
        const schema = message.header(new Schema()) as Schema | null;
        if (schema) checkSchema(schema, metadataBytes);
        break;
      }
      case MessageHeader.RecordBatch: {
        const batch = message.header(new RecordBatch()) as RecordBatch | null;
        if (batch) checkRecordBatch(batch, metadataBytes, bodyLength);
        break;
      }
      case MessageHeader.DictionaryBatch: {
        const dictionary = message.header(new DictionaryBatch()) as DictionaryBatch | null;
        const data = dictionary?.data();
        if (data) checkRecordBatch(data, metadataBytes, bodyLength);
        break;
      }
      default:
        break; // apache-arrow rejects other message types itself, with a message
    }
    pos = bodyStart + bodyLength;
  }
}

const FILE_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
/** The file format: magic and 2 bytes of padding, the stream's messages, the footer, its int32 length, the magic. */
const FILE_HEAD_BYTES = 8;
const FILE_TAIL_BYTES = 10;

/**
 * Checks Arrow IPC data in either format: a stream as above, or a file (what
 * pyarrow.feather and `tableToIPC(table, 'file')` write), whose messages between
 * the leading magic and the footer are a stream.
 */
export function checkArrowIpc(bytes: Uint8Array): void {
  const isFile = bytes.length >= FILE_HEAD_BYTES && FILE_MAGIC.every((byte, i) => bytes[i] === byte);
  if (!isFile) return checkArrowIpcStream(bytes);
  if (bytes.length < FILE_HEAD_BYTES + FILE_TAIL_BYTES || !FILE_MAGIC.every((byte, i) => bytes[bytes.length - 6 + i] === byte)) fail('an Arrow IPC file must end with the ARROW1 magic');
  const footerBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(bytes.length - FILE_TAIL_BYTES, true);
  const end = bytes.length - FILE_TAIL_BYTES - footerBytes;
  if (footerBytes <= 0 || end < FILE_HEAD_BYTES) fail(`the file's footer claims ${footerBytes} bytes of ${bytes.length}`);
  checkArrowIpcStream(bytes.subarray(FILE_HEAD_BYTES, end));
}
