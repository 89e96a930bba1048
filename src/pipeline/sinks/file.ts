import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { now } from '../clock.js';
import type { Batch } from '../types.js';
import { SinkCounter } from './counter.js';
import type { Sink, SinkContext, SinkFactory, SinkSummary } from './types.js';

/** Writes are gathered up to this size and written with one writev call. */
const FLUSH_BYTES = 1 << 20;

let fileNumber = 0;

/** Every file of this process starts so (worker threads share the pid), which is how leftovers are found. */
function filePrefix(): string {
  return `sink-${process.pid}-`;
}

/**
 * Appends each batch to a file on local disk: byte payloads as length-prefixed frames
 * (4-byte little-endian length, then the bytes), record payloads as JSON lines. The
 * file is removed on close: the suite measures writing, not what was written.
 * With `fileFsync: 'batch'` each batch is written and fdatasync'ed before the next
 * (fdatasync: the data and the file's size, not its timestamps, as a log would).
 */
export class FileSink implements Sink {
  readonly path: string;
  readonly #counter = new SinkCounter();
  readonly #handle: FileHandle;
  readonly #syncEachBatch: boolean;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #fsyncs = 0;
  #fsyncMs = 0;

  private constructor(path: string, handle: FileHandle, syncEachBatch: boolean) {
    this.path = path;
    this.#handle = handle;
    this.#syncEachBatch = syncEachBatch;
  }

  static async open(context: SinkContext): Promise<FileSink> {
    await mkdir(context.settings.fileDir, { recursive: true });
    const path = join(context.settings.fileDir, `${filePrefix()}${context.instance}-${fileNumber++}.bin`);
    return new FileSink(path, await open(path, 'w'), context.settings.fileFsync === 'batch');
  }

  write(batch: Batch): Promise<void> | undefined {
    const chunk = batch.kind === 'bytes' ? batch.bytes : Buffer.from(batch.records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    let written = chunk.byteLength;
    if (batch.kind === 'bytes') {
      const header = Buffer.allocUnsafe(4);
      header.writeUInt32LE(chunk.byteLength);
      this.#queue(header);
      written += header.byteLength;
    }
    this.#queue(chunk);
    this.#counter.count(batch, written);
    if (this.#syncEachBatch) return this.#flushAndSync();
    return this.#pendingBytes >= FLUSH_BYTES ? this.#flush() : undefined;
  }

  async close(): Promise<SinkSummary> {
    try {
      await this.#flush();
    } finally {
      await this.#handle.close();
      await rm(this.path, { force: true });
    }
    return { ...this.#counter.summary(), metrics: { fsyncs: this.#fsyncs, fsyncMs: this.#fsyncMs } };
  }

  async #flushAndSync(): Promise<void> {
    await this.#flush();
    const startedAt = now();
    await this.#handle.datasync();
    this.#fsyncMs += now() - startedAt;
    this.#fsyncs++;
  }

  #queue(chunk: Uint8Array): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.byteLength;
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const chunks = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    await this.#handle.writev(chunks);
  }
}

export const fileSink: SinkFactory = {
  name: 'file',
  description: 'appends batches to a file on local disk (frames for bytes, JSON lines for records; --fsync batch: fdatasync after each batch), removed on close',
  create: (context) => FileSink.open(context),
  async cleanup(settings) {
    const names = await readdir(settings.fileDir).catch(() => [] as string[]);
    await Promise.all(names.filter((name) => name.startsWith(filePrefix())).map((name) => rm(join(settings.fileDir, name), { force: true })));
  },
};
