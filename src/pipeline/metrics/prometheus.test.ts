import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPipelineCase, type CaseSpec } from '../case.js';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { testCaseSettings } from '../testing.js';
import { MetricsExporter, MetricsExporterError } from './prometheus.js';
import { promtoolCheck, promtoolMissing } from './testing.js';

/** The value of a series, read through prom-client's own JSON view of the registry. */
async function value(exporter: MetricsExporter, name: string, where: (labels: Record<string, string | number>) => boolean = () => true, series = name): Promise<number | undefined> {
  const metric = (await exporter.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values as { value: number; labels: Record<string, string | number>; metricName?: string }[] | undefined)?.find((v) => (v.metricName ?? name) === series && where(v.labels))?.value;
}

const SPEC: CaseSpec = { scenario: 'encode', dataset: 'log', codec: 'json', variant: 'async', batchSize: 100, workers: 0, records: 6000 };
// 20 000 records a second: a run of about 0.3 s, long enough to scrape in the middle.
const SETTINGS = testCaseSettings({ seed: 5, sink: 'slow', sinkSettings: { fileDir: PIPELINE_DEFAULTS.fileDir, slowRecordsPerSec: 20_000 } });

describe('live metrics in the Prometheus text format', () => {
  it('are served on loopback while a run goes on, and the counters follow the run', async () => {
    const exporter = await MetricsExporter.start({ port: 0 });
    try {
      assert.match(exporter.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      exporter.planned(1);
      exporter.caseStarted(SPEC);
      let midRun: { text: string; records: number | undefined } | undefined;
      const result = await runPipelineCase(SPEC, SETTINGS, {
        onMeter(meter, spec) {
          exporter.track(meter, spec);
          setTimeout(async () => {
            const response = await fetch(exporter.url);
            midRun = { text: await response.text(), records: await value(exporter, 'serbench_pipeline_run_records') };
          }, 120);
        },
      });
      exporter.caseEnded(result);
      assert.equal(result.status, 'ok');
      assert.ok(midRun, 'scraped during the run');
      assert.ok((midRun.records ?? 0) > 0 && (midRun.records ?? 0) < SPEC.records, `mid-run records: ${midRun.records}`);
      assert.match(midRun.text, /^serbench_pipeline_records_total\{scenario="encode",dataset="log",codec="json",variant="async",batch="100",workers="0"\} \d+$/m);

      const response = await fetch(exporter.url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      assert.equal(await value(exporter, 'serbench_pipeline_records_total'), SPEC.records);
      assert.equal(await value(exporter, 'serbench_pipeline_batches_total'), SPEC.records / SPEC.batchSize);
      const latencyCount = await value(exporter, 'serbench_pipeline_batch_latency_seconds', () => true, 'serbench_pipeline_batch_latency_seconds_count');
    assert.equal(latencyCount, SPEC.records / SPEC.batchSize);
      assert.equal(await value(exporter, 'serbench_pipeline_cases_finished_total', (labels) => labels.status === 'ok'), 1);
      // The process collectors the issue asks for: GC pauses, event-loop delay, RSS.
      for (const name of ['nodejs_gc_duration_seconds_bucket', 'nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes']) {
        assert.match(text, new RegExp(`^${name}[{ ]`, 'm'), name);
      }
      assert.ok(((await value(exporter, 'process_resident_memory_bytes')) ?? 0) > 10_000_000);

      const missing = await fetch(exporter.url.replace('/metrics', '/'));
      assert.equal(missing.status, 404);
      await missing.text();
    } finally {
      await exporter.close();
    }
  });

  it('pass promtool check metrics', { skip: promtoolMissing() }, async () => {
    const exporter = await MetricsExporter.start({ port: 0 });
    try {
      exporter.planned(1);
      exporter.caseStarted(SPEC);
      const result = await runPipelineCase(SPEC, { ...SETTINGS, sink: 'null' }, { onMeter: (meter, spec) => exporter.track(meter, spec) });
      exporter.caseEnded(result);
      const text = await (await fetch(exporter.url)).text();
      const check = promtoolCheck(text);
      assert.equal(check.status, 0, check.output);
      assert.equal(check.output, '');
      // And promtool does reject a broken exposition, so the check above means something.
      assert.notEqual(promtoolCheck(`${text}serbench_broken{ 1\n`).status, 0);
    } finally {
      await exporter.close();
    }
  });

  it('a port that is taken is one line naming it', async () => {
    const first = await MetricsExporter.start({ port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await assert.rejects(MetricsExporter.start({ port }), (error: unknown) => {
        assert.ok(error instanceof MetricsExporterError);
        assert.equal(error.message, `--metrics-port ${port}: cannot listen on 127.0.0.1 (EADDRINUSE); choose another port, or 0 for any free one`);
        return true;
      });
    } finally {
      await first.close();
    }
  });
});
