import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, exponentialBuckets, Gauge, Histogram, Registry } from 'prom-client';
import type { CaseResult } from '../../results/types.js';
import { caseId, type CaseSpec } from '../case.js';
import type { PipelineMeter } from '../meter.js';

// Live metrics of a pipeline run in the Prometheus text format, through prom-client:
// the run's own counters and batch-latency histogram (read from each run's
// PipelineMeter), and prom-client's process collectors for GC pauses
// (nodejs_gc_duration_seconds), event-loop delay (nodejs_eventloop_lag_*) and RSS
// (process_resident_memory_bytes). Served on loopback only, closed when the run ends.

const CASE_LABELS = ['scenario', 'dataset', 'codec', 'variant', 'batch', 'workers'] as const;
type CaseLabel = (typeof CASE_LABELS)[number];
type CaseLabels = Record<CaseLabel, string>;

/** GC pauses are mostly well under a millisecond: finer buckets than prom-client's default (1 ms up). */
const GC_BUCKETS = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];
/** Batch latency from 50 µs to about 26 s, doubling. */
const LATENCY_BUCKETS = exponentialBuckets(0.00005, 2, 20);

export interface MetricsExporterOptions {
  /** 0: any free port (the exporter's `url` says which). */
  readonly port: number;
  /** Loopback by default: the figures are for the person running the suite. */
  readonly host?: string;
}

/** The exporter could not listen (the port is taken, say); the message names the port. */
export class MetricsExporterError extends Error {
  override readonly name = 'MetricsExporterError';
}

/** A run's meter and how much of it the counters have taken in. */
interface Tracked {
  readonly meter: PipelineMeter;
  readonly labels: CaseLabels;
  readonly target: number;
  records: number;
  batches: number;
  encodedBytes: number;
}

function labelsOf(spec: CaseSpec): CaseLabels {
  return { scenario: spec.scenario, dataset: spec.dataset, codec: spec.codec, variant: spec.variant, batch: String(spec.batchSize), workers: String(spec.workers) };
}

export class MetricsExporter {
  readonly registry = new Registry();
  readonly #server: Server;
  readonly #host: string;
  readonly #port: number;
  readonly #records: Counter<CaseLabel>;
  readonly #batches: Counter<CaseLabel>;
  readonly #bytes: Counter<CaseLabel>;
  readonly #runs: Counter<CaseLabel>;
  readonly #latency: Histogram<CaseLabel>;
  readonly #runRecords: Gauge;
  readonly #runTarget: Gauge;
  readonly #casesPlanned: Gauge;
  readonly #casesFinished: Counter<'status'>;
  readonly #currentCase: Gauge<'id' | CaseLabel>;
  #tracked: Tracked | undefined;

  private constructor(server: Server, host: string, port: number) {
    this.#server = server;
    this.#host = host;
    this.#port = port;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, gcDurationBuckets: GC_BUCKETS });
    // prom-client also exports gauges named *_total (the sums of active handles, requests and
    // resources), which `promtool check metrics` rejects (only counters end in _total);
    // the same figures remain under their names without the suffix.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(name);
    // Counters are read from the live meter at scrape time: nothing is added to the hot path.
    const flush = (): void => this.#flush();
    const labelNames = [...CASE_LABELS];
    this.#records = new Counter({ name: 'serbench_pipeline_records_total', help: 'Records that reached the sink stage.', labelNames, registers, collect: flush });
    this.#batches = new Counter({ name: 'serbench_pipeline_batches_total', help: 'Batches that reached the sink stage.', labelNames, registers, collect: flush });
    this.#bytes = new Counter({ name: 'serbench_pipeline_encoded_bytes_total', help: 'Bytes in the codec (encoded output, or encoded input for decode) that reached the sink stage.', labelNames, registers, collect: flush });
    this.#runs = new Counter({ name: 'serbench_pipeline_runs_total', help: 'Runs started (warm-up and timed repetitions).', labelNames, registers });
    this.#latency = new Histogram({
      name: 'serbench_pipeline_batch_latency_seconds',
      help: 'Per-batch latency from the source making the batch to the sink having written it (batches whose latency arrives at the end of a shard run are not included).',
      labelNames,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#runRecords = new Gauge({ name: 'serbench_pipeline_run_records', help: 'Records the current run has moved so far.', registers, collect: flush });
    this.#runTarget = new Gauge({ name: 'serbench_pipeline_run_target_records', help: 'Records the current run moves in all.', registers });
    this.#casesPlanned = new Gauge({ name: 'serbench_pipeline_cases_planned', help: 'Cases this run of the suite measures.', registers });
    this.#casesFinished = new Counter({ name: 'serbench_pipeline_cases_finished_total', help: 'Cases finished, by status.', labelNames: ['status'], registers });
    this.#currentCase = new Gauge({ name: 'serbench_pipeline_current_case_info', help: 'The case being measured (1) by id and dimensions.', labelNames: ['id', ...CASE_LABELS], registers });
  }

  /** Listens on `host:port` and serves GET /metrics. */
  static async start(options: MetricsExporterOptions): Promise<MetricsExporter> {
    const host = options.host ?? '127.0.0.1';
    let exporter: MetricsExporter | undefined;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || (request.url ?? '/').split('?')[0] !== '/metrics' || !exporter) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('serbench serves /metrics\n');
        return;
      }
      const registry = exporter.registry;
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error instanceof Error ? error.message : String(error)}\n`),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new MetricsExporterError(`--metrics-port ${options.port}: cannot listen on ${host} (${error.code ?? error.message}); choose another port, or 0 for any free one`)),
      );
      server.listen(options.port, host, resolve);
    });
    // A scrape in progress must not keep a finished run alive.
    server.unref();
    const address = server.address();
    const port = address !== null && typeof address === 'object' ? address.port : options.port;
    exporter = new MetricsExporter(server, host, port);
    return exporter;
  }

  get url(): string {
    return `http://${this.#host}:${this.#port}/metrics`;
  }

  planned(cases: number): void {
    this.#casesPlanned.set(cases);
  }

  caseStarted(spec: CaseSpec): void {
    this.#currentCase.reset();
    this.#currentCase.set({ id: caseId(spec), ...labelsOf(spec) }, 1);
  }

  caseEnded(result: CaseResult): void {
    this.#flush();
    this.#casesFinished.inc({ status: result.status });
  }

  /** Follows a run's meter: its counters at each scrape, its batches' latencies as they land. */
  track(meter: PipelineMeter, spec: CaseSpec): void {
    this.#flush();
    const labels = labelsOf(spec);
    this.#tracked = { meter, labels, target: spec.records, records: 0, batches: 0, encodedBytes: 0 };
    this.#runs.inc(labels);
    this.#runTarget.set(spec.records);
    const latency = this.#latency.labels(labels);
    const previous = meter.onBatch;
    meter.onBatch = (at, latencyMs) => {
      previous?.(at, latencyMs);
      latency.observe(latencyMs / 1000);
    };
  }

  /** The exposition text, as a scrape would get it. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  async close(): Promise<void> {
    this.#flush();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.registry.clear();
  }

  /** Moves what the tracked meter counted since the last look into the counters. */
  #flush(): void {
    const tracked = this.#tracked;
    if (!tracked) return;
    const { meter, labels } = tracked;
    // A meter only grows; the differences are what the counters have not seen yet.
    this.#records.inc(labels, meter.records - tracked.records);
    this.#batches.inc(labels, meter.batches - tracked.batches);
    this.#bytes.inc(labels, meter.encodedBytes - tracked.encodedBytes);
    tracked.records = meter.records;
    tracked.batches = meter.batches;
    tracked.encodedBytes = meter.encodedBytes;
    this.#runRecords.set(meter.records);
  }
}
