import { describeThrown } from '../types.js';

const MAGIC = 'PAR1';
/** PAR1, then at the end: 4-byte footer length and PAR1. */
const ENVELOPE_BYTES = 12;

/** A few words on what the bytes look like instead, so "not a Parquet file" says what it is. */
function looksLike(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16));
  const text = head.toString('latin1');
  if (/^\s*[[{]/.test(text)) return 'it looks like JSON';
  if (text.startsWith('ARROW1') || (head.readUInt32LE(0) === 0xffffffff && bytes.length >= 8)) return 'it looks like Arrow IPC';
  if (text.startsWith('Obj\u0001')) return 'it looks like an Avro container';
  if (/^[\x20-\x7e]{4}/.test(text)) return `it starts with "${text.replace(/[^\x20-\x7e]/g, '.').slice(0, 12)}"`;
  return `it starts with bytes ${head.subarray(0, 8).toString('hex')}`;
}

/**
 * Checks the Parquet envelope before a library parses it: both magic numbers, and a
 * footer length that fits in the file. A forged footer length otherwise reaches the
 * Thrift decoder, whose errors (parquetjs-lite) carry no message at all.
 */
export function checkParquetEnvelope(bytes: Uint8Array): void {
  if (bytes.length < ENVELOPE_BYTES) {
    throw new Error(`not a Parquet file: ${bytes.length} bytes is shorter than the smallest possible one (${ENVELOPE_BYTES} bytes)${bytes.length > 0 ? `; ${looksLike(bytes)}` : ''}`);
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.toString('latin1', 0, 4) !== MAGIC) throw new Error(`not a Parquet file: no PAR1 magic at the start; ${looksLike(bytes)}`);
  if (view.toString('latin1', bytes.length - 4) !== MAGIC) throw new Error('truncated or corrupt Parquet file: no PAR1 magic at the end (a cut-off file ends this way)');
  const footerLength = view.readUInt32LE(bytes.length - 8);
  const room = bytes.length - ENVELOPE_BYTES;
  if (footerLength > room) throw new Error(`corrupt Parquet footer: it claims ${footerLength} bytes of metadata, but the file has only ${room} bytes between its magic numbers`);
  if (footerLength === 0) throw new Error('corrupt Parquet footer: its metadata length is 0');
}

/**
 * parquetjs-lite throws Thrift's InputBufferUnderrunError with no message, and plain
 * strings elsewhere; this says in words what went wrong, keeping the original as the cause.
 */
export function explainParquetjsError(thrown: unknown): Error {
  const name = thrown instanceof Error ? thrown.name : thrown !== null && typeof thrown === 'object' && 'name' in thrown ? String(thrown.name) : '';
  if (name === 'InputBufferUnderrunError') {
    return new Error('corrupt Parquet metadata: a Thrift structure runs past the end of its bytes (a damaged footer or page header)', { cause: thrown });
  }
  const detail = describeThrown(thrown);
  if (typeof thrown === 'string' || thrown instanceof RangeError || thrown instanceof TypeError) {
    return new Error(`corrupt or unsupported Parquet data: parquetjs-lite failed with "${detail}"`, { cause: thrown });
  }
  if (thrown instanceof Error && detail.endsWith('without a message')) return new Error(`corrupt Parquet data: parquetjs-lite threw a ${name} and gave no detail`, { cause: thrown });
  return thrown instanceof Error ? thrown : new Error(detail, { cause: thrown });
}
