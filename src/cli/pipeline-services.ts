import { caseId, type CaseSpec } from '../pipeline/case.js';
import type { PipelineMeter } from '../pipeline/meter.js';
import { MetricsExporter, MetricsExporterError } from '../pipeline/metrics/prometheus.js';
import type { PipelineSuiteOptions } from '../pipeline/options.js';
import { RedisServer, RedisServerError, redisServerVersion } from '../pipeline/servers/redis-server.js';
import { RedisRestartDrill } from '../pipeline/servers/restart-drill.js';
import type { CaseResult } from '../results/types.js';
import { CommandFailure, UsageError } from './errors.js';
import { Redis } from 'ioredis';
import { describeThrown } from '../codecs/types.js';
import { claimSession, SessionInUseError } from '../pipeline/group/session.js';
import { clientOptions } from '../pipeline/sinks/redis.js';

const REACH_TIMEOUT_MS = 3_000;

// What a pipeline run needs besides the suite: a redis-server for `--sink redis` (unless
// --redis-url names one), the restart drill, the metrics endpoint. Started before the
// first case, stopped after the last one, also when the run fails or is interrupted.

export interface ServiceRequest {
  readonly options: PipelineSuiteOptions;
  readonly metricsPort?: number;
  readonly redisRestartAt?: number;
  /** Some case runs the group variant: it needs a Redis server as its broker. */
  readonly needsBroker?: boolean;
}

export interface PipelineServices {
  /** The run's options, with the URL of the redis-server started for it. */
  readonly options: PipelineSuiteOptions;
  /** What the result file's meta should say about the services (never a password). */
  readonly meta: Readonly<Record<string, unknown>>;
  onMeter(meter: PipelineMeter, spec: CaseSpec): void;
  onCaseStart(spec: CaseSpec, total: number): void;
  onCaseEnd(result: CaseResult): void;
  /** The case with what the services know about it (restarts of the drill). */
  annotate(result: CaseResult): CaseResult;
  /** Stops everything started; safe after a failure. */
  close(): Promise<void>;
}

/** A URL fit for a result file: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** A --redis-url that does not answer is one line and exit 1 within a few seconds, not a failed case per case. */
async function checkReachable(url: string): Promise<void> {
  const client = new Redis(url, { ...clientOptions(), connectTimeout: REACH_TIMEOUT_MS, retryStrategy: () => null });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError = error));
  try {
    await client.connect();
    await client.ping();
  } catch (thrown) {
    throw new CommandFailure(`redis: cannot reach ${redactUrl(url)}: ${describeThrown(lastError ?? thrown)}`);
  } finally {
    client.disconnect();
  }
}

export async function startPipelineServices(request: ServiceRequest, log: (line: string) => void): Promise<PipelineServices> {
  const { options } = request;
  let server: RedisServer | undefined;
  let exporter: MetricsExporter | undefined;
  let drill: RedisRestartDrill | undefined;
  let releaseGroup: (() => Promise<void>) | undefined;
  const close = async (): Promise<void> => {
    drill?.dispose();
    await releaseGroup?.();
    await exporter?.close();
    if (server) {
      const pid = server.pid;
      await server.stop();
      log(`redis: stopped redis-server (pid ${pid})`);
    }
  };
  try {
    if (request.needsBroker && options.redisUrl) await checkReachable(options.redisUrl);
    // Claimed for the whole run, so a name another run holds is refused before any case starts.
    if (request.needsBroker && options.redisUrl && options.groupName) releaseGroup = await claimSession(options.redisUrl, options.groupName);
    if ((options.sink === 'redis' || request.needsBroker) && !options.redisUrl) {
      const durable = request.redisRestartAt !== undefined;
      server = await RedisServer.start({ durable });
      log(`redis: started redis-server ${redisServerVersion(server.executable) ?? ''} (pid ${server.pid}) on ${server.url}${durable ? ', append-only file with fsync always' : ', nothing persisted'}`);
    }
    if (request.redisRestartAt !== undefined && server) drill = new RedisRestartDrill(server, request.redisRestartAt);
    if (request.metricsPort !== undefined) {
      exporter = await MetricsExporter.start({ port: request.metricsPort });
      log(`metrics: ${exporter.url}`);
    }
  } catch (thrown) {
    await close();
    if (thrown instanceof MetricsExporterError || thrown instanceof SessionInUseError) throw new UsageError(thrown.message);
    if (thrown instanceof RedisServerError) throw new CommandFailure(`redis: ${thrown.message}`);
    throw thrown;
  }
  const redisUrl = server?.url ?? options.redisUrl;
  const startedServer = server;
  return {
    options: { ...options, redisUrl },
    meta: {
      ...(options.redisUrl ? { redisUrl: redactUrl(options.redisUrl) } : {}),
      ...(startedServer ? { redisServer: { version: redisServerVersion(startedServer.executable) ?? null, durable: startedServer.durable, startedBySuite: true } } : {}),
      ...(request.redisRestartAt !== undefined ? { redisRestartAt: request.redisRestartAt } : {}),
      ...(exporter ? { metricsUrl: exporter.url } : {}),
    },
    onMeter(meter, spec) {
      drill?.attach(meter, caseId(spec));
      exporter?.track(meter, spec);
    },
    onCaseStart(spec, total) {
      exporter?.planned(total);
      exporter?.caseStarted(spec);
    },
    onCaseEnd(result) {
      exporter?.caseEnded(result);
      for (const message of drill?.takeErrors() ?? []) log(`redis: the restart drill failed: ${message}`);
    },
    annotate(result) {
      if (!drill) return result;
      return { ...result, extra: { ...result.extra, redisRestarts: drill.restartsOf(result.id) } };
    },
    close,
  };
}
