import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes read from the file per system call: large enough that syscalls are a small part of a read. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * A file read synchronously, chunk by chunk, from the start: what lets an input
 * dataset hand out records lazily inside a pipeline's synchronous source stage, and
 * lets a run that uses the first 1000 records of a 5 GB file read only those.
 */
export class FileChunks {
  readonly #fd: number;
  #done = false;
  #closed = false;

  constructor(path: string) {
    this.#fd = openSync(path, 'r');
  }

  /** The next chunk, or undefined at the end of the file. */
  next(): Buffer | undefined {
    if (this.#done) return undefined;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const read = readSync(this.#fd, buffer, 0, CHUNK_BYTES, null);
    if (read === 0) {
      this.#done = true;
      this.close();
      return undefined;
    }
    return read === CHUNK_BYTES ? buffer : buffer.subarray(0, read);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}

/** Lines of a file (without their \n or \r\n), numbered from 1, read lazily. */
export class FileLines {
  readonly #chunks: FileChunks;
  #buffer: Buffer = Buffer.alloc(0);
  #start = 0;
  #ended = false;
  /** The 1-based number of the line last returned. */
  lineNumber = 0;

  constructor(path: string) {
    this.#chunks = new FileChunks(path);
  }

  /** The next line as UTF-8 text, or undefined at the end of the file. */
  next(): string | undefined {
    for (;;) {
      const end = this.#buffer.indexOf(0x0a, this.#start);
      if (end !== -1) {
        const line = this.#buffer.toString('utf8', this.#start, end > this.#start && this.#buffer[end - 1] === 0x0d ? end - 1 : end);
        this.#start = end + 1;
        this.lineNumber++;
        return line;
      }
      if (this.#ended) {
        if (this.#start >= this.#buffer.length) return undefined;
        const line = this.#buffer.toString('utf8', this.#start);
        this.#start = this.#buffer.length;
        this.lineNumber++;
        return line;
      }
      const chunk = this.#chunks.next();
      if (chunk === undefined) this.#ended = true;
      else {
        // Keep only the unfinished line: memory stays one line plus one chunk.
        this.#buffer = this.#start < this.#buffer.length ? Buffer.concat([this.#buffer.subarray(this.#start), chunk]) : chunk;
        this.#start = 0;
      }
    }
  }

  close(): void {
    this.#chunks.close();
  }
}
