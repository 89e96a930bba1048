import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseResult, ResultFile } from '../results/types.js';
import { pipelineCase, pipelineResult } from './html/fixtures.js';
import { pipelineSection } from './html/pipeline-section.js';
import { consumerGroupRows, groupMarkdown } from './pipeline-group.js';
import { pipelineMarkdown } from './pipeline-markdown.js';
import { pipelineTerminalReport } from './pipeline-terminal.js';
import { pipelineGroups, scalingRows } from './pipeline-tables.js';

/** A group case as the variant writes it (made-up figures). */
function groupCase(consumers: number, recordsPerSec: number, stallMs?: number[]): CaseResult {
  const base = pipelineCase({ variant: 'group', workers: 0, batchSize: 1000, recordsPerSec }, 500 + consumers, 'decode', 'orders', 'protobuf');
  const group = {
    redelivered: stallMs ? 2 : 0,
    deadLettered: { batches: consumers === 2 ? 1 : 0, records: consumers === 2 ? 1000 : 0, ...(consumers === 2 ? { firstError: 'injected fault at batch 5' } : {}) },
    ...(stallMs ? { killDrill: { runs: stallMs.length, heldBatches: stallMs.map(() => 1), stallMs } } : {}),
    lag: { intervalMs: 20, points: [[0, 4, 1], [20, 3, 2], [40, 0, 1], [60, 0, 0]] },
    peakOutstanding: 5,
    brokerCpuShare: 0.06,
    endCheck: { runs: 5, batches: 250, lost: 0, writtenTwice: 0 },
  };
  return { ...base, id: `pipeline/decode/orders/protobuf/group/b1000/c${consumers}/50000`, pipeline: { ...(base.pipeline as NonNullable<CaseResult['pipeline']>), consumers, group } };
}

function result(): ResultFile {
  const workers = pipelineCase({ variant: 'workers', workers: 1, batchSize: 1000, recordsPerSec: 500_000 }, 7, 'decode', 'orders', 'protobuf');
  return { ...pipelineResult(), cases: [workers, groupCase(1, 400_000, [1200, 1300]), groupCase(2, 640_000)] };
}

describe('consumer-group report', () => {
  it('scales against one consumer and compares with one worker thread', () => {
    const rows = consumerGroupRows(pipelineGroups(result()));
    assert.deepEqual(
      rows.map((g) => [g.row.consumers, Number(g.speedup.toFixed(2)), Number(g.efficiency.toFixed(2)), Number(g.vsOneWorker.toFixed(2))]),
      [
        [1, 1, 1, 0.8],
        [2, 1.6, 0.8, 1.28],
      ],
    );
    // The group variant joins the common scaling table with its consumer count.
    const two = scalingRows(pipelineGroups(result())).find((s) => s.variant === 'group' && s.workers === 2);
    assert.equal(two?.processes, true);
    assert.equal(Number(two?.efficiency.toFixed(2)), 0.8);
  });

  it('writes the scaling table in Markdown and the terminal, consumers where workers go', () => {
    const markdown = pipelineMarkdown(result());
    assert.match(markdown, /^## Consumer group \(Redis Streams\)$/m);
    assert.match(markdown, /^\| decode · orders · protobuf \| 1000 \| 1 \| 400\.0 krec\/s \| 1\.00× \| 1\.00 \| 80% \| .* \| 6% \| 5 \| 2 \| 1200 ms – 1300 ms \| 0 \|$/m);
    assert.match(markdown, /^\| decode · orders · protobuf \| 1000 \| 2 \| 640\.0 krec\/s \| 1\.60× \| 0\.80 \| 128% \| .* \| – \| 1 \|$/m);
    assert.match(markdown, /^- pipeline\/decode\/orders\/protobuf\/group\/b1000\/c2\/50000: injected fault at batch 5$/m);
    assert.match(markdown, /^\| group \| 1000 \| 2 consumers \| 640\.0 krec\/s \|/m);
    assert.match(markdown, /^\| decode · orders · protobuf \| group \| 1000 \| 2 consumers \| 640\.0 krec\/s \| 1\.60× \| 0\.80 \|/m);
    assert.match(pipelineTerminalReport(result()), /consumer group \(Redis Streams\): scaling with consumer processes\n.*\n.*\ndecode · orders · protobuf\s+1000\s+1\s+400\.0 krec\/s/);
    assert.deepEqual(groupMarkdown(pipelineGroups(pipelineResult())), [], 'no section without group cases');
  });

  it('draws lag over time with the existing line chart, one line per consumer count', () => {
    const html = pipelineSection(result());
    const lag = /<svg[^>]*id="[^"]*-lag"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    assert.ok(lag !== '', 'a lag chart');
    assert.equal((lag.match(/<path class="series-line/g) ?? []).length, 2);
    assert.match(lag, /data-series="group ×1"/);
    assert.match(lag, /group ×2: 60 ms: 0 outstanding \(lag 0, pending 0\)/);
    // Only each line's last point has a marker on a time series.
    assert.equal((lag.match(/class="point /g) ?? []).length, 2);
    assert.match(html, /<h4>Consumer group: scaling and faults<\/h4>/);
  });
});
