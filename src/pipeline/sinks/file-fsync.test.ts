import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { runOnce, testPlan } from '../testing.js';

describe('file sink fsync policy', () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'serbench-fsync-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const plan = (fileFsync: string) =>
    testPlan({ scenario: 'encode', dataset: 'log', codec: 'json', source: 'generate', records: 500, batchSize: 50, sink: 'file', sinkSettings: { fileDir: dir, slowRecordsPerSec: PIPELINE_DEFAULTS.slowRecordsPerSec, fileFsync } });

  it('batch: every batch is written and fdatasync-ed before the next, and the time is counted', async () => {
    const { outcome } = await runOnce(plan('batch'), 'sync');
    const figures = outcome.sinks[0]?.metrics ?? {};
    assert.equal(figures.fsyncs, 10);
    assert.ok((figures.fsyncMs ?? 0) > 0, JSON.stringify(figures));
    assert.deepEqual(readdirSync(dir), [], 'the file is removed on close');
  });

  it('none (the default): the page cache decides, nothing is synced', async () => {
    const { outcome } = await runOnce(plan('none'), 'async');
    assert.deepEqual(outcome.sinks[0]?.metrics, { fsyncs: 0, fsyncMs: 0 });
    assert.equal(outcome.sinks[0]?.records, 500);
  });
});
