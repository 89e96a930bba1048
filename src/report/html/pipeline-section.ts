import type { ResultFile } from '../../results/types.js';
import { formatBytes, formatRate } from '../format.js';
import { escapeHtml, slug } from './escape.js';
import { emptyNote, figure } from './figure.js';
import { renderLineChart } from './line-chart.js';
import { batchSeries, efficiencySeries, pipelineGroups, scalingBatchSize, scalingSeries, type PipelineGroup, type PipelinePoint } from './pipeline-model.js';
import { htmlTable } from './table.js';

const ms = (v: number): string => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : '–');
const percent = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–');
const rate = (v: number): string => formatRate(v, 'rec');
const workersText = (w: number): string => (w === 0 ? 'main thread' : `${w} worker${w === 1 ? '' : 's'}`);

export const PIPELINE_HEADER = ['variant', 'workers', 'batch', 'records/s', 'MB/s', 'latency p50', 'latency p99', 'CPU', 'peak RSS', 'GC pause', 'event-loop delay p99'];

export function pipelineRows(points: readonly PipelinePoint[]): string[][] {
  return points.map((p) => [
    p.variant,
    p.workers === 0 ? 'main' : String(p.workers),
    String(p.batchSize),
    rate(p.recordsPerSec),
    Number.isFinite(p.mbPerSec) ? p.mbPerSec.toFixed(1) : '–',
    ms(p.latencyP50Ms),
    ms(p.latencyP99Ms),
    percent(p.cpuUtilization),
    formatBytes(p.peakRssBytes),
    ms(p.gcPauseMs),
    ms(p.eventLoopDelayP99Ms),
  ]);
}

function scalingFigures(id: string, group: PipelineGroup): string[] {
  const batchSize = scalingBatchSize(group.points);
  if (batchSize === undefined) return [];
  const series = scalingSeries(group.points, batchSize);
  const out: string[] = [];
  const throughputChart = renderLineChart({
    id: `${id}-scaling`,
    title: `${group.title}: throughput by worker count, batch ${batchSize}`,
    description: series.map((s) => `${s.variant}: ${s.points.map((p) => `${workersText(p.workers)} ${rate(p.recordsPerSec)}`).join(', ')}`).join('; '),
    xLabel: 'worker threads (0 = main thread only)',
    yLabel: 'records per second',
    xFormat: (v) => (v === 0 ? 'main' : String(v)),
    yFormat: (v) => formatRate(v, '').replace('/s', '').trim() || '0',
    xScale: 'linear',
    series: series.map((s) => ({ label: s.variant, points: s.points.map((p) => ({ x: p.workers, y: p.recordsPerSec, text: `${workersText(p.workers)}: ${rate(p.recordsPerSec)}` })) })),
  });
  const throughputRows = series.flatMap((s) => s.points.map((p) => [s.variant, workersText(p.workers), rate(p.recordsPerSec), ms(p.latencyP99Ms), percent(p.cpuUtilization)]));
  out.push(
    figure({
      chart: throughputChart,
      caption: `Records per second by worker threads at batch size ${batchSize}; one line per variant (marker shape, line style and label tell them apart). Main-thread variants sit at 0. Higher is better.`,
      table: htmlTable(['variant', 'workers', 'records/s', 'latency p99', 'CPU'], throughputRows),
    }),
  );
  const efficiency = efficiencySeries(series);
  if (efficiency.length === 0) {
    out.push(emptyNote('Parallel efficiency needs a variant measured at two or more worker counts (e.g. --variant workers --workers 1,2).'));
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
    series: efficiency.map((s) => ({ label: s.variant, points: s.points.map((p) => ({ x: p.workers, y: p.efficiency, text: `${workersText(p.workers)}: ${percent(p.efficiency)}` })) })),
    reference: { y: 1, label: '100% = linear scaling' },
  });
  out.push(
    figure({
      chart: efficiencyChart,
      caption: `Throughput per worker relative to the smallest worker count (100%: each worker adds as much as the first; lower: workers wait on each other, on the main thread or on memory). The machine has a fixed number of cores: beyond it efficiency must fall.`,
      table: htmlTable(
        ['variant', 'workers', 'records/s', 'efficiency'],
        efficiency.flatMap((s) => s.points.map((p) => [s.variant, workersText(p.workers), rate(p.point.recordsPerSec), percent(p.efficiency)])),
      ),
    }),
  );
  return out;
}

function batchFigure(id: string, group: PipelineGroup): string {
  const series = batchSeries(group.points);
  if (series.length === 0) return emptyNote('The batch-size chart needs a variant measured at two or more batch sizes (e.g. --batch 1,100,1000).');
  const chart = renderLineChart({
    id: `${id}-batch`,
    title: `${group.title}: throughput by batch size`,
    description: series.map((s) => `${s.variant} (${workersText(s.workers)}): ${s.points.map((p) => `batch ${p.batchSize} ${rate(p.recordsPerSec)}`).join(', ')}`).join('; '),
    xLabel: 'records per batch',
    yLabel: 'records per second',
    xFormat: (v) => (v >= 1000 ? `${v / 1000}k` : String(v)),
    yFormat: (v) => formatRate(v, '').replace('/s', '').trim() || '0',
    xScale: 'log',
    series: series.map((s) => ({ label: s.workers > 1 ? `${s.variant} ×${s.workers}` : s.variant, points: s.points.map((p) => ({ x: p.batchSize, y: p.recordsPerSec, text: `batch ${p.batchSize}: ${rate(p.recordsPerSec)}` })) })),
  });
  return figure({
    chart,
    caption: 'Records per second by batch size (log scale), each variant at its smallest worker count. Small batches pay the per-batch costs (channel hand-offs, promise resolution, messages to workers) per few records.',
    table: htmlTable(['variant', 'workers', 'batch', 'records/s', 'latency p50', 'latency p99'], series.flatMap((s) => s.points.map((p) => [s.variant, workersText(p.workers), String(p.batchSize), rate(p.recordsPerSec), ms(p.latencyP50Ms), ms(p.latencyP99Ms)]))),
  });
}

export function pipelineGroupBlock(group: PipelineGroup): string {
  const id = `pipeline-${slug(group.title)}`;
  const parts = [`<section class="pipeline-group" id="${id}" aria-labelledby="${id}-h"><h3 id="${id}-h">${escapeHtml(group.title)}</h3>`];
  if (group.points.length === 0) parts.push(emptyNote('No case of this group produced a measurement.'));
  else {
    parts.push('<div class="figure-grid">', ...scalingFigures(id, group), batchFigure(id, group), '</div>');
    parts.push(`<details class="all-figures"><summary>All ${group.points.length} cases</summary>${htmlTable(PIPELINE_HEADER, pipelineRows(group.points))}</details>`);
  }
  if (group.missing.length > 0) parts.push(`<p class="note">Without a measurement: ${group.missing.map((m) => `<code>${escapeHtml(m.id)}</code> (${escapeHtml(m.reason)})`).join(', ')}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

/** The pipeline suite part of the page; empty string when the result has no pipeline cases. */
export function pipelineSection(result: ResultFile): string {
  return pipelineGroups(result).map(pipelineGroupBlock).join('\n');
}
