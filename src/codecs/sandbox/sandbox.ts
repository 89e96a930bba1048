import { Worker } from 'node:worker_threads';
import type { CodecSource, DecodeOutcome, DecodeRequest, SandboxWorkerData, WorkerMessage } from './protocol.js';

export interface SandboxOptions {
  /** How long one decode may take before the worker is terminated. */
  readonly timeoutMs: number;
  /** V8 old-generation limit of the worker (`resourceLimits.maxOldGenerationSizeMb`). */
  readonly maxHeapMb: number;
  /**
   * How far the process's resident memory may grow during one decode. Buffers and
   * ArrayBuffers live outside the V8 heap, so the heap limit alone misses a forged
   * length fed to Buffer.alloc; this catches it.
   */
  readonly maxRssGrowthMb: number;
  /** How long the worker may take to start (tsx compiles the codecs on first load). */
  readonly startTimeoutMs: number;
  /** Where the worker gets its codecs; the default is the project's registry. */
  readonly codecSource: CodecSource;
}

export const SANDBOX_DEFAULTS: SandboxOptions = {
  timeoutMs: 5_000,
  maxHeapMb: 512,
  maxRssGrowthMb: 1_024,
  startTimeoutMs: 60_000,
  codecSource: { module: new URL('../registry.ts', import.meta.url).href, exportName: 'createCodecRegistry' },
};

const RSS_POLL_MS = 10;
const MB = 1024 * 1024;

interface Pending {
  readonly id: number;
  settle(outcome: DecodeOutcome): void;
}

/**
 * Decodes untrusted bytes with a registered codec in a worker thread, so that a
 * decoder that loops, allocates without bound, crashes or pollutes prototypes
 * costs one worker, never the caller: every call settles with a DecodeOutcome
 * within `timeoutMs`. The worker is reused across calls and replaced after any
 * outcome that leaves it dead or tainted.
 */
export class DecodeSandbox {
  readonly options: SandboxOptions;
  #worker: Worker | undefined;
  #ready: Promise<Worker> | undefined;
  #pending: Pending | undefined;
  #nextId = 1;
  #restarts = 0;

  constructor(options: Partial<SandboxOptions> = {}) {
    this.options = { ...SANDBOX_DEFAULTS, ...options };
  }

  /** Workers started after the first one (each follows a timeout, crash, memory or pollution outcome). */
  get restarts(): number {
    return this.#restarts;
  }

  /**
   * Decodes one input. With `transfer`, the bytes' ArrayBuffer moves to the worker
   * (no copy; the caller's view is detached afterwards).
   */
  async decode(codec: string, dataset: string, bytes: Uint8Array, { transfer = false } = {}): Promise<DecodeOutcome> {
    if (this.#pending) throw new Error('DecodeSandbox runs one decode at a time');
    const worker = await this.#start();
    const id = this.#nextId++;
    const request: DecodeRequest = { type: 'decode', id, codec, dataset, bytes };
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const capBytes = this.options.maxRssGrowthMb * MB;
    const rssBefore = process.memoryUsage.rss();
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const started = performance.now();

    return new Promise<DecodeOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let poll: NodeJS.Timeout | undefined;
      const settle = (outcome: DecodeOutcome): void => {
        if (this.#pending?.id !== id) return;
        this.#pending = undefined;
        clearTimeout(timer);
        clearInterval(poll);
        // The kernel's high-water mark catches an allocation made and freed between two polls,
        // but only when it set a new peak during this decode.
        const peakAfter = process.resourceUsage().maxRSS * 1024;
        if (outcome.status !== 'out-of-memory' && outcome.status !== 'timeout' && peakAfter > peakBefore && peakAfter - rssBefore > capBytes) {
          outcome = { status: 'out-of-memory', detail: `resident memory peaked ${Math.round((peakAfter - rssBefore) / MB)} MB above where it was before the decode (cap ${this.options.maxRssGrowthMb} MB)` };
        }
        if (outcome.status !== 'decoded' && outcome.status !== 'threw') this.#discard();
        resolve(outcome);
      };
      this.#pending = { id, settle };
      timer = setTimeout(() => settle({ status: 'timeout', ms: Math.round(performance.now() - started) }), this.options.timeoutMs);
      poll = setInterval(() => {
        const grown = process.memoryUsage.rss() - rssBefore;
        if (grown > capBytes) settle({ status: 'out-of-memory', detail: `resident memory grew by ${Math.round(grown / MB)} MB during the decode (cap ${this.options.maxRssGrowthMb} MB)` });
      }, RSS_POLL_MS);
      poll.unref();
      try {
        worker.postMessage(request, transfer && whole ? [bytes.buffer as ArrayBuffer] : []);
      } catch (error) {
        settle({ status: 'crashed', detail: `could not send the input to the worker: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  }

  /** Stops the worker; the sandbox starts a new one if used again. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    if (worker) await worker.terminate();
  }

  #discard(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    this.#restarts++;
    if (worker) void worker.terminate();
  }

  #start(): Promise<Worker> {
    this.#ready ??= new Promise<Worker>((resolve, reject) => {
      const workerData: SandboxWorkerData = { codecSource: this.options.codecSource };
      const worker = new Worker(new URL('./bootstrap.mjs', import.meta.url), {
        workerData,
        resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
        // The worker's own stdout/stderr are the caller's: a decoder that logs should not
        // garble a CLI's one-line answer, and none of what it prints is ours to show.
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      this.#worker = worker;
      const startTimer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`the decode worker did not start within ${this.options.startTimeoutMs} ms`));
      }, this.options.startTimeoutMs);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          clearTimeout(startTimer);
          resolve(worker);
        } else if (message.type === 'result' && this.#pending?.id === message.id) {
          this.#pending.settle(message.outcome);
        }
      });
      worker.on('error', (error: Error & { code?: string }) => {
        clearTimeout(startTimer);
        if (this.#worker !== worker) return;
        if (!this.#pending) {
          reject(new Error(`the decode worker failed to start: ${error.message}`));
          this.#discard();
          return;
        }
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.#pending.settle(
          outOfMemory
            ? { status: 'out-of-memory', detail: `the worker reached its ${this.options.maxHeapMb} MB heap limit` }
            : { status: 'crashed', detail: `the worker died: ${error.name}: ${error.message.split('\n')[0] ?? ''}` },
        );
      });
      worker.on('exit', (code) => {
        clearTimeout(startTimer);
        if (this.#worker !== worker) return;
        if (this.#pending) this.#pending.settle({ status: 'crashed', detail: `the worker exited with code ${code}` });
        else {
          reject(new Error(`the decode worker exited with code ${code} before it was ready`));
          this.#discard();
        }
      });
    });
    return this.#ready;
  }
}
