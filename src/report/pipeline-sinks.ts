import type { CaseResult, ResultFile } from '../results/types.js';
import { formatRate, markdownTable } from './format.js';

// What real sinks add to a pipeline report: for a broker (redis), the bytes on the
// wire, the server memory and the acknowledgement latency per codec, and the retries of
// a fault drill; for a file, how much of the run the disk's fdatasync took. Pure: result
// file in, rows and Markdown out.

type Figures = Readonly<Record<string, number>>;

interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface BrokerSinkRow {
  readonly pipeline: string;
  readonly variant: string;
  readonly batchSize: number;
  readonly workers: number;
  readonly recordsPerSec: number;
  /** Per record, over every timed run. */
  readonly payloadBytesPerRecord: number;
  readonly wireBytesPerRecord: number;
  readonly serverBytesPerRecord: number;
  readonly ackLatencyMs: Latency | undefined;
  readonly retries: number;
  readonly duplicatesRejected: number;
  readonly reconnects: number;
  /** Server restarts of the fault drill, warm-up runs included; undefined without a drill. */
  readonly restarts: number | undefined;
  readonly streamEntries: number;
  /** What the streams should hold: batches per run × timed runs. */
  readonly batchesWritten: number;
}

export interface FileSinkRow {
  readonly pipeline: string;
  readonly variant: string;
  readonly batchSize: number;
  readonly workers: number;
  readonly recordsPerSec: number;
  readonly fsyncsPerRun: number;
  readonly meanFsyncMs: number;
  /** fdatasync time ÷ run time. */
  readonly fsyncShare: number;
}

function figuresOf(result: CaseResult): Figures | undefined {
  const figures = result.pipeline?.sinkMetrics;
  return result.status === 'ok' && figures !== null && typeof figures === 'object' ? (figures as Figures) : undefined;
}

function numberField(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

function pipelineName(result: CaseResult): string {
  return `${result.op} · ${result.dataset} · ${result.codec}`;
}

export function brokerSinkRows(result: ResultFile): BrokerSinkRow[] {
  return result.cases.flatMap((c) => {
    const figures = figuresOf(c);
    const p = c.pipeline;
    if (!figures || !p || figures.streamEntries === undefined) return [];
    const runs = numberField(p.repetitions);
    const records = c.records * runs;
    const latency = p.sinkWriteLatencyMs as Latency | undefined;
    const restarts = c.extra?.redisRestarts;
    return [
      {
        pipeline: pipelineName(c),
        variant: p.variant,
        batchSize: p.batchSize,
        workers: p.workers,
        recordsPerSec: p.recordsPerSec,
        payloadBytesPerRecord: (figures.payloadBytes ?? Number.NaN) / records,
        wireBytesPerRecord: (figures.wireBytesOut ?? Number.NaN) / records,
        serverBytesPerRecord: (figures.serverMemoryBytes ?? Number.NaN) / records,
        ackLatencyMs: latency,
        retries: figures.retries ?? 0,
        duplicatesRejected: figures.duplicatesRejected ?? 0,
        reconnects: figures.reconnects ?? 0,
        restarts: typeof restarts === 'number' ? restarts : undefined,
        streamEntries: figures.streamEntries,
        batchesWritten: Math.ceil(c.records / p.batchSize) * runs,
      },
    ];
  });
}

export function fileSinkRows(result: ResultFile): FileSinkRow[] {
  return result.cases.flatMap((c) => {
    const figures = figuresOf(c);
    const p = c.pipeline;
    if (!figures || !p || figures.fsyncs === undefined || figures.fsyncs === 0) return [];
    const fsyncMs = figures.fsyncMs ?? 0;
    return [
      {
        pipeline: pipelineName(c),
        variant: p.variant,
        batchSize: p.batchSize,
        workers: p.workers,
        recordsPerSec: p.recordsPerSec,
        fsyncsPerRun: figures.fsyncs / numberField(p.repetitions),
        meanFsyncMs: fsyncMs / figures.fsyncs,
        fsyncShare: fsyncMs / numberField(p.runMs),
      },
    ];
  });
}

const dash = '–';
const bytes = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)} B` : dash);
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : dash);
const workersLabel = (workers: number): string => (workers === 0 ? 'main' : String(workers));

/** The report's sink sections; nothing when no case used a sink that reports figures. */
export function sinkMarkdown(result: ResultFile): string[] {
  const parts: string[] = [];
  const broker = brokerSinkRows(result);
  if (broker.length > 0) {
    parts.push(
      '## Redis sink: bytes on the wire, server memory, acknowledgements',
      '',
      'Per record over every timed run: the payload (the codec’s bytes), what went out on the socket (payload plus RESP framing, retries included), ' +
        'and the stream’s memory in Redis (`MEMORY USAGE`, exact). Ack latency: each batch’s XADD from first send to the reply, retries included. ' +
        '`stream`: entries the streams held at the end of the runs, against the batches written (equal: none lost, none twice).',
      '',
      markdownTable(
        ['pipeline', 'variant', 'batch', 'workers', 'records/s', 'payload', 'wire', 'in Redis', 'ack p50 ms', 'ack p99 ms', 'ack max ms', 'retries', 'duplicates rejected', 'reconnects', 'restarts', 'stream'],
        broker.map((row) => [
          row.pipeline,
          row.variant,
          String(row.batchSize),
          workersLabel(row.workers),
          formatRate(row.recordsPerSec, 'rec'),
          bytes(row.payloadBytesPerRecord),
          bytes(row.wireBytesPerRecord),
          bytes(row.serverBytesPerRecord),
          ms(row.ackLatencyMs?.p50 ?? Number.NaN),
          ms(row.ackLatencyMs?.p99 ?? Number.NaN),
          ms(row.ackLatencyMs?.max ?? Number.NaN),
          String(row.retries),
          String(row.duplicatesRejected),
          String(row.reconnects),
          row.restarts === undefined ? dash : String(row.restarts),
          `${row.streamEntries} of ${row.batchesWritten}`,
        ]),
        ['l', 'l'],
      ),
      '',
    );
  }
  const file = fileSinkRows(result);
  if (file.length > 0) {
    parts.push(
      '## File sink: fdatasync after each batch',
      '',
      'Where fdatasync takes most of the run, the disk, not the codec, sets the pace.',
      '',
      markdownTable(
        ['pipeline', 'variant', 'batch', 'workers', 'records/s', 'fdatasync per run', 'mean fdatasync ms', 'share of run time'],
        file.map((row) => [
          row.pipeline,
          row.variant,
          String(row.batchSize),
          workersLabel(row.workers),
          formatRate(row.recordsPerSec, 'rec'),
          String(row.fsyncsPerRun),
          ms(row.meanFsyncMs),
          Number.isFinite(row.fsyncShare) ? `${(row.fsyncShare * 100).toFixed(0)}%` : dash,
        ]),
        ['l', 'l'],
      ),
      '',
    );
  }
  return parts;
}
