import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { runCompareSimulation } from './compare-simulation.js';
import { FUZZ_HELP } from './fuzz.js';
import { pipelineHelp } from './pipeline.js';

test('compare:simulate --help prints its usage instead of refusing an unknown option', async () => {
  let written = '';
  assert.equal(await runCompareSimulation(['--help'], (text) => (written += text)), 0);
  assert.match(written, /^usage: npm run compare:simulate -- \[flags\]/);
  assert.match(written, /--samples N +samples per case and side \(default \d+; the codec suite keeps up to \d+\)/);
});

test('help texts say what the code does: fuzz decodes in a child process; --workers states its real range', () => {
  assert.match(FUZZ_HELP, /in a sandboxed child process/);
  assert.doesNotMatch(FUZZ_HELP, /worker/);
  assert.match(pipelineHelp(), new RegExp(`--workers N,M +worker threads for the worker variants \\(1 to 64; this machine has ${availableParallelism()} cores, more threads share them\\)`));
});
