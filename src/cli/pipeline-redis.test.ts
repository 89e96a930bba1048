import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promtoolCheck, promtoolMissing } from '../pipeline/metrics/testing.js';
import { redisTestOptions, waitForExit } from '../pipeline/servers/testing.js';
import type { ResultFile } from '../results/types.js';
import { UsageError } from './errors.js';
import { parsePipelineFlags } from './pipeline.js';
import { redactUrl } from './pipeline-services.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs bench:pipeline; `onStderr` sees the output so far and may act on the child (scrape, interrupt). */
function runPipeline(args: readonly string[], options: { env?: NodeJS.ProcessEnv; onStderr?: (stderr: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/pipeline.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1', ...options.env } });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(stderr, child);
  });
  child.stdout.resume();
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

function serverPid(stderr: string): number {
  const pid = Number(/redis: started redis-server \S* \(pid (\d+)\)/.exec(stderr)?.[1]);
  assert.ok(pid > 0, `the run names its redis-server: ${stderr}`);
  return pid;
}

describe('bench:pipeline sink and service flags', () => {
  it('checks each flag against the sink it belongs to', () => {
    const bad: [string[], RegExp][] = [
      [['--sink', 'file', '--fsync', 'always'], /^unknown fsync policy 'always'; valid: none, batch$/],
      [['--sink', 'null', '--fsync', 'batch'], /--fsync takes one policy \(none \| batch\) and applies to --sink file/],
      [['--sink', 'file', '--redis-url', 'redis://127.0.0.1:6379'], /^--redis-url applies to --sink redis and --variant group$/],
      [['--sink', 'redis', '--redis-url', 'localhost:6379'], /^--redis-url must be redis:\/\/host:port \(or rediss:\/\/\), got 'localhost:6379'$/],
      [['--sink', 'redis', '--redis-url', 'redis://h:1', '--redis-restart-at', '5'], /--redis-restart-at needs --sink redis or --variant group, and the suite's own redis-server/],
      [['--sink', 'null', '--redis-restart-at', '5'], /--redis-restart-at needs --sink redis/],
      [['--metrics-port', '70000'], /^--metrics-port must be a whole number from 0 to 65535, got '70000'$/],
      [['--scenario', 'etl', '--sink', 'kafka'], /^unknown sink 'kafka'; valid: null, memory, file, slow, redis$/],
    ];
    for (const [args, message] of bad) {
      assert.throws(
        () => parsePipelineFlags(args),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
        args.join(' '),
      );
    }
    const command = parsePipelineFlags(['--scenario', 'etl', '--sink', 'redis', '--redis-restart-at', '7', '--metrics-port', '0']);
    assert.equal(command.redisRestartAt, 7);
    assert.equal(command.metricsPort, 0);
    assert.equal(parsePipelineFlags(['--sink', 'file', '--fsync', 'batch']).options.fsync, 'batch');
    assert.equal(parsePipelineFlags(['--sink', 'redis', '--redis-url', 'redis://h:6380']).options.redisUrl, 'redis://h:6380');
  });

  it('never writes a password into the result file', () => {
    assert.equal(redactUrl('redis://user:secret@db:6379/0'), 'redis://user:***@db:6379/0');
    assert.equal(redactUrl('redis://db:6379'), 'redis://db:6379');
  });

  it('without redis-server on PATH, --sink redis says how to get one in one line (exit 1)', async () => {
    const emptyPath = mkdtempSync(join(os.tmpdir(), 'serbench-empty-path-'));
    try {
      const args = ['--scenario', 'etl', '--dataset', 'log', '--codec', 'json', '--variant', 'sync', '--batch', '10', '--sink', 'redis', '--records', '10'];
      const run = await runPipeline([...args, '--out', join(emptyPath, 'unused.json')], { env: { PATH: emptyPath } });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stderr, 'bench:pipeline: redis: redis-server not found on PATH: install it (Debian: apt-get install redis-server) or give --redis-url\n');
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  });
});

describe('bench:pipeline --sink redis (a real redis-server)', redisTestOptions(), () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'serbench-pipeline-redis-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('etl with the restart drill: the result counts retries and restarts, and the server is stopped at the end', async () => {
    const out = join(dir, 'etl.json');
    const args = ['--scenario', 'etl', '--dataset', 'orders', '--codec', 'protobuf', '--variant', 'sync', '--batch', '100', '--records', '5000'];
    args.push('--repetitions', '1', '--sink', 'redis', '--redis-restart-at', '20', '--out', out, '--reports-dir', dir);
    const run = await runPipeline(args);
    assert.equal(run.code, 0, run.stderr);
    const pid = serverPid(run.stderr);
    assert.match(run.stderr, /append-only file with fsync always/);
    assert.match(run.stderr, new RegExp(`redis: stopped redis-server \\(pid \\d+\\)`));
    assert.equal(await waitForExit(pid), true, `redis-server ${pid} outlived the run`);

    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    const [etl] = result.cases;
    assert.equal(etl?.status, 'ok');
    const figures = etl?.pipeline?.sinkMetrics as Record<string, number>;
    assert.equal(figures.streamEntries, 50);
    assert.ok((figures.retries ?? 0) > 0, JSON.stringify(figures));
    assert.ok(((etl?.extra?.redisRestarts as number) ?? 0) >= 1, JSON.stringify(etl?.extra));
    assert.ok((etl?.pipeline?.sinkWriteLatencyMs as { count: number }).count === 50);
    assert.deepEqual(result.meta.options.redisServer, { version: (result.meta.options.redisServer as { version: string }).version, durable: true, startedBySuite: true });
  });

  it('on SIGINT mid-run (metrics scraped first) exits 130 and leaves no redis-server behind', async () => {
    const out = join(dir, 'interrupted.json');
    // Far more records than the test waits for: the SIGINT lands mid-run.
    const args = ['--scenario', 'etl', '--dataset', 'log', '--codec', 'json', '--variant', 'async', '--batch', '10', '--records', '2000000'];
    args.push('--repetitions', '1', '--sink', 'redis', '--metrics-port', '0', '--out', out, '--reports-dir', dir);
    let scrape: Promise<string> | undefined;
    const run = await runPipeline(args, {
      onStderr(stderr, child) {
        const url = /metrics: (http:\S+)/.exec(stderr)?.[1];
        if (!scrape && url && /\[1\/1\]/.test(stderr)) {
          scrape = new Promise((resolve) => setTimeout(resolve, 300)).then(async () => {
            const text = await (await fetch(url)).text();
            child.kill('SIGINT');
            return text;
          });
        }
      },
    });
    assert.equal(run.code, 130, run.stderr);
    const pid = serverPid(run.stderr);
    assert.equal(await waitForExit(pid), true, `redis-server ${pid} outlived the interrupted run`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    assert.equal(result.complete, false);
    assert.equal(result.cases[0]?.status, 'skipped');

    const text = await (scrape as Promise<string>);
    assert.match(text, /^serbench_pipeline_records_total\{scenario="etl",dataset="log",codec="json",variant="async",batch="10",workers="0"\} [1-9]\d*$/m);
    assert.match(text, /^serbench_pipeline_current_case_info\{id="pipeline\/etl\/log\/json\/async\/b10\/w0\/2000000"/m);
    if (promtoolMissing() === undefined) {
      const check = promtoolCheck(text);
      assert.equal(check.status, 0, check.output);
    }
  });
});
