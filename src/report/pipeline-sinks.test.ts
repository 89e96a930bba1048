import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RESULT_SCHEMA, type CaseResult, type ResultFile } from '../results/types.js';
import { brokerSinkRows, fileSinkRows, sinkMarkdown } from './pipeline-sinks.js';

function sinkCase(sink: string, sinkMetrics: Record<string, number> | undefined, extra?: Record<string, unknown>): CaseResult {
  return {
    id: `pipeline/etl/orders/protobuf/sync/b100/w0/1000/${sink}`,
    suite: 'pipeline',
    dataset: 'orders',
    codec: 'protobuf',
    op: 'etl',
    records: 1000,
    status: 'ok',
    unit: 'ns',
    samples: [1000],
    pipeline: {
      variant: 'sync',
      batchSize: 100,
      workers: 0,
      recordsPerSec: 1e6,
      mbPerSec: 1,
      latencyMs: { p50: 1, p99: 2 },
      peakRssBytes: 1,
      peakHeapBytes: 1,
      gc: { count: 0, pauseMs: 0 },
      eventLoopDelayMs: { p99: 1 },
      cpuUtilization: 0.5,
      sink,
      repetitions: 2,
      runMs: 400,
      ...(sinkMetrics ? { sinkMetrics } : {}),
      ...(sink === 'redis' ? { sinkWriteLatencyMs: { p50: 0.5, p90: 1, p99: 2, p999: 3, max: 4, count: 20 } } : {}),
    },
    ...(extra ? { extra } : {}),
  };
}

function resultOf(cases: CaseResult[]): ResultFile {
  return {
    schema: RESULT_SCHEMA,
    complete: true,
    meta: { createdAt: '2026-01-01T00:00:00.000Z', git: { sha: null, dirty: false }, env: { node: 'v20', v8: '', platform: 'linux', arch: 'x64', cpuModel: 'x', cpuCount: 2, totalMemBytes: 1 }, options: {} },
    cases,
  };
}

const redis = { payloadBytes: 440_000, wireBytesOut: 460_000, serverMemoryBytes: 500_000, retries: 3, duplicatesRejected: 1, reconnects: 1, streamEntries: 20, attempts: 23 };

describe('pipeline report: sink sections', () => {
  it('turns the redis figures into per-record bytes and a stream count', () => {
    const [row] = brokerSinkRows(resultOf([sinkCase('redis', redis, { redisRestarts: 3 }), sinkCase('null', undefined)]));
    assert.deepEqual(row, {
      pipeline: 'etl · orders · protobuf',
      variant: 'sync',
      batchSize: 100,
      workers: 0,
      recordsPerSec: 1e6,
      payloadBytesPerRecord: 220,
      wireBytesPerRecord: 230,
      serverBytesPerRecord: 250,
      ackLatencyMs: { p50: 0.5, p90: 1, p99: 2, p999: 3, max: 4, count: 20 },
      retries: 3,
      duplicatesRejected: 1,
      reconnects: 1,
      restarts: 3,
      streamEntries: 20,
      batchesWritten: 20,
    });
  });

  it('shows the fdatasync share only for runs that synced', () => {
    const rows = fileSinkRows(resultOf([sinkCase('file', { fsyncs: 20, fsyncMs: 100 }), sinkCase('file', { fsyncs: 0, fsyncMs: 0 })]));
    assert.deepEqual(rows, [{ pipeline: 'etl · orders · protobuf', variant: 'sync', batchSize: 100, workers: 0, recordsPerSec: 1e6, fsyncsPerRun: 10, meanFsyncMs: 5, fsyncShare: 0.25 }]);
  });

  it('adds nothing to a report whose sinks report nothing particular', () => {
    assert.deepEqual(sinkMarkdown(resultOf([sinkCase('null', undefined)])), []);
    const text = sinkMarkdown(resultOf([sinkCase('redis', redis)])).join('\n');
    assert.match(text, /^## Redis sink/m);
    assert.match(text, /\| etl · orders · protobuf \| sync \| 100 \| main \| .* \| 220 B \| 230 B \| 250 B \| 0\.50 \| 2\.00 \| 4\.00 \| 3 \| 1 \| 1 \| – \| 20 of 20 \|/);
  });
});
