import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Runs failing cases in a fresh process that does nothing to clean up after them:
// if a worker thread, a timer or a handle were left behind, the process would not
// exit by itself and the spawn would hit its timeout.
const script = `
import { runPipelineSuite } from './src/pipeline/suite.ts';
const settings = { repetitions: 1, warmup: 0, warmupMs: 0, seed: 1, source: 'generate', sink: 'slow', sinkSettings: { fileDir: '/unused', slowRecordsPerSec: 5000 },
  capacity: 2, yieldEveryMs: 10, memorySampleMs: 10, fault: { stage: 'transform', atBatch: 3, kind: 'throw' } };
const cases = ['workers', 'async'].map((variant) => ({ scenario: 'passthrough', dataset: 'log', codec: 'none', variant, batchSize: 50, workers: variant === 'async' ? 0 : 2, records: 100000 }));
const outcome = await runPipelineSuite(cases, settings);
process.stdout.write(JSON.stringify(outcome.cases.map((c) => [c.status, c.status === 'ok' ? '' : c.error])));
`;

describe('a failed pipeline', () => {
  it('terminates its worker threads and leaves nothing that keeps the process alive', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.error, undefined, `the process did not exit by itself: ${String(child.error)}`);
    assert.equal(child.status, 0, child.stderr);
    const statuses = JSON.parse(child.stdout) as [string, string][];
    assert.equal(statuses.length, 2);
    for (const [status, error] of statuses) {
      assert.equal(status, 'failed');
      assert.match(error, /^transform stage failed: injected fault at batch 3/);
    }
  });
});
