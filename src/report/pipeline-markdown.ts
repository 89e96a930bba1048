import type { ResultFile } from '../results/types.js';
import { environmentLines } from './environment.js';
import { PROVENANCE_HEADER, provenanceRows, resultInputs } from './input-tables.js';
import { groupMarkdown } from './pipeline-group.js';
import { sinkMarkdown } from './pipeline-sinks.js';
import { formatBytes, formatRate, markdownTable } from './format.js';
import {
  batchVerdicts,
  crossingRows,
  parallelUnits,
  pipelineGroups,
  relativeToBare,
  scalingRows,
  tellingCost,
  unmeasuredPipelineCases,
  type BatchVerdict,
  type PipelineGroup,
  type PipelineRow,
} from './pipeline-tables.js';

/** The pipeline suite's Markdown report in a reports directory. */
export const PIPELINE_REPORT_FILE = 'pipeline.md';

const dash = '–';
const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : dash);
const ms = (value: number): string => (Number.isFinite(value) ? (value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(value < 10 ? 2 : 1)} ms`) : dash);
const percent = (share: number): string => (Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : dash);
const rate = (perSec: number): string => formatRate(perSec, 'rec');
/** The workers column: `main` (no worker threads), the worker count, or `N consumers` (processes of the group variant). */
export const parallelLabel = (row: Pick<PipelineRow, 'workers' | 'consumers'>): string =>
  row.consumers > 0 ? `${row.consumers} consumer${row.consumers === 1 ? '' : 's'}` : row.workers === 0 ? 'main' : String(row.workers);

export const PIPELINE_TABLE_HEADER = [
  'variant',
  'batch',
  'workers',
  'records/s',
  'MB/s',
  'vs bare',
  'latency p50',
  'latency p99',
  'CPU cores',
  'GC',
  'event loop p99',
  'peak RSS',
  'RSS +',
  'peak heap',
  'postMessage/batch',
  'rme',
];

export function pipelineTableRows(group: PipelineGroup): string[][] {
  return group.rows.map((row) => [
    row.variant,
    String(row.batchSize),
    parallelLabel(row),
    rate(row.recordsPerSec),
    row.codec === 'none' ? dash : fixed(row.mbPerSec, 1),
    percent(relativeToBare(row, group)),
    ms(row.latencyP50Ms),
    ms(row.latencyP99Ms),
    fixed(row.cpuCores, 2),
    percent(row.gcShare),
    ms(row.eventLoopP99Ms),
    formatBytes(row.peakRssBytes),
    Number.isFinite(row.rssGrowthBytes) ? formatBytes(Math.max(0, row.rssGrowthBytes)) : dash,
    formatBytes(row.peakHeapBytes),
    row.postMessageUsPerBatch > 0 ? `${fixed(row.postMessageUsPerBatch, 1)} µs` : dash,
    `±${fixed(row.rme, 1)}%`,
  ]);
}

function label(row: PipelineRow): string {
  return parallelUnits(row) > 0 ? `${row.variant} ×${parallelUnits(row)}` : row.variant;
}

/** "batch 1000: workers ×2 (1.10 M rec/s); sync 52% (holds the event loop …); …" */
export function verdictLine(verdict: BatchVerdict): string {
  const best = `**${label(verdict.best)}** (${rate(verdict.best.recordsPerSec)}${tellingCost(verdict.best) ? `; ${tellingCost(verdict.best)}` : ''})`;
  const others = verdict.others.map(({ row, share }) => {
    const cost = tellingCost(row);
    return `${label(row)} ${percent(share)}${cost ? ` (${cost})` : ''}`;
  });
  return `batch ${verdict.batchSize}: ${best}${others.length > 0 ? `; then ${others.join(', ')}` : ''}`;
}

export const PIPELINE_LEGEND =
  'records/s and MB/s come from the median repetition (MB/s counts the bytes in the codec: output of encode and transcode, input of decode; 0 without a codec). ' +
  '`vs bare`: throughput relative to the codec loop alone on the same batches made before timing. ' +
  'Latency is per batch, from the source making it to the sink having written it (HDR histogram over every batch of every repetition). ' +
  '`CPU cores`: CPU time of the process (worker threads included) ÷ wall time, so 2.00 is both cores busy. ' +
  '`GC`: collector pause ÷ wall time, summed over threads (perf_hooks gc entries). ' +
  '`event loop p99`: the main thread’s event-loop delay; a run that never yields shows its own length there. ' +
  '`peak RSS` is the whole process (it keeps what earlier cases left); `RSS +` is what this case added to it. ' +
  '`postMessage/batch`: main-thread time to hand one batch to a worker (structured clone of records; byte batches are transferred). ' +
  '`rme`: relative margin of error of the mean of the per-repetition samples (95%). workers `main`: no worker threads; `N consumers`: the group variant’s consumer processes, ' +
  'whose CPU cores, GC and peak heap count every process of the pipeline (producer, consumers, redis-server) over the timed window, while peak RSS is the producer’s (per process in the consumer-group section).';

/** The Markdown report of a pipeline result file. */
export function pipelineMarkdown(result: ResultFile): string {
  const groups = pipelineGroups(result);
  const parts: string[] = ['# serbench pipeline suite', ''];
  if (!result.complete) parts.push('> **Incomplete run**: interrupted, or some cases failed (listed at the end).', '');
  parts.push(PIPELINE_LEGEND, '');
  const inputs = resultInputs(result);
  if (inputs.length > 0) parts.push('## Your data', '', 'Datasets read from your files (`--input`); the result file and reports keep where they came from, never their records.', '', markdownTable(PROVENANCE_HEADER, provenanceRows(inputs), PROVENANCE_HEADER.map(() => 'l')), '');
  for (const group of groups) {
    parts.push(`## ${group.title}`, '', `${group.sink} sink, ${group.records.toLocaleString('en-US')} records per run.`, '');
    parts.push(markdownTable(PIPELINE_TABLE_HEADER, pipelineTableRows(group)), '');
    const verdicts = batchVerdicts(group);
    if (verdicts.length > 0) parts.push('Which variant, by batch size (fastest first; the others as a share of it, with what costs them):', '', ...verdicts.map((v) => `- ${verdictLine(v)}`), '');
  }
  const scaling = scalingRows(groups);
  if (scaling.length > 0) {
    parts.push(
      '## Scaling with worker threads',
      '',
      'Speedup is against the same variant with one worker (or one consumer process); efficiency is speedup ÷ workers, i.e. throughput ÷ (K × one’s) (1.00: each worker adds a full worker’s worth).',
      '',
    );
    parts.push(
      markdownTable(
        ['pipeline', 'variant', 'batch', 'workers', 'records/s', 'speedup', 'efficiency', 'CPU cores'],
        scaling.map((s) => [s.group, s.variant, String(s.batchSize), s.processes ? `${s.workers} consumers` : String(s.workers), rate(s.recordsPerSec), `${fixed(s.speedup, 2)}×`, fixed(s.efficiency, 2), fixed(s.cpuCores, 2)]),
        ['l', 'l'],
      ),
      '',
    );
  }
  const crossing = crossingRows(groups);
  if (crossing.length > 0) {
    parts.push(
      '## What crossing threads costs',
      '',
      '`workers` makes batches on the main thread and posts them (records are structured-cloned, bytes transferred); `workers-sharded` has each worker make its own shard, so nothing crosses. ' +
        'The loss is the share of the sharded throughput that posting gives up.',
      '',
      markdownTable(
        ['pipeline', 'batch', 'workers', 'posted records/s', 'sharded records/s', 'loss', 'postMessage/batch'],
        crossing.map((c) => [c.group, String(c.batchSize), String(c.workers), rate(c.postedPerSec), rate(c.shardedPerSec), percent(c.loss), `${fixed(c.postMessageUsPerBatch, 1)} µs`]),
        ['l'],
      ),
      '',
    );
  }
  parts.push(...groupMarkdown(groups));
  parts.push(...sinkMarkdown(result));
  const missing = unmeasuredPipelineCases(result);
  if (missing.length > 0) parts.push('## Cases without a measurement', '', markdownTable(['case', 'status', 'reason'], missing.map((c) => [c.id, c.status, c.reason]), ['l', 'l', 'l']), '');
  parts.push('## Environment', '', ...environmentLines(result).map((line) => `- ${line}`), '');
  return parts.join('\n');
}
