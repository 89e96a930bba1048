import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { analyseHistory } from '../../history/analyse.js';
import { commitFile, steadyHistory } from '../../history/testing.js';
import { renderHistoryPage } from './history-page.js';

/** Debian's chromium driven by playwright-core, as the report page test does; skipped with its reason when absent. */
const CHROMIUM = process.env.SERBENCH_CHROMIUM ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = join('reports', 'screenshots', 'history-page.png');

const SLOW = 'codec/log/slow/encode/1000';
const FAST = 'codec/log/fast/decode/1000';
const STEADY = 'codec/log/json/encode/1000';

test('the history page renders in headless Chromium: a chart per series, every change point and point marked, no console errors, no network', { timeout: 60_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set SERBENCH_CHROMIUM`);
    return;
  }
  const figure = (id: string, commit: number): number => {
    if (id === SLOW) return commit >= 23 ? 1.3e6 : 1e6;
    if (id === FAST) return commit >= 12 ? 0.7e6 : 1e6;
    return commit === 9 ? 1.7e6 : 1e6; // one busy run: a spike
  };
  const inputs = steadyHistory(30, [SLOW, FAST, STEADY], figure);
  inputs.push(commitFile({ commit: 30, cases: { [SLOW]: 1.3e6, [FAST]: 0.7e6, [STEADY]: 1e6 }, failed: [FAST] }));
  const history = analyseHistory(inputs);
  assert.deepEqual(history.changePoints.map((c) => [c.case, c.kind]).sort(), [[FAST, 'improvement'], [SLOW, 'regression']]);

  const dir = mkdtempSync(join(tmpdir(), 'serbench-history-browser-'));
  const page = join(dir, 'history.html');
  writeFileSync(page, renderHistoryPage(history));
  const context = await chromium.launchPersistentContext(join(dir, 'user-data'), { executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, viewport: { width: 1366, height: 768 } });
  t.after(async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const tab = await context.newPage();
  const problems: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const pageUrl = pathToFileURL(page).href;
  tab.on('request', (request) => {
    if (request.url() !== pageUrl) problems.push(`request: ${request.url()}`);
  });
  await tab.goto(pageUrl);

  // One trend chart per series plus the overview, each drawn with a size.
  const charts = await tab.$$eval('svg.chart', (svgs) => svgs.map((svg) => ({ id: svg.id, width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height })));
  assert.equal(charts.length, history.series.length + 1, charts.map((c) => c.id).join(', '));
  for (const chart of charts) assert.ok(chart.width > 200 && chart.height > 50, JSON.stringify(chart));

  // Every measured commit is a point; the spike is hollow; each change point is a mark in its chart and a row of the overview.
  const measured = history.series.reduce((sum, s) => sum + s.points.filter((p) => p.kind === 'measured').length, 0);
  assert.equal(await tab.locator('svg[id^="trend-"] .point').count(), measured);
  assert.equal(await tab.locator('svg[id^="trend-"] .point.hollow').count(), 1);
  assert.equal(await tab.locator('line.mark.regression').count(), 1);
  assert.equal(await tab.locator('line.mark.improvement').count(), 1);
  assert.equal(await tab.locator('line.mark.failed').count(), 1);
  assert.equal(await tab.locator('#history-overview g.change-row').count(), history.changePoints.length);
  assert.equal(await tab.locator('table.history-changes tr.changed').count(), history.changePoints.length);
  // The charts with a change come first, and the page says what the gate would say.
  const firstTrend = await tab.$eval('svg[id^="trend-"]', (svg) => svg.id);
  assert.match(firstTrend, /slow|fast/);
  assert.match((await tab.textContent('.verdict-line')) ?? '', /regression in the last 10 commits/);
  assert.match((await tab.textContent('#summary')) ?? '', /Failing at the newest commit/);

  const overflow = Number(await tab.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 1366px window`);
  assert.deepEqual(problems, []);
  mkdirSync(join('reports', 'screenshots'), { recursive: true });
  await tab.screenshot({ path: SCREENSHOT, fullPage: true });
  assert.ok(statSync(SCREENSHOT).size > 10_000);
});
