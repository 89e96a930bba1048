import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { caseDirName } from '../../profile/artefact-names.js';
import { codecResult, pipelineResult } from './fixtures.js';
import { discoverProfileLinks } from './profile-links.js';
import { companionResult, writeRunPage } from './write.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-html-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('profile links', () => {
  test('the index and each case’s flame graphs, named by the case id from its manifest', () => {
    const reports = join(dir, 'reports');
    const caseId = 'codec/log/json/encode/1000';
    const caseDir = join(reports, 'profiles', caseDirName(caseId));
    mkdirSync(caseDir, { recursive: true });
    writeFileSync(join(reports, 'profiles', 'index.html'), '<!doctype html>');
    writeFileSync(join(caseDir, 'flamegraph.html'), '');
    writeFileSync(join(caseDir, 'flamegraph-thread-2.html'), '');
    writeFileSync(join(caseDir, 'cpu.cpuprofile'), '{}');
    writeFileSync(join(caseDir, 'manifest.json'), JSON.stringify({ schema: 'serbench.profile/v1', caseId, dir: caseDirName(caseId), tools: [] }));
    mkdirSync(join(reports, 'profiles', 'no-manifest'));
    writeFileSync(join(reports, 'profiles', 'no-manifest', 'flamegraph.html'), '');
    const links = discoverProfileLinks(reports);
    assert.equal(links?.index, 'profiles/index.html');
    assert.deepEqual(
      links?.flamegraphs.map((f) => [f.caseId, f.label, f.href]),
      [
        [caseId, caseId, `profiles/${caseDirName(caseId)}/flamegraph.html`],
        [caseId, `${caseId} (worker thread 2)`, `profiles/${caseDirName(caseId)}/flamegraph-thread-2.html`],
        ['no-manifest', 'no-manifest', 'profiles/no-manifest/flamegraph.html'],
      ],
    );
    assert.equal(discoverProfileLinks(join(dir, 'nothing-here')), undefined);
  });
});

describe('the page after a bench run', () => {
  test('shows the other suite’s latest result beside the run, and says so when that file is broken', () => {
    const pipelineLatest = join(dir, 'pipeline-latest.json');
    writeFileSync(pipelineLatest, JSON.stringify(pipelineResult()));
    const companion = companionResult(pipelineLatest);
    assert.ok(companion.result);
    const page = writeRunPage(join(dir, 'run'), { result: codecResult() }, 'codec', { companions: [companion.result] });
    const html = readFileSync(page, 'utf8');
    assert.match(html, /<section class="dataset" id="codec-log-1000"/);
    assert.match(html, /<section class="pipeline-group"/);
    assert.match(html, new RegExp(`<code>${pipelineLatest.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}</code>`));

    writeFileSync(pipelineLatest, '{"schema": "serbench.result/v1"');
    assert.match(companionResult(pipelineLatest).note ?? '', /^Not shown: .*pipeline-latest\.json: not JSON/);
    assert.deepEqual(companionResult(join(dir, 'absent.json')), {});
  });
});
