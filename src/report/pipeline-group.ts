import { formatRate, markdownTable, textTable } from './format.js';
import type { PipelineGroup, PipelineRow } from './pipeline-tables.js';

// The consumer-group section of the pipeline reports: how throughput grows with
// consumer processes (efficiency against K × one consumer), what the broker hop costs
// against in-process worker threads, and what faults cost (redeliveries, the kill
// drill's stall, dead letters). Pure: result rows in, text out.

const dash = '–';
const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : dash);
const percent = (share: number): string => (Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : dash);
const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : dash);
const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : dash);

export interface ConsumerGroupRow {
  readonly pipeline: string;
  readonly row: PipelineRow;
  /** Throughput ÷ the same case's with one consumer. */
  readonly speedup: number;
  /** Throughput ÷ (consumers × one consumer's): 1.00 is every consumer adding a whole one's worth. */
  readonly efficiency: number;
  /** Throughput ÷ the in-process `workers` variant's with one worker thread at the same batch size. */
  readonly vsOneWorker: number;
  /** The kill drill's stalls, one per timed run. */
  readonly stallMs: readonly number[];
}

/** The group variant's cases, with the figures the scaling table shows. */
export function consumerGroupRows(groups: readonly PipelineGroup[]): ConsumerGroupRow[] {
  return groups.flatMap((group) =>
    group.rows
      .filter((row) => row.consumers > 0)
      .map((row) => {
        const one = group.rows.find((r) => r.variant === row.variant && r.batchSize === row.batchSize && r.consumers === 1);
        const worker = group.rows.find((r) => r.variant === 'workers' && r.batchSize === row.batchSize && r.workers === 1);
        const speedup = one ? row.recordsPerSec / one.recordsPerSec : Number.NaN;
        return {
          pipeline: group.title,
          row,
          speedup,
          efficiency: speedup / row.consumers,
          vsOneWorker: worker ? row.recordsPerSec / worker.recordsPerSec : Number.NaN,
          stallMs: row.group?.killDrill?.stallMs ?? [],
        };
      }),
  );
}

function stallText(stalls: readonly number[]): string {
  if (stalls.length === 0) return dash;
  const low = Math.min(...stalls);
  const high = Math.max(...stalls);
  return Math.round(low) === Math.round(high) ? ms(low) : `${ms(low)} – ${ms(high)}`;
}

const HEADER = ['pipeline', 'batch', 'consumers', 'records/s', 'speedup', 'efficiency', 'vs workers ×1', 'latency p50 / p99', 'CPU cores', 'broker CPU', 'peak outstanding', 'redelivered', 'kill stall', 'dead-lettered'];

function cells(g: ConsumerGroupRow): string[] {
  const { row } = g;
  return [
    g.pipeline,
    String(row.batchSize),
    String(row.consumers),
    formatRate(row.recordsPerSec, 'rec'),
    times(g.speedup),
    fixed(g.efficiency, 2),
    percent(g.vsOneWorker),
    `${ms(row.latencyP50Ms)} / ${ms(row.latencyP99Ms)}`,
    fixed(row.cpuCores, 2),
    percent(row.group?.brokerCpuShare ?? Number.NaN),
    fixed(row.group?.peakOutstanding ?? Number.NaN, 0),
    fixed(row.group?.redelivered ?? Number.NaN, 0),
    stallText(g.stallMs),
    fixed(row.group?.deadLettered.batches ?? Number.NaN, 0),
  ];
}

export const GROUP_LEGEND =
  'The `group` variant: this process XADDs each encoded batch to a Redis stream; consumer processes read it as one consumer group, decode, commit each batch once (a ledger keyed by batch id, with the XACK) and write to their own sink. ' +
  'records/s runs from the first XADD to the last commit; latency is per batch from XADD to commit. `speedup` is against one consumer, `efficiency` is throughput ÷ (consumers × one consumer’s). ' +
  '`vs workers ×1`: against the in-process `workers` variant with one worker thread on the same batches (the cost of the broker hop). ' +
  '`CPU cores` counts every process of the pipeline (producer, consumers, redis-server); `broker CPU` is the redis-server’s share of it. ' +
  '`peak outstanding`: the most batches produced and not yet committed (lag + pending, XINFO GROUPS), bounded by the backlog. ' +
  '`redelivered`: batches a consumer took over from another’s pending list; `kill stall`: from a consumer’s SIGKILL until every batch it held was committed by another (per run); `dead-lettered`: batches that failed on every delivery.';

/** The Markdown section: the scaling table, or nothing without group cases. */
export function groupMarkdown(groups: readonly PipelineGroup[]): string[] {
  const rows = consumerGroupRows(groups);
  if (rows.length === 0) return [];
  const parts = ['## Consumer group (Redis Streams)', '', GROUP_LEGEND, '', markdownTable(HEADER, rows.map(cells), ['l']), ''];
  const errors = rows.flatMap((g) => (g.row.group?.deadLettered.firstError ? [`- ${g.row.id}: ${g.row.group.deadLettered.firstError}`] : []));
  if (errors.length > 0) parts.push('First dead-letter error per case:', '', ...errors, '');
  return parts;
}

/** The terminal's short version. */
export function groupTerminal(groups: readonly PipelineGroup[]): string[] {
  const rows = consumerGroupRows(groups);
  if (rows.length === 0) return [];
  return [
    '\nconsumer group (Redis Streams): scaling with consumer processes',
    textTable(
      ['pipeline', 'batch', 'consumers', 'records/s', 'speedup', 'efficiency', 'vs workers×1', 'redelivered', 'kill stall'],
      rows.map((g) => {
        const all = cells(g);
        return [all[0], all[1], all[2], all[3], all[4], all[5], all[6], all[11], all[12]].map((cell) => cell ?? dash);
      }),
    ),
  ];
}
