import { Session } from 'node:inspector';
import { join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import { writeFileAtomic } from '../../results/write.js';
import { threadFileName } from '../artefact-names.js';
import { PROFILE_DEFAULTS } from '../options.js';
import type { ChildCaptureConfig } from './env.js';

/**
 * In-process capture through node:inspector, one session per thread. The sampling
 * heap profiler is started with V8's "include collected objects" flags: without
 * them (as with --heap-prof) a profile shows only what is still alive at exit,
 * which for a codec is almost nothing of what it allocated.
 *
 * A session's messages are dispatched synchronously, so the profiles can be
 * stopped and written from a process 'exit' handler. A worker thread ended by
 * terminate() runs no handler, so worker threads also write their heap profile
 * so far every few seconds.
 */
interface ActiveCapture {
  readonly session: Session;
  readonly cpuDir?: string;
  readonly heapDir?: string;
}

let active: ActiveCapture | undefined;
const windowListeners: Array<() => void> = [];

/** Posts a message and returns its answer (the in-process session answers before post returns). */
function post(session: Session, method: string, params?: object): object | undefined {
  const answer: { error?: Error | null; value?: object | undefined } = {};
  session.post(method, params ?? {}, (error, value) => {
    answer.error = error;
    answer.value = value;
  });
  if (answer.error) throw answer.error;
  return answer.value;
}

const HEAP_SAMPLING = {
  samplingInterval: PROFILE_DEFAULTS.heapSamplingIntervalBytes,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
};

/** How often a worker thread writes its heap profile so far (ms). */
const WORKER_FLUSH_MS = 1000;

function heapProfilePath(dir: string): string {
  return join(dir, threadFileName('heap', threadId));
}

function startCpu(session: Session): void {
  post(session, 'Profiler.enable');
  post(session, 'Profiler.setSamplingInterval', { interval: PROFILE_DEFAULTS.cpuSamplingIntervalUs });
  post(session, 'Profiler.start');
}

/** Starts what the config asks for on this thread and writes the profiles when the thread exits. */
export function startCaptures(config: ChildCaptureConfig): void {
  if (active || (!config.cpuDir && !config.heapDir)) return;
  const session = new Session();
  session.connect();
  active = { session, ...(config.cpuDir ? { cpuDir: config.cpuDir } : {}), ...(config.heapDir ? { heapDir: config.heapDir } : {}) };
  if (config.cpuDir) startCpu(session);
  if (config.heapDir) {
    const heapDir = config.heapDir;
    post(session, 'HeapProfiler.startSampling', HEAP_SAMPLING);
    if (!isMainThread) {
      const flush = (): void => {
        const current = active === undefined ? undefined : (post(session, 'HeapProfiler.getSamplingProfile') as { profile?: unknown } | undefined);
        if (current?.profile) writeFileAtomic(heapProfilePath(heapDir), JSON.stringify(current.profile));
      };
      setInterval(flush, WORKER_FLUSH_MS).unref();
    }
  }
  process.once('exit', stopCaptures);
}

/** Stops the captures and writes them (idempotent); also called from the 'exit' handler. */
export function stopCaptures(): void {
  const capture = active;
  if (!capture) return;
  active = undefined;
  if (capture.cpuDir) {
    const stopped = post(capture.session, 'Profiler.stop') as { profile?: unknown } | undefined;
    if (stopped?.profile) writeFileAtomic(join(capture.cpuDir, threadFileName('cpu', threadId)), JSON.stringify(stopped.profile));
  }
  if (capture.heapDir) {
    const stopped = post(capture.session, 'HeapProfiler.stopSampling') as { profile?: unknown } | undefined;
    if (stopped?.profile) writeFileAtomic(heapProfilePath(capture.heapDir), JSON.stringify(stopped.profile));
  }
  capture.session.disconnect();
}

/**
 * Marks the start of what is worth profiling (a codec case's timed loop after its
 * warm-up): profiles restart so that start-up, data generation and the fidelity
 * gate are not in them, and window listeners (the peak watcher) begin.
 */
export function openMeasuredWindow(): void {
  const capture = active;
  if (capture?.cpuDir) {
    post(capture.session, 'Profiler.stop');
    post(capture.session, 'Profiler.start');
  }
  if (capture?.heapDir) {
    post(capture.session, 'HeapProfiler.stopSampling');
    post(capture.session, 'HeapProfiler.startSampling', HEAP_SAMPLING);
  }
  for (const listener of windowListeners.splice(0)) listener();
}

export function onMeasuredWindow(listener: () => void): void {
  windowListeners.push(listener);
}
