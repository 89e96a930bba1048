import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseHistory } from '../../history/analyse.js';
import { commitFile, steadyHistory } from '../../history/testing.js';
import { openPage } from './browser-testing.js';
import { renderHistoryPage } from './history-page.js';

const SLOW = 'codec/log/slow/encode/1000';
const FAST = 'codec/log/fast/decode/1000';
const STEADY = 'codec/log/json/encode/1000';

test('the history page renders in headless Chromium: a chart per series, every change point and point marked, no console errors, no network', { timeout: 60_000 }, async (t) => {
  const figure = (id: string, commit: number): number => {
    if (id === SLOW) return commit >= 23 ? 1.3e6 : 1e6;
    if (id === FAST) return commit >= 12 ? 0.7e6 : 1e6;
    return commit === 9 ? 1.7e6 : 1e6; // one busy run: a spike
  };
  const inputs = steadyHistory(30, [SLOW, FAST, STEADY], figure);
  inputs.push(commitFile({ commit: 30, cases: { [SLOW]: 1.3e6, [FAST]: 0.7e6, [STEADY]: 1e6 }, failed: [FAST] }));
  const history = analyseHistory(inputs);
  assert.deepEqual(history.changePoints.map((c) => [c.case, c.kind]).sort(), [[FAST, 'improvement'], [SLOW, 'regression']]);

  const opened = await openPage(t, renderHistoryPage(history));
  if (!opened) return;
  const { tab, problems } = opened;

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

  const overflow = await opened.overflow();
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 1366px window`);
  assert.deepEqual(problems, []);
  assert.ok((await opened.screenshot('history-page.png')) > 10_000);
});
