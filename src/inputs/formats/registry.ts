import { basename, extname } from 'node:path';
import { Registry } from '../../registry.js';
import { InputError, type InputFormat } from '../types.js';
import { arrowFormat } from './arrow.js';
import { avroFormat } from './avro.js';
import { csvFormat, tsvFormat } from './csv.js';
import { jsonArrayFormat } from './json-array.js';
import { ndjsonFormat } from './ndjson.js';
import { parquetFormat } from './parquet.js';
import { protobufFormat } from './protobuf.js';

export function createInputFormatRegistry(): Registry<InputFormat> {
  return new Registry<InputFormat>('input format', [ndjsonFormat, jsonArrayFormat, csvFormat, tsvFormat, parquetFormat, avroFormat, arrowFormat, protobufFormat]);
}

/** `.ndjson .jsonl (ndjson), .json (json), …` for messages. */
export function supportedExtensions(formats: Registry<InputFormat>): string {
  return formats
    .all()
    .map((f) => `${f.extensions.join(' ')} (${f.name})`)
    .join(', ');
}

/** The format a file's extension names, checked against its first bytes; one line when either fails. */
export function detectFormat(path: string, head: Buffer, formats = createInputFormatRegistry()): InputFormat {
  const extension = extname(path).toLowerCase();
  const format = formats.all().find((f) => f.extensions.includes(extension));
  if (!format) throw new InputError(`${basename(path)}: unknown file type '${extension || '(no extension)'}'; supported: ${supportedExtensions(formats)}`);
  if (!format.sniff(head)) throw new InputError(`${basename(path)} does not look like ${format.description}: expected ${format.expects}`);
  return format;
}
