import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Batch } from '../types.js';
import { FileSink, fileSink } from './file.js';
import { createSinkRegistry } from './registry.js';
import { SlowSink } from './slow.js';

const bytesBatch = (seq: number, text: string): Batch => {
  const bytes = new TextEncoder().encode(text);
  return { kind: 'bytes', seq, count: 2, bornAt: 0, encodedBytes: bytes.byteLength, bytes };
};

describe('sinks', () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'serbench-sinks-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const settings = { fileDir: dir, slowRecordsPerSec: 1000 };

  it('registers null, memory, file and slow first', () => {
    assert.deepEqual(createSinkRegistry().names().slice(0, 4), ['null', 'memory', 'file', 'slow']);
  });

  it('file: writes length-prefixed frames and JSON lines, then removes its file', async () => {
    const sink = await FileSink.open({ instance: 3, settings, signal: new AbortController().signal });
    assert.ok(existsSync(sink.path));
    await sink.write(bytesBatch(0, 'abc'));
    await sink.write({ kind: 'records', seq: 1, count: 1, bornAt: 0, encodedBytes: 0, records: [{ a: 1 }] });
    const { records, batches, bytes } = await sink.close();
    assert.deepEqual({ records, batches, bytes }, { records: 3, batches: 2, bytes: 4 + 3 + '{"a":1}\n'.length });
    assert.equal(existsSync(sink.path), false);
  });

  it('file: cleanup removes what this process left behind, and nothing else', async () => {
    writeFileSync(join(dir, `sink-${process.pid}-9-99.bin`), 'left behind');
    writeFileSync(join(dir, 'sink-1-0-0.bin'), 'another process');
    await fileSink.cleanup?.(settings);
    assert.deepEqual(readdirSync(dir), ['sink-1-0-0.bin']);
    assert.equal(readFileSync(join(dir, 'sink-1-0-0.bin'), 'utf8'), 'another process');
  });

  it('retain: sinks that only count keep the counts of a held batch; sinks that keep records keep them all', async () => {
    const registry = createSinkRegistry();
    const context = { instance: 0, settings, signal: new AbortController().signal };
    const records: Batch = { kind: 'records', seq: 4, count: 2, bornAt: 12.5, encodedBytes: 300, records: [{ a: 1 }, { a: 2 }] };
    for (const name of ['null', 'slow']) {
      const sink = await registry.get(name).create(context);
      const held: Batch | undefined = sink.retain?.(records);
      assert.deepEqual(held, { kind: 'bytes', seq: 4, count: 2, bornAt: 12.5, encodedBytes: 300, bytes: new Uint8Array(0) }, name);
      await sink.write(held as Batch);
      const direct = await registry.get(name).create(context);
      await direct.write(records);
      assert.deepEqual(await sink.close(), await direct.close(), `${name}: writing the retained batch counts as writing the batch`);
    }
    for (const name of ['memory', 'file']) {
      const sink = await registry.get(name).create(context);
      assert.equal(sink.retain, undefined, `${name} needs the whole batch`);
      await sink.close();
    }
  });

  it('slow: holds writes to its rate, and stops waiting when the run stops', async () => {
    const controller = new AbortController();
    const sink = new SlowSink({ instance: 0, settings, signal: controller.signal });
    const started = Date.now();
    for (let seq = 0; seq < 50; seq++) await sink.write(bytesBatch(seq, 'x'));
    assert.ok(Date.now() - started >= 80, `100 records at 1000/s took ${Date.now() - started} ms`);
    const waiting = sink.write({ kind: 'records', seq: 50, count: 10_000, bornAt: 0, encodedBytes: 0, records: [] });
    assert.ok(waiting instanceof Promise, 'ten seconds of records must wait');
    controller.abort(new Error('stop'));
    await assert.rejects(waiting);
    assert.equal(sink.close().records, 10_100);
  });
});
