import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareResults } from '../../compare/index.js';
import { validateResult } from '../../results/read.js';
import type { ResultFile } from '../../results/types.js';
import { openPage } from './browser-testing.js';
import { calculatorCells, calculatorData, calculatorRows } from './calculator-model.js';
import { codecResult, pipelineResult } from './fixtures.js';
import { renderReportPage } from './page.js';

/** An SVG element's layout box (the tsconfig has no DOM types; this runs in the page). */
interface Measurable {
  getBBox(): { width: number };
}

const loaded = (result: ResultFile, label: string) => validateResult(JSON.parse(JSON.stringify(result)), label);

test('the report page renders in headless Chromium: charts, tables, calculator, no console errors', { timeout: 60_000 }, async (t) => {
  const base = codecResult();
  const head = codecResult({ scale: { json: 1.5, parquet: 0.6 }, seed: 9 });
  const comparison = compareResults({ label: 'base.json', result: loaded(base, 'base.json') }, { label: 'head.json', result: loaded(head, 'head.json') });
  const html = renderReportPage({
    results: [
      { result: head, source: 'head.json' },
      { result: pipelineResult(), source: 'results/pipeline-latest.json' },
    ],
    comparison,
    profiles: { index: 'profiles/index.html', flamegraphs: [] },
  });
  const opened = await openPage(t, html);
  if (!opened) return;
  const { tab, problems } = opened;
  await tab.waitForSelector('#calculator-form[data-ready="true"]');

  // Every chart drew something with a size.
  const charts = await tab.$$eval('svg.chart', (svgs) => svgs.map((svg) => ({ id: svg.id, width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height, shapes: svg.querySelectorAll('rect,circle,path,line').length })));
  assert.equal(charts.length, 2 * 4 + 3 + 1, charts.map((c) => c.id).join(', '));
  for (const chart of charts) assert.ok(chart.width > 100 && chart.height > 50 && chart.shapes > 5, JSON.stringify(chart));

  // The expected number of bars and points, and their labels laid out by the browser.
  const bars = (selector: string) => tab.$$eval(`${selector} rect.bar`, (rects) => rects.filter((r) => (r as unknown as Measurable).getBBox().width > 0).length);
  assert.equal(await bars('#codec-log-1000-encode'), 4);
  assert.equal(await bars('#codec-log-1000-decode'), 3, 'the failed decode has no bar');
  assert.equal(await bars('#codec-log-1000-size'), 12);
  assert.equal(await tab.locator('#codec-log-1000-tradeoff .point').count(), 3);
  assert.equal(await tab.locator('#pipeline-encode-log-protobuf-null-50000-scaling .point').count(), 5);
  const valueWidths = await tab.$$eval('#codec-log-1000-encode text.value', (texts) => texts.map((text) => (text as unknown as Measurable).getBBox().width));
  assert.ok(valueWidths.length === 4 && valueWidths.every((w) => w > 20), `value labels: ${valueWidths.join(', ')}`);

  // Compare: every changed case highlighted in the table and the chart.
  const changed = comparison.summary.slower + comparison.summary.faster;
  assert.ok(changed > 0);
  assert.equal(await tab.locator('table.compare-table tr.changed').count(), changed);
  assert.equal(await tab.locator('#compare-chart g.changed').count(), changed);

  // The calculator: recomputed by the page's own script when an input changes, equal to the model.
  const data = calculatorData(head);
  const readRows = () => tab.$$eval('#calculator-body tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
  const expected = (input: Parameters<typeof calculatorRows>[1]) => {
    const rows = calculatorRows(data, input);
    const best = Math.max(...rows.map((r) => (Number.isFinite(r.messagesPerSec) ? r.messagesPerSec : -1)));
    return rows.map((r) => calculatorCells(r, best));
  };
  assert.deepEqual(await readRows(), expected({ dataset: 'log', bandwidthBitsPerSec: 1e9, cpuCores: 1, side: 'encode', wire: 'raw' }));
  await tab.selectOption('select[name=unit]', '1e6');
  await tab.fill('input[name=bandwidth]', '10');
  await tab.selectOption('select[name=dataset]', 'metrics');
  await tab.fill('input[name=cores]', '0.5');
  await tab.selectOption('select[name=side]', 'both');
  const slowLink = { dataset: 'metrics', bandwidthBitsPerSec: 10e6, cpuCores: 0.5, side: 'both' as const, wire: 'raw' as const };
  assert.deepEqual(await readRows(), expected(slowLink));
  assert.ok((await readRows()).filter((row) => row[2] === 'bandwidth').length >= 3, 'at 10 Mbit/s the link limits most codecs');
  assert.match((await tab.textContent('#calculator-summary')) ?? '', /^At 10 Mbit\/s with 0\.5 cores \(both\)/);

  // Sensible on a laptop screen: nothing wider than the window.
  const overflow = await opened.overflow();
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 1366px window`);

  assert.deepEqual(problems, []);
  assert.ok((await opened.screenshot('report-page.png')) > 10_000);
});
