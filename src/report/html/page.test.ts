import { CODEC_SUITE_DEFAULTS } from '../../suite/options.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateResult } from '../../results/read.js';
import { RESULT_SCHEMA, type ResultFile } from '../../results/types.js';
import { codecResult, pipelineResult } from './fixtures.js';
import { renderReportPage } from './page.js';
import { reportableResult } from './reportable.js';
import { codecBenchFlags, reproduceCommands } from './reproduce.js';

const count = (html: string, pattern: RegExp): number => (html.match(pattern) ?? []).length;

describe('report page', () => {
  test('both suites, the calculator and the profile links on one self-contained page', () => {
    const html = renderReportPage({
      results: [
        { result: codecResult(), source: 'results/latest.json' },
        { result: pipelineResult(), source: 'results/pipeline-latest.json' },
      ],
      profiles: { index: 'profiles/index.html', flamegraphs: [{ caseId: 'codec/log/json/encode/1000', label: 'codec/log/json/encode/1000', href: 'profiles/codec__log__json__encode__1000/flamegraph.html' }] },
    });
    for (const id of ['codecs', 'calculator', 'fidelity', 'pipeline', 'profiles', 'failed', 'environment']) assert.match(html, new RegExp(`<section id="${id}"`), id);
    assert.doesNotMatch(html, /<section id="compare"/);
    // Self-contained: no external script, style, image or font; the only URLs are the SVG namespace.
    assert.doesNotMatch(html, /<script[^>]+src=|<link |<img |@import|url\((?!#)/);
    assert.deepEqual([...new Set(html.match(/https?:\/\/[^"'\s)]+/g) ?? [])], ['http://www.w3.org/2000/svg']);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    // 2 datasets × 4 charts, then 3 pipeline charts.
    assert.equal(count(html, /<svg class="chart"/g), 11);
    assert.match(html, /href="profiles\/index.html"/);
    assert.match(html, /Flame graphs: <a href="profiles\/codec__log__json__encode__1000\/flamegraph.html">/);
    assert.match(html, /Incomplete run/);
    assert.match(html, /npm run bench -- --quick/);
    assert.match(html, /npm run report -- results\/pipeline-latest.json/);
  });

  test('a section without data says what to run instead of drawing an empty chart', () => {
    const pipelineOnly = renderReportPage({ results: [{ result: pipelineResult() }] });
    assert.match(pipelineOnly, /No codec cases in the result files/);
    assert.match(pipelineOnly, /No fidelity table/);
    assert.doesNotMatch(pipelineOnly, /id="calculator"/);
    const empty = renderReportPage({ results: [] });
    assert.match(empty, /No result files/);
    assert.equal(count(empty, /<svg class="chart"/g), 0);
  });

  test('names from result files are escaped everywhere', () => {
    const result = codecResult();
    const hostile: ResultFile = { ...result, cases: result.cases.map((c) => ({ ...c, codec: c.codec === 'json' ? '<img src=x onerror=alert(1)>' : c.codec })) };
    const html = renderReportPage({ results: [{ result: hostile, source: '"><script>alert(1)</script>' }] });
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});

describe('loaded result files', () => {
  test('suite, dataset, codec, op and records come from a SPEC id; statistics from the samples', () => {
    const file = {
      schema: RESULT_SCHEMA,
      meta: { options: {} },
      cases: [
        { id: 'codec/log/json/encode/1000', unit: 'ns', samples: [3, 1, 2] },
        { id: 'other/thing', unit: 'ns', samples: [1] },
      ],
    };
    const { result, unplaced } = reportableResult(validateResult(file, 'x.json'));
    assert.equal(unplaced, 1);
    const [c] = result.cases;
    assert.deepEqual([c?.suite, c?.dataset, c?.codec, c?.op, c?.records, c?.stats?.median], ['codec', 'log', 'json', 'encode', 1000, 2]);
    assert.equal(result.meta.env.node, 'unknown');
    assert.equal(result.meta.createdAt, 'unknown');
  });
});

describe('reproduce commands', () => {
  test('only flags that differ from the defaults, after a checkout of the run commit', () => {
    assert.deepEqual(codecBenchFlags({ datasets: [], codecs: ['json', 'protobuf'], ops: ['encode', 'decode'], records: 1000, seed: 7, timeMs: CODEC_SUITE_DEFAULTS.timeMs, rounds: 5, quick: false }), ['--codec', 'json,protobuf', '--seed', '7', '--rounds', '5']);
    const lines = reproduceCommands(codecResult(), 'results/my run.json');
    assert.deepEqual(lines, ['git checkout 0123456789abcdef0123456789abcdef01234567', 'npm ci', 'npm run bench -- --quick', "npm run report -- 'results/my run.json'"]);
  });
});
