import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCodecRegistry } from '../../codecs/registry.js';
import { compareResults } from '../../compare/index.js';
import { probeCodecs } from '../../fidelity/probes.js';
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

/** The window the page must fit: a laptop screen, a little narrower than 1366. */
const WINDOW = { width: 1300, height: 768 };

/** Each table's box on the page: whether the table is wider than it, and whether the box then scrolls within the window. */
interface TableBox {
  readonly label: string;
  readonly right: number;
  readonly height: number;
  readonly wider: boolean;
  readonly scrolls: boolean;
}

const TABLE_BOXES = `JSON.stringify([...document.querySelectorAll('table')].map((table) => {
  const box = table.closest('.table-wrap') || table;
  const rect = box.getBoundingClientRect();
  const overflow = getComputedStyle(box).overflowX;
  return { label: (table.caption && table.caption.textContent) || table.className || table.rows[0].textContent.slice(0, 40), right: rect.right, height: rect.height,
    wider: table.scrollWidth > box.clientWidth + 1, scrolls: overflow === 'auto' || overflow === 'scroll' };
}))`;

test('the report page renders in headless Chromium: charts, tables, calculator, no console errors', { timeout: 60_000 }, async (t) => {
  const base = codecResult();
  // The real fidelity grid of every registered codec: the widest table a run produces.
  const head = { ...codecResult({ scale: { json: 1.5, parquet: 0.6 }, seed: 9 }), fidelity: await probeCodecs(createCodecRegistry().select([])) };
  const comparison = compareResults({ label: 'base.json', result: loaded(base, 'base.json') }, { label: 'head.json', result: loaded(head, 'head.json') });
  const html = renderReportPage({
    results: [
      { result: head, source: 'head.json' },
      { result: pipelineResult(), source: 'results/pipeline-latest.json' },
    ],
    comparison,
    profiles: { index: 'profiles/index.html', flamegraphs: [] },
  });
  const opened = await openPage(t, html, WINDOW);
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

  // Sensible on a laptop screen: nothing wider than the window, and a table wider than its box
  // scrolls sideways within a box that fits the window, so its scrollbar is on screen with it.
  const overflow = await opened.overflow();
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a ${WINDOW.width}px window`);
  const boxes = JSON.parse(String(await tab.evaluate(TABLE_BOXES))) as TableBox[];
  assert.ok(boxes.some((box) => box.label.startsWith('Round trip')), 'the fidelity grid is on the page');
  for (const box of boxes) {
    assert.ok(box.right <= WINDOW.width, `${box.label}: its box ends at ${box.right}px, past the ${WINDOW.width}px window`);
    if (box.wider) assert.ok(box.scrolls && box.height <= WINDOW.height, `${box.label}: wider than its box, which must scroll sideways and fit the window (${box.height}px high)`);
  }
  assert.equal(await tab.locator('table.fidelity thead th').count(), createCodecRegistry().names().length + 1, 'every codec has a column');

  assert.deepEqual(problems, []);
  assert.ok((await opened.screenshot('report-page.png')) > 10_000);
});
