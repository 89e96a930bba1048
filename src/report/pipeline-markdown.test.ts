import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RESULT_SCHEMA, type CaseResult, type ResultFile } from '../results/types.js';
import { pipelineMarkdown } from './pipeline-markdown.js';
import { pipelineTerminalReport } from './pipeline-terminal.js';
import { batchVerdicts, crossingRows, pipelineGroups, relativeToBare, scalingRows } from './pipeline-tables.js';

function pipelineCase(variant: string, batchSize: number, workers: number, recordsPerSec: number, extra: Record<string, number> = {}): CaseResult {
  return {
    id: `pipeline/decode/orders/protobuf/${variant}/b${batchSize}/w${workers}/1000`,
    suite: 'pipeline',
    dataset: 'orders',
    codec: 'protobuf',
    op: 'decode',
    records: 1000,
    status: 'ok',
    unit: 'ns',
    samples: [1e9 / recordsPerSec],
    stats: { n: 1, median: 1e9 / recordsPerSec, mean: 1e9 / recordsPerSec, p75: 0, p99: 0, min: 0, max: 0, sd: 0, rme: 0 },
    pipeline: {
      variant,
      batchSize,
      workers,
      recordsPerSec,
      mbPerSec: 1,
      latencyMs: { p50: 1, p99: 2 },
      peakRssBytes: 1e8,
      peakHeapBytes: 5e7,
      gc: { count: 1, pauseMs: 1 },
      eventLoopDelayMs: { p99: extra.eventLoop ?? 11 },
      cpuUtilization: 0.5,
      scenario: 'decode',
      sink: 'null',
      runMs: 100,
      repetitions: 1,
      startRssBytes: 9e7,
      cpuMs: 100,
      cpuCores: 1,
      gcPauseShare: extra.gcShare ?? 0.01,
      postMessageMsPerBatch: extra.postMs ?? 0,
    },
  };
}

const result: ResultFile = {
  schema: RESULT_SCHEMA,
  complete: false,
  meta: { createdAt: '2026-01-01T00:00:00.000Z', git: { sha: null, dirty: false }, env: { node: 'v20', v8: '11', platform: 'linux', arch: 'x64', cpuModel: 'cpu', cpuCount: 2, totalMemBytes: 1 }, options: {} },
  cases: [
    pipelineCase('sync', 1000, 0, 200_000, { eventLoop: 480 }),
    pipelineCase('workers', 1000, 1, 150_000, { postMs: 0.01 }),
    pipelineCase('workers', 1000, 2, 270_000, { postMs: 0.012 }),
    pipelineCase('workers-sharded', 1000, 2, 300_000),
    pipelineCase('bare', 1000, 0, 250_000),
    { ...pipelineCase('async', 1000, 0, 1), status: 'failed', error: 'transform stage failed: boom', samples: [] },
  ],
};

describe('pipeline reports', () => {
  const [group] = pipelineGroups(result);

  it('groups by scenario, dataset and codec, the bare reference first, failures aside', () => {
    assert.ok(group);
    assert.equal(pipelineGroups(result).length, 1);
    assert.equal(group.title, 'decode · orders · protobuf');
    assert.deepEqual(
      group.rows.map((r) => `${r.variant}/${r.workers}`),
      ['bare/0', 'sync/0', 'workers/1', 'workers/2', 'workers-sharded/2'],
    );
  });

  it('computes throughput against the bare loop, scaling efficiency and the cost of crossing threads', () => {
    assert.ok(group);
    const sync = group.rows.find((r) => r.variant === 'sync');
    assert.ok(sync);
    assert.equal(relativeToBare(sync, group), 0.8);
    const two = scalingRows([group]).find((s) => s.variant === 'workers' && s.workers === 2);
    assert.ok(two);
    assert.equal(two.speedup, 1.8);
    assert.equal(two.efficiency, 0.9);
    const [crossing] = crossingRows([group]);
    assert.ok(crossing);
    assert.equal(crossing.workers, 2);
    assert.ok(Math.abs(crossing.loss - 0.1) < 1e-9);
    assert.ok(Math.abs(crossing.postMessageUsPerBatch - 12) < 1e-9);
  });

  it('names the fastest variant per batch size and what holds the others back', () => {
    assert.ok(group);
    const [verdict] = batchVerdicts(group);
    assert.equal(verdict?.best.variant, 'workers-sharded');
    assert.deepEqual(
      verdict?.others.map((o) => o.row.variant),
      ['workers', 'sync'],
    );
    const markdown = pipelineMarkdown(result);
    assert.match(markdown, /batch 1000: \*\*workers-sharded ×2\*\* \(300\.0 krec\/s\); then workers ×2 90% \(postMessage 12 µs per batch\), sync 67% \(holds the event loop for whole runs \(p99 480 ms\)\)/);
  });

  it('renders the Markdown and terminal reports with every section', () => {
    const markdown = pipelineMarkdown(result);
    for (const heading of ['# serbench pipeline suite', '## decode · orders · protobuf', '## Scaling with worker threads', '## What crossing threads costs', '## Cases without a measurement', '## Environment']) {
      assert.ok(markdown.includes(heading), heading);
    }
    assert.match(markdown, /Incomplete run/);
    assert.match(markdown, /\| sync \| 1000 \| main \| 200\.0 krec\/s \| 1\.0 \| 80% \|/);
    assert.match(markdown, /\| 95\.37 MiB \| 9\.54 MiB \|/, 'peak RSS and what the case added');
    assert.match(markdown, /transform stage failed: boom/);
    const terminal = pipelineTerminalReport(result);
    assert.match(terminal, /decode · orders · protobuf — null sink, 1000 records/);
    assert.match(terminal, /1 case\(s\) without a measurement/);
  });
});
