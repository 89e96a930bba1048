import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { codecResult, pipelineResult } from '../report/html/fixtures.js';
import { runEntry } from '../../test/run-command.js';
import { UsageError } from './errors.js';
import { runReport } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-report-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const codecFile = write('codec.json', codecResult());
const headFile = write('head.json', codecResult({ scale: { json: 1.5 }, seed: 5 }));
const pipelineFile = write('pipeline.json', pipelineResult());
const absent = { codec: join(dir, 'none-latest.json'), pipeline: join(dir, 'none-pipeline-latest.json') };

async function report(args: readonly string[], latest = absent): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runReport(args, { write: (text) => (out += text) }, latest);
  return { code, out };
}

describe('npm run report', () => {
  test('a codec result file: Markdown, CSV and the page', async () => {
    const reports = join(dir, 'r1');
    const { code, out } = await report([codecFile, '--reports-dir', reports]);
    assert.equal(code, 0);
    for (const file of ['latest.md', 'latest.csv', 'index.html']) assert.ok(existsSync(join(reports, file)), file);
    assert.match(out, /reports: .*index\.html/);
    const html = readFileSync(join(reports, 'index.html'), 'utf8');
    assert.match(html, /<section id="codecs"/);
    assert.match(html, /No pipeline cases/);
  });

  test('a pipeline result file: pipeline.md and the page', async () => {
    const reports = join(dir, 'r2');
    await report([pipelineFile, '--reports-dir', reports]);
    assert.ok(!existsSync(join(reports, 'latest.md')), 'the codec tables are not written without codec cases');
    assert.match(readFileSync(join(reports, 'pipeline.md'), 'utf8'), /^# serbench pipeline suite/);
    assert.match(readFileSync(join(reports, 'index.html'), 'utf8'), /id="pipeline-encode-log-protobuf-null-50000"/);
  });

  test('no file: both latest files on one page', async () => {
    const reports = join(dir, 'r3');
    await report(['--reports-dir', reports], { codec: codecFile, pipeline: pipelineFile });
    const html = readFileSync(join(reports, 'index.html'), 'utf8');
    assert.match(html, /id="codec-log-1000"/);
    assert.match(html, /id="pipeline-encode-log-protobuf-null-50000"/);
    await assert.rejects(report(['--reports-dir', reports]), (error: unknown) => error instanceof UsageError && /neither .* exists/.test(error.message));
  });

  test('two files: head’s reports with the compare verdicts of base → head', async () => {
    const reports = join(dir, 'r4');
    const { out } = await report([codecFile, headFile, '--reports-dir', reports]);
    assert.match(out, /compare: \d+ regression/);
    const html = readFileSync(join(reports, 'index.html'), 'utf8');
    assert.match(html, /<section id="compare"/);
    assert.match(html, /<tr class="changed verdict-slower"/);
  });

  test('--format writes an export instead of reports', async () => {
    const out = join(dir, 'bmf.json');
    await report([codecFile, '--format', 'bmf', '--out', out]);
    const bmf = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, { value: number }>>;
    assert.ok(bmf['codec/log/json/encode/1000']?.latency?.value);
    const { out: stdout } = await report([codecFile, '--format', 'github-action-benchmark']);
    assert.ok(Array.isArray(JSON.parse(stdout)));
  });

  test('bad input: one line naming the file or flag and what is wrong', async () => {
    const cases: [readonly string[], RegExp][] = [
      [[join(dir, 'missing.json')], /missing\.json: no such file/],
      [[write('broken.json', '{"schema": ')], /broken\.json: not JSON/],
      [[write('other.json', { schema: 'x/v1', meta: {}, cases: [] })], /other\.json: schema "x\/v1" is not a serbench result/],
      [[codecFile, headFile, pipelineFile], /at most two result files/],
      [[codecFile, '--out', 'x.json'], /--out needs --format/],
      [[codecFile, '--format', 'csv'], /unknown format 'csv'; valid: github-action-benchmark, bmf/],
      [[codecFile, headFile, '--format', 'bmf'], /--format exports one result file/],
    ];
    for (const [args, message] of cases) {
      const reports = join(dir, 'bad');
      await assert.rejects(report([...args, '--reports-dir', reports]), (error: unknown) => error instanceof UsageError && message.test(error.message) && !error.message.includes('\n'), args.join(' '));
      assert.ok(!existsSync(join(reports, 'index.html')), 'nothing written');
    }
  });

  test('the command exits 2 with one line on stderr for a bad file', async () => {
    const run = await runEntry('bench/report.ts', [join(dir, 'missing.json')]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^report: .*missing\.json: no such file/);
  });
});
