import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderBarChart } from './bar-chart.js';
import { renderChangeChart } from './change-chart.js';
import { renderLineChart } from './line-chart.js';
import { paretoFront, placeLabels, renderScatterChart } from './scatter-chart.js';
import { textWidth } from './svg.js';

const count = (svg: string, pattern: RegExp): number => (svg.match(pattern) ?? []).length;

describe('bar chart', () => {
  const spec = {
    id: 'c1',
    title: 'encode time',
    description: 'd',
    axisLabel: 'x',
    format: (v: number) => `${v}×`,
    series: [{ key: 'encode', label: 'encode' }],
    rows: [
      { label: 'json', values: [{ value: 1.5, text: '1.50× · 1.5 ms' }] },
      { label: 'protobuf', values: [{ value: 1, text: '1.00× best · 1 ms' }] },
      { label: 'broken', values: ['failed'] },
    ],
  };

  test('one bar per measured value, each labelled with its figure; a missing one says why', () => {
    const svg = renderBarChart(spec);
    assert.equal(count(svg, /<rect class="bar /g), 2);
    assert.match(svg, />1\.50× · 1\.5 ms</);
    assert.match(svg, /<text class="missing"[^>]*>failed</);
    assert.match(svg, /role="img" aria-labelledby="c1-title c1-desc"/);
    assert.doesNotMatch(svg, /\(log scale\)/);
  });

  test('longer values get longer bars', () => {
    const svg = renderBarChart(spec);
    const widths = [...svg.matchAll(/<rect class="bar [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.ok((widths[0] ?? 0) > (widths[1] ?? 0), widths.join(','));
  });

  test('a wide spread switches to a labelled log axis', () => {
    const svg = renderBarChart({ ...spec, logFloor: 1, rows: [...spec.rows, { label: 'parquet', values: [{ value: 69, text: '69×' }] }] });
    assert.match(svg, /\(log scale\)/);
  });

  test('grouped bars: one per series, told apart by fill pattern and a legend', () => {
    const svg = renderBarChart({
      ...spec,
      series: [
        { key: 'raw', label: 'encoded' },
        { key: 'gzip', label: 'gzip' },
        { key: 'brotli', label: 'brotli' },
      ],
      rows: [{ label: 'json', values: [{ value: 10, text: '10 B' }, { value: 4, text: '4 B' }, 'not measured'] }],
    });
    assert.equal(count(svg, /<rect class="bar /g), 2);
    assert.equal(count(svg, /class="bar fill-solid"/g), 1);
    assert.equal(count(svg, /class="bar fill-hatch"/g), 1);
    assert.equal(count(svg, /class="legend-swatch"/g), 3);
  });

  test('labels are escaped', () => {
    const svg = renderBarChart({ ...spec, rows: [{ label: '<script>x</script>', values: [{ value: 1, text: 'a&b' }] }] });
    assert.doesNotMatch(svg, /<script>/);
    assert.match(svg, /&lt;script&gt;/);
    assert.match(svg, /a&amp;b/);
  });
});

describe('scatter chart', () => {
  test('the trade-off front keeps only points no other point beats on both axes', () => {
    const points = [
      { x: 1, y: 10 },
      { x: 2, y: 5 },
      { x: 3, y: 6 },
      { x: 1, y: 10 },
      { x: 4, y: 1 },
    ];
    assert.deepEqual(paretoFront(points), [points[0], points[3], points[1], points[4]]);
  });

  test('labels of coinciding points do not overlap each other or the markers', () => {
    const anchors = [
      { x: 100, y: 100, text: 'protobuf' },
      { x: 101, y: 100, text: 'protobuf-reflect' },
      { x: 102, y: 101, text: 'protobuf-es' },
    ];
    const placed = placeLabels(anchors, { left: 0, right: 600, top: 0, bottom: 300 });
    const boxes = placed.map((p, i) => {
      const w = textWidth(anchors[i]?.text ?? '') + 4;
      return { x: p.anchor === 'start' ? p.x : p.x - w, y: p.y - 7, w, h: 14 };
    });
    const markers = anchors.map((a) => ({ x: a.x - 6, y: a.y - 6, w: 12, h: 12 }));
    const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    boxes.forEach((box, i) => {
      boxes.forEach((other, j) => assert.ok(i === j || !overlap(box, other), `labels ${i} and ${j} overlap`));
      markers.forEach((m, j) => assert.ok(!overlap(box, m), `label ${i} covers marker ${j}`));
    });
  });

  test('one marker and one label per plotted point; points without a figure are left out', () => {
    const svg = renderScatterChart({
      id: 's',
      title: 't',
      description: 'd',
      xLabel: 'x',
      yLabel: 'y',
      xFormat: String,
      yFormat: String,
      points: [
        { label: 'a', x: 1, y: 2, text: 'a' },
        { label: 'b', x: 2, y: 1, text: 'b' },
        { label: 'c', x: Number.NaN, y: 1, text: 'c' },
      ],
      front: ['a', 'b'],
    });
    assert.equal(count(svg, /class="point"/g), 2);
    assert.equal(count(svg, /class="point-label"/g), 2);
    assert.equal(count(svg, /<path class="front"/g), 1);
  });
});

describe('line chart', () => {
  test('one line per series with two or more points, a marker per point, an end label per series', () => {
    const svg = renderLineChart({
      id: 'l',
      title: 't',
      description: 'd',
      xLabel: 'workers',
      yLabel: 'rec/s',
      xFormat: String,
      yFormat: String,
      xScale: 'linear',
      series: [
        { label: 'workers', points: [1, 2, 4].map((x) => ({ x, y: x * 10, text: '' })) },
        { label: 'sync', points: [{ x: 0, y: 15, text: '' }] },
      ],
      reference: { y: 1, label: '100%' },
    });
    assert.equal(count(svg, /<path class="series-line/g), 1);
    assert.equal(count(svg, /data-series="workers"/g), 1 + 3);
    assert.equal(count(svg, /class="end-label"/g), 2);
    assert.equal(count(svg, /class="reference"/g), 1);
  });
});

describe('line chart of a history', () => {
  test('interval bands, vertical marks with labels, hollow points left out of the line; compact: no legend or end label', () => {
    const points = [1, 2, 3, 4].map((x) => ({ x, y: 100 + x, lower: 98 + x, upper: 102 + x, text: `commit ${x}` }));
    const svg = renderLineChart({
      id: 'trend',
      title: 't',
      description: 'd',
      xLabel: 'commit',
      yLabel: 'time',
      xFormat: String,
      yFormat: String,
      xScale: 'linear',
      xTicks: [1, 4],
      yFit: 'data',
      compact: true,
      marks: [{ x: 2.5, kind: 'regression', text: 'regression at 3', label: '+10%' }],
      series: [{ label: 'case', points: [...points, { x: 5, y: 300, text: 'spike', hollow: true }] }],
    });
    assert.equal(count(svg, /<path class="band /g), 1);
    assert.equal(count(svg, /<line class="mark regression"/g), 1);
    assert.match(svg, /class="mark-label regression"[^>]*>\+10%</);
    assert.equal(count(svg, /class="point line-0"/g), 4);
    assert.equal(count(svg, /class="point line-0 hollow"/g), 1);
    assert.equal(count(svg, /class="legend/g), 0);
    assert.equal(count(svg, /class="end-label"/g), 0);
    const line = /<path class="series-line[^"]*" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    assert.equal((line.match(/[ML]/g) ?? []).length, 4, 'the hollow spike is not on the line');
  });
});

describe('change chart', () => {
  test('one row per case; changed cases are marked in the markup and in words', () => {
    const svg = renderChangeChart({
      id: 'cmp',
      title: 't',
      description: 'd',
      threshold: 0.05,
      rows: [
        { label: 'a', estimate: 0.2, lower: 0.1, upper: 0.3, verdict: 'slower', text: '+20% ▲ slower' },
        { label: 'b', estimate: 0.01, lower: -0.02, upper: 0.03, verdict: 'unchanged', text: '+1% ~' },
        { label: 'c', estimate: -0.3, lower: -0.4, upper: -0.2, verdict: 'faster', text: '-30% ▼ faster' },
      ],
    });
    assert.equal(count(svg, /<g class="change-row/g), 3);
    assert.equal(count(svg, /class="change-row verdict-\w+ changed"/g), 2);
    assert.equal(count(svg, /class="interval"/g), 3);
    assert.match(svg, /▲ slower/);
  });
});
