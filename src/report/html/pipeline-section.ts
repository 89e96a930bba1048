import type { ResultFile } from '../../results/types.js';
import { formatRate } from '../format.js';
import { PIPELINE_LEGEND, PIPELINE_TABLE_HEADER, pipelineTableRows } from '../pipeline-markdown.js';
import { consumerGroupRows, GROUP_LEGEND } from '../pipeline-group.js';
import { parallelUnits, pipelineGroups, unmeasuredPipelineCases, type PipelineGroup, type PipelineRow } from '../pipeline-tables.js';
import { escapeHtml, slug } from './escape.js';
import { emptyNote, figure } from './figure.js';
import { renderLineChart } from './line-chart.js';
import { batchSeries, efficiencySeries, lagSeries, scalingBatchSize, scalingSeries, variantsOf } from './pipeline-model.js';
import { flamegraphLine, type ProfileLinks } from './profiles-section.js';
import { htmlTable } from './table.js';

const ms = (v: number): string => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : '–');
const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const percent = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–');
const rate = (v: number): string => formatRate(v, 'rec');
const axisRate = (v: number): string => formatRate(v, '').replace('/s', '').trim() || '0';
const workersText = (w: number): string => (w === 0 ? 'main thread' : `${w} worker${w === 1 ? '' : 's'}`);
/** A row's parallel count in words: worker threads, or consumer processes for the group variant. */
const unitsText = (r: PipelineRow): string => (r.consumers > 0 ? `${r.consumers} consumer process${r.consumers === 1 ? '' : 'es'}` : workersText(r.workers));

/** Each variant keeps one marker, line style and colour in every chart of its group. */
function styleOf(group: PipelineGroup): (variant: string) => number {
  const variants = variantsOf(group.rows);
  return (variant) => Math.max(0, variants.indexOf(variant));
}

function scalingFigures(id: string, group: PipelineGroup): string[] {
  const style = styleOf(group);
  const batchSize = scalingBatchSize(group.rows);
  if (batchSize === undefined) return [];
  const series = scalingSeries(group.rows, batchSize);
  const out: string[] = [];
  const chart = renderLineChart({
    id: `${id}-scaling`,
    title: `${group.title}: throughput by worker count, batch ${batchSize}`,
    description: series.map((s) => `${s.variant}: ${s.rows.map((r) => `${unitsText(r)} ${rate(r.recordsPerSec)}`).join(', ')}`).join('; '),
    xLabel: 'worker threads or consumer processes (main = neither)',
    yLabel: 'records per second',
    xFormat: (v) => (v === 0 ? 'main' : String(v)),
    yFormat: axisRate,
    xScale: 'linear',
    series: series.map((s) => ({ label: s.variant, style: style(s.variant), points: s.rows.map((r) => ({ x: parallelUnits(r), y: r.recordsPerSec, text: `${unitsText(r)}: ${rate(r.recordsPerSec)}` })) })),
  });
  out.push(
    figure({
      chart,
      caption: `Records per second by worker threads (consumer processes for the group variant) at batch size ${batchSize}; one line per variant (marker shape, line style and label tell them apart). Main-thread variants sit at “main”. Higher is better.`,
      table: htmlTable(['variant', 'workers', 'records/s', 'latency p99', 'CPU cores'], series.flatMap((s) => s.rows.map((r) => [s.variant, unitsText(r), rate(r.recordsPerSec), ms(r.latencyP99Ms), fixed(r.cpuCores, 2)]))),
    }),
  );
  const efficiency = efficiencySeries(group, batchSize);
  if (efficiency.length === 0) {
    out.push(emptyNote('Parallel efficiency needs a worker variant measured with 1 and more workers at the same batch size (e.g. --variant workers --workers 1,2).'));
    return out;
  }
  const efficiencyChart = renderLineChart({
    id: `${id}-efficiency`,
    title: `${group.title}: parallel efficiency by worker count, batch ${batchSize}`,
    description: efficiency.map((s) => `${s.variant}: ${s.points.map((p) => `${workersText(p.workers)} ${percent(p.efficiency)}`).join(', ')}`).join('; '),
    xLabel: 'worker threads',
    yLabel: 'efficiency',
    xFormat: (v) => String(v),
    yFormat: (v) => `${Math.round(v * 100)}%`,
    xScale: 'linear',
    series: efficiency.map((s) => ({ label: s.variant, style: style(s.variant), points: s.points.map((p) => ({ x: p.workers, y: p.efficiency, text: `${workersText(p.workers)}: ${percent(p.efficiency)}` })) })),
    reference: { y: 1, label: '100% = linear scaling' },
  });
  out.push(
    figure({
      chart: efficiencyChart,
      caption: 'Speedup over one worker ÷ workers (100%: each worker adds a full worker’s worth; lower: workers wait on each other, on the main thread or on memory). Past the machine’s core count it must fall.',
      table: htmlTable(['variant', 'workers', 'records/s', 'speedup', 'efficiency'], efficiency.flatMap((s) => s.points.map((p) => [s.variant, workersText(p.workers), rate(p.recordsPerSec), `${fixed(p.speedup, 2)}×`, percent(p.efficiency)]))),
    }),
  );
  return out;
}

/** The group variant's outstanding batches over time, one line per consumer count (the median run of each case). */
function lagFigure(id: string, group: PipelineGroup): string[] {
  const batchSize = scalingBatchSize(group.rows.filter((r) => r.consumers > 0));
  if (batchSize === undefined) return [];
  const series = lagSeries(group.rows, batchSize);
  if (series.length === 0) return [];
  const chart = renderLineChart({
    id: `${id}-lag`,
    title: `${group.title}: consumer-group lag over time, batch ${batchSize}`,
    description: series.map((s) => `${s.label}: peak ${Math.max(...s.points.map((p) => p[1]))} batches outstanding over ${s.points.at(-1)?.[0] ?? 0} ms`).join('; '),
    xLabel: 'ms since the first XADD (median run)',
    yLabel: 'batches outstanding',
    xFormat: (v) => String(Math.round(v)),
    yFormat: (v) => String(Math.round(v)),
    xScale: 'linear',
    xSpacing: 'nice',
    markers: 'last',
    series: series.map((s, i) => ({ label: s.label, style: i, points: s.points.map(([at, outstanding, lag, pending]) => ({ x: at, y: outstanding, text: `${at} ms: ${outstanding} outstanding (lag ${lag}, pending ${pending})` })) })),
  });
  return [
    figure({
      chart,
      caption:
        'Batches produced and not yet committed (XINFO GROUPS lag: not yet delivered, plus pending: delivered, not acknowledged), sampled while the run was timed. A line at the backlog bound means the consumers set the pace; a line near zero means the producer does. This is the signal a lag-based autoscaler reads.',
      table: htmlTable(
        ['case', 'ms', 'lag', 'pending'],
        series.flatMap((s) => s.points.filter((_, i) => i % Math.ceil(s.points.length / 20) === 0).map(([at, , lag, pending]) => [s.label, String(at), String(lag), String(pending)])),
      ),
    }),
  ];
}

function consumerGroupTable(group: PipelineGroup): string[] {
  const rows = consumerGroupRows([group]);
  if (rows.length === 0) return [];
  return [
    `<h4>Consumer group: scaling and faults</h4>${htmlTable(
      ['consumers', 'batch', 'records/s', 'efficiency', 'vs workers ×1', 'CPU cores', 'redelivered', 'kill stall (ms)', 'dead-lettered'],
      rows.map((g) => [
        String(g.row.consumers),
        String(g.row.batchSize),
        rate(g.row.recordsPerSec),
        fixed(g.efficiency, 2),
        percent(g.vsOneWorker),
        fixed(g.row.cpuCores, 2),
        fixed(g.row.group?.redelivered ?? Number.NaN, 0),
        g.stallMs.length > 0 ? g.stallMs.map((v) => v.toFixed(0)).join(', ') : '–',
        fixed(g.row.group?.deadLettered.batches ?? Number.NaN, 0),
      ]),
    )}`,
    `<p class="note">${escapeHtml(GROUP_LEGEND.replace(/`/g, ''))}</p>`,
  ];
}

function batchFigure(id: string, group: PipelineGroup): string {
  const style = styleOf(group);
  const series = batchSeries(group.rows);
  if (series.length === 0) return emptyNote('The batch-size chart needs a variant measured at two or more batch sizes (e.g. --batch 1,100,1000).');
  const chart = renderLineChart({
    id: `${id}-batch`,
    title: `${group.title}: throughput by batch size`,
    description: series.map((s) => `${s.variant} (${workersText(s.workers)}): ${s.rows.map((r) => `batch ${r.batchSize} ${rate(r.recordsPerSec)}`).join(', ')}`).join('; '),
    xLabel: 'records per batch',
    yLabel: 'records per second',
    xFormat: (v) => (v >= 1000 ? `${v / 1000}k` : String(v)),
    yFormat: axisRate,
    xScale: 'log',
    series: series.map((s) => ({ label: s.workers > 1 ? `${s.variant} ×${s.workers}` : s.variant, style: style(s.variant), points: s.rows.map((r) => ({ x: r.batchSize, y: r.recordsPerSec, text: `batch ${r.batchSize}: ${rate(r.recordsPerSec)}` })) })),
  });
  return figure({
    chart,
    caption: 'Records per second by batch size (log scale), each variant at its smallest worker count. Small batches pay the per-batch costs (channel hand-offs, promise resolution, messages to workers) per few records.',
    table: htmlTable(['variant', 'workers', 'batch', 'records/s', 'latency p50', 'latency p99'], series.flatMap((s) => s.rows.map((r) => [s.variant, workersText(s.workers), String(r.batchSize), rate(r.recordsPerSec), ms(r.latencyP50Ms), ms(r.latencyP99Ms)]))),
  });
}

export function pipelineGroupBlock(group: PipelineGroup, profiles?: ProfileLinks): string {
  const id = `pipeline-${slug(`${group.title} ${group.sink} ${group.records}`)}`;
  const parts = [`<section class="pipeline-group" id="${id}" aria-labelledby="${id}-h"><h3 id="${id}-h">${escapeHtml(group.title)} <small>${escapeHtml(group.sink)} sink, ${group.records.toLocaleString('en-US')} records per run</small></h3>`];
  parts.push('<div class="figure-grid">', ...scalingFigures(id, group), batchFigure(id, group), ...lagFigure(id, group), '</div>');
  parts.push(...consumerGroupTable(group));
  parts.push(`<details class="all-figures"><summary>All ${group.rows.length} cases</summary>${htmlTable(PIPELINE_TABLE_HEADER, pipelineTableRows(group))}</details>`);
  parts.push(flamegraphLine(group.rows.map((r) => r.id), profiles), '</section>');
  return parts.join('\n');
}

/** The pipeline suite part of the page; empty string when the result has no pipeline cases. */
export function pipelineSection(result: ResultFile, profiles?: ProfileLinks): string {
  const groups = pipelineGroups(result);
  const missing = unmeasuredPipelineCases(result);
  if (groups.length === 0 && missing.length === 0) return '';
  const parts = groups.map((group) => pipelineGroupBlock(group, profiles));
  if (groups.length === 0) parts.push(emptyNote('No pipeline case produced a measurement.'));
  parts.push(`<details><summary>How to read the pipeline figures</summary><p class="note">${escapeHtml(PIPELINE_LEGEND.replace(/`/g, ''))}</p></details>`);
  return parts.join('\n');
}
