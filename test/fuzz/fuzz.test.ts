import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountedFor, runFuzzCampaign } from '../../src/codecs/fuzz/campaign.js';
import { resolveFuzzOptions } from '../../src/codecs/fuzz/options.js';
import { createCodecRegistry } from '../../src/codecs/registry.js';
import { createDatasetRegistry } from '../../src/datasets/registry.js';
import { FIXTURES_DIR, loadExternalInputs } from '../../src/cli/fuzz.js';

// The npm-test slice of the fuzz campaign (`npm run fuzz` runs 10,000 per codec):
// a few hundred seeded hostile inputs for every registered codec, plus the Parquet
// files of other implementations. Every input must decode to records or be
// rejected with a CodecError that names the codec and says what is wrong.
const RUNS = 200;
const SEED = 20_261_125;

test(`every registered codec survives ${RUNS} hostile inputs (seed ${SEED}) and the files of other Parquet writers`, { timeout: 600_000 }, async () => {
  const codecs = createCodecRegistry();
  const datasets = createDatasetRegistry();
  const external = loadExternalInputs(FIXTURES_DIR, datasets.names());
  assert.ok(external.length >= 10, 'the Parquet fixtures are there');
  const reports = await runFuzzCampaign(resolveFuzzOptions({ runs: RUNS, seed: SEED, sandbox: { timeoutMs: 5_000 } }), { codecs, datasets, external });
  assert.deepEqual(
    reports.map((r) => r.codec),
    codecs.names(),
  );
  const problems: string[] = [];
  for (const r of reports) {
    if (r.stoppedBy !== 'count') problems.push(`${r.codec}: stopped by ${r.stoppedBy}`);
    if (!accountedFor(r.total)) problems.push(`${r.codec}: ${r.total.inputs} inputs but ${r.total.decoded} + ${r.total.rejected} + ${r.total.failed} outcomes`);
    if (r.total.inputs < RUNS) problems.push(`${r.codec}: only ${r.total.inputs} inputs`);
    // Both paths exercised: mutations that leave records intact, and ones that must be refused.
    if (r.total.decoded === 0 || r.total.rejected === 0) problems.push(`${r.codec}: decoded ${r.total.decoded}, rejected ${r.total.rejected}`);
    for (const f of r.failures) problems.push(`${r.codec} ${f.failure}: ${f.what} [${f.kind} ${f.origin}: ${f.detail}; input #${f.index}]`);
  }
  assert.deepEqual(problems, []);
});
