import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createPipelineRegistries } from '../pipeline/assemble.js';
import { expandMatrix } from '../pipeline/matrix.js';
import { createVariantRegistry } from '../pipeline/variants/registry.js';
import type { ResultFile } from '../results/types.js';
import { UsageError } from './errors.js';
import { parsePipelineFlags } from './pipeline.js';
import { roundArgv } from './pipeline-rounds.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('bench:pipeline flags', () => {
  it('names the valid values of a bad one', () => {
    assert.throws(() => parsePipelineFlags(['--variant', 'async,threads']), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /^unknown variant 'threads'; valid: bare, sync, async, stream, workers/);
      return true;
    });
    assert.throws(() => parsePipelineFlags(['--sink', 'null,file']), /--sink takes one sink/);
    assert.throws(() => parsePipelineFlags(['--sink', 'kafka']), /unknown sink 'kafka'; valid: null, memory, file, slow/);
    assert.throws(() => parsePipelineFlags(['--batch', '0']), /--batch must be a positive integer \(at most 1000000\), got '0'/);
    assert.throws(() => parsePipelineFlags(['--records', '-5']), /^UsageError: --records must be a positive integer \(at most 100000000\), got '-5'$/);
    assert.throws(() => parsePipelineFlags(['--dataset', 'log,']), /^UsageError: --dataset 'log,' has an empty name; separate names with single commas/);
    assert.throws(() => parsePipelineFlags(['--out', 'x.txt']), /--out must name a .json file/);
    assert.throws(() => parsePipelineFlags(['--threads', '2']), /valid flags: --scenario/);
    assert.throws(() => parsePipelineFlags(['--min-time', 'soon']), /^UsageError: --min-time must be a number of seconds from 0 to 3600, got 'soon'$/);
  });

  it('--op, common to the bench commands, selects the encode and decode scenarios', () => {
    assert.deepEqual(parsePipelineFlags(['--op', 'decode']).options.selection.scenarios, ['decode']);
    assert.deepEqual(parsePipelineFlags(['--op', 'encode,decode']).options.selection.scenarios, ['encode', 'decode']);
    assert.throws(() => parsePipelineFlags(['--op', 'roundtrip']), /^UsageError: unknown op 'roundtrip'; valid: encode, decode$/);
    assert.throws(() => parsePipelineFlags(['--op', 'encode', '--scenario', 'etl']), /give --op or --scenario, not both/);
  });

  it('--min-time is seconds, 0 by default', () => {
    assert.equal(parsePipelineFlags([]).options.minTimeMs, 0);
    assert.equal(parsePipelineFlags(['--min-time', '2.5']).options.minTimeMs, 2500);
  });

  it('--interleave is off unless given', () => {
    assert.equal(parsePipelineFlags([]).options.interleave, false);
    assert.equal(parsePipelineFlags(['--interleave']).options.interleave, true);
    assert.throws(() => parsePipelineFlags(['--interleave=yes']), /UsageError/);
  });

  it('selects exactly one configuration when every dimension is given', () => {
    const { options } = parsePipelineFlags(['--scenario', 'decode', '--dataset', 'orders', '--codec', 'protobuf', '--variant', 'workers', '--batch', '1000', '--workers', '2', '--records', '20000']);
    const cases = expandMatrix([{ scenarios: ['x'], datasets: [], codecs: [], variants: [], batches: [], workers: [] }], options.selection, options.records, createPipelineRegistries(), createVariantRegistry());
    assert.deepEqual(cases, [{ scenario: 'decode', dataset: 'orders', codec: 'protobuf', variant: 'workers', batchSize: 1000, workers: 2, records: 20000 }]);
  });
});

describe('bench:pipeline interrupted', () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'serbench-pipeline-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('on SIGINT stops the current case, writes what finished with complete: false and exits 130', async () => {
    const out = join(dir, 'result.json');
    // Two cases of about a second each (the slow sink takes 50 000 records a second).
    const args = ['--import', 'tsx', 'bench/pipeline.ts', '--scenario', 'passthrough', '--source', 'generate', '--dataset', 'log', '--variant', 'sync,async', '--batch', '100'];
    args.push('--records', '25000', '--repetitions', '1', '--sink', 'slow', '--slow-rate', '50000', '--out', out, '--reports-dir', dir);
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      // The first case has finished and the second has started: interrupt it.
      if (/\[2\/2\]/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 130, stderr);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    assert.equal(result.complete, false);
    assert.deepEqual(
      result.cases.map((c) => [c.id, c.status]),
      [
        ['pipeline/passthrough/log/none/sync/b100/w0/25000', 'ok'],
        ['pipeline/passthrough/log/none/async/b100/w0/25000', 'skipped'],
      ],
    );
    assert.match(readFileSync(join(dir, 'pipeline.md'), 'utf8'), /Incomplete run/);
  });
});

describe('bench:pipeline --rounds', () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'serbench-pipeline-rounds-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives each round its own output and runs it once', () => {
    assert.deepEqual(roundArgv(['--variant', 'sync', '--rounds', '3', '--out', 'a.json', '--reports-dir=r', '--rounds=3', '--batch', '1'], 'x.json', 'xr'), [
      '--variant',
      'sync',
      '--batch',
      '1',
      '--out',
      'x.json',
      '--reports-dir',
      'xr',
    ]);
    assert.throws(() => parsePipelineFlags(['--rounds', '2', '--resume', 'old.json']), /--rounds and --resume cannot be combined/);
    assert.throws(() => parsePipelineFlags(['--rounds', '0']), /--rounds must be a positive integer \(at most 100\)/);
  });

  it('runs the selection in fresh processes and pools their samples, marking the rounds', async () => {
    const out = join(dir, 'pooled.json');
    const args = ['--import', 'tsx', 'bench/pipeline.ts', '--scenario', 'passthrough', '--dataset', 'log', '--variant', 'sync,async', '--batch', '100'];
    args.push('--records', '2000', '--repetitions', '2', '--rounds', '2', '--out', out, '--reports-dir', dir);
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, stderr);
    assert.match(stderr, /round 2\/2 \(a fresh process\)/);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    assert.equal(result.complete, true);
    assert.equal(result.meta.options['rounds'], 2);
    for (const item of result.cases) {
      assert.equal(item.samples.length, 4, item.id);
      assert.deepEqual(item.extra?.['roundSizes'], [2, 2]);
      assert.equal(item.pipeline?.['repetitions'], 4);
    }
    assert.match(readFileSync(join(dir, 'pipeline.md'), 'utf8'), /passthrough/);
  });

  it('on SIGINT during a round keeps the finished rounds, writes complete: false and exits 130', async () => {
    const out = join(dir, 'interrupted.json');
    // Each round: one case of about a second (the slow sink takes 50 000 records a second).
    const args = ['--import', 'tsx', 'bench/pipeline.ts', '--scenario', 'passthrough', '--source', 'generate', '--dataset', 'log', '--variant', 'sync', '--batch', '100'];
    args.push('--records', '25000', '--repetitions', '1', '--sink', 'slow', '--slow-rate', '50000', '--rounds', '3', '--out', out, '--reports-dir', dir);
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (/round 2\/3/.test(stderr) && /\[1\/1\]/.test(stderr.split('round 2/3')[1] ?? '') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 130, stderr);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    assert.equal(result.complete, false);
    assert.equal(result.cases[0]?.status, 'ok');
    assert.doesNotMatch(stderr, /round 3\/3/);
  });
});
