import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { FileChunks } from '../chunks.js';
import { InputError, type InputFormat, type RawRecord } from '../types.js';
import { parseRecordJson } from './json-text.js';
import { ndjsonFormat } from './ndjson.js';

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * The elements of a top-level JSON array, one at a time, read in chunks: only the
 * element being parsed is in memory. The scan tracks strings and nesting on the
 * bytes (JSON's structural characters are ASCII, so UTF-8 needs no decoding) and
 * hands each element's text to JSON.parse.
 */
class ArrayElements {
  readonly #chunks: FileChunks;
  #buffer: Buffer = Buffer.alloc(0);
  #pos = 0;
  #started = false;
  #finished = false;
  element = 0;

  constructor(
    path: string,
    readonly file: string,
  ) {
    this.#chunks = new FileChunks(path);
  }

  #more(): boolean {
    const chunk = this.#chunks.next();
    if (chunk === undefined) return false;
    this.#buffer = this.#pos < this.#buffer.length ? Buffer.concat([this.#buffer.subarray(this.#pos), chunk]) : chunk;
    this.#pos = 0;
    return true;
  }

  /** The next non-space byte (not consumed), or undefined at the end of the file. */
  #peek(): number | undefined {
    for (;;) {
      while (this.#pos < this.#buffer.length && isSpace(this.#buffer[this.#pos])) this.#pos++;
      if (this.#pos < this.#buffer.length) return this.#buffer[this.#pos];
      if (!this.#more()) return undefined;
    }
  }

  #fail(detail: string): never {
    throw new InputError(`${this.file}: ${detail}`);
  }

  next(): RawRecord | undefined {
    if (this.#finished) return undefined;
    if (!this.#started) {
      if (this.#buffer.length === 0) this.#more();
      if (this.#buffer[0] === 0xef && this.#buffer[1] === 0xbb && this.#buffer[2] === 0xbf) this.#pos = 3;
      if (this.#peek() !== OPEN_BRACKET) this.#fail('expected a JSON array of records');
      this.#pos++;
      this.#started = true;
      if (this.#peek() === CLOSE_BRACKET) return this.#end();
    }
    const first = this.#peek();
    if (first === undefined) this.#fail(`the array is not closed after element ${this.element}`);
    this.element++;
    const start = this.#pos;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let offset = start;
    for (;;) {
      if (offset >= this.#buffer.length) {
        const consumed = offset - this.#pos;
        if (!this.#more()) this.#fail(`element ${this.element} is cut off by the end of the file`);
        offset = this.#pos + consumed;
        continue;
      }
      const byte = this.#buffer[offset] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (depth === 0) break;
        depth--;
      } else if (byte === COMMA && depth === 0) break;
      offset++;
    }
    const text = this.#buffer.toString('utf8', this.#pos, offset);
    this.#pos = offset;
    const record = parseRecordJson(text, this.file, `element ${this.element}`);
    const separator = this.#peek();
    if (separator === COMMA) this.#pos++;
    else if (separator === CLOSE_BRACKET) this.#end();
    else this.#fail(`expected , or ] after element ${this.element}`);
    return record;
  }

  #end(): undefined {
    this.#finished = true;
    this.#pos++;
    if (this.#peek() !== undefined) this.#fail('text follows the closing ] of the array');
    this.close();
    return undefined;
  }

  close(): void {
    this.#chunks.close();
  }
}

/** The first bytes of a file, for format checks. */
export function readHead(path: string, bytes = 64 * 1024): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** A .json file that starts with an object: NDJSON when its first line is a whole object and more follow. */
function looksLikeLines(head: Buffer): boolean {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const [first, ...rest] = text.split('\n');
  try {
    const value: unknown = JSON.parse(first ?? '');
    return typeof value === 'object' && value !== null && rest.some((line) => line.trim() !== '');
  } catch {
    return false;
  }
}

/** A JSON array of records, read element by element; a .json file of JSON lines is read as NDJSON. */
export const jsonArrayFormat: InputFormat = {
  name: 'json',
  extensions: ['.json'],
  description: 'a JSON array of objects (or JSON lines in a .json file)',
  expects: 'a JSON array of objects ([ ... ])',
  textual: true,
  sniff: (head) => /^\s*[[{]/.test(head.toString('utf8').replace(/^\uFEFF/, '')),
  open(path, options) {
    const file = basename(path);
    const head = readHead(path);
    if (/^\s*\{/.test(head.toString('utf8').replace(/^\uFEFF/, ''))) {
      if (looksLikeLines(head)) return ndjsonFormat.open(path, options);
      throw new InputError(`${file} is one JSON object, not records: give an array of objects ([{...}, {...}]) or one object per line (NDJSON)`);
    }
    const elements = new ArrayElements(path, file);
    return { mode: 'sync', next: () => elements.next(), close: () => elements.close() };
  },
};
