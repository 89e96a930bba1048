import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runPipelineCase, type CaseSpec } from './case.js';
import { PIPELINE_DEFAULTS } from './constants.js';
import { testCaseSettings } from './testing.js';

const SPEC: CaseSpec = { scenario: 'passthrough', dataset: 'log', codec: 'none', variant: 'sync', batchSize: 100, workers: 0, records: 2000 };
// 20 000 records a second: each run of 2000 records takes about 100 ms.
const SETTINGS = testCaseSettings({ sink: 'slow', sinkSettings: { fileDir: PIPELINE_DEFAULTS.fileDir, slowRecordsPerSec: 20_000 } });

it('--min-time repeats timed runs until they add up to it, and no further', async () => {
  const once = await runPipelineCase(SPEC, SETTINGS);
  assert.equal(once.status, 'ok');
  assert.equal(once.samples.length, 1);

  const result = await runPipelineCase(SPEC, { ...SETTINGS, minTimeMs: 350 });
  assert.equal(result.status, 'ok');
  const runMs = result.pipeline?.['runMs'] as number;
  assert.ok(runMs >= 350, `timed runs add up to ${runMs} ms`);
  assert.ok(result.samples.length >= 2);
  // The run before the last one had not reached the minimum yet.
  const lastRunMs = (result.samples.at(-1) as number) * SPEC.records / 1e6;
  assert.ok(runMs - lastRunMs < 350 + 50, `one run too many: ${runMs} ms in all, the last ${lastRunMs} ms`);
  assert.equal(result.pipeline?.['repetitions'], result.samples.length);
});
