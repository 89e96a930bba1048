import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RecordSchema } from '../../datasets/schema.js';
import type { DecodeOutcome, DecodeRequest, InitRequest, WorkerMessage } from './protocol.js';

export interface SandboxOptions {
  /** How long one decode may take before the decoder process is killed. */
  readonly timeoutMs: number;
  /** V8 heap limit of the decoder process (`--max-old-space-size`). */
  readonly maxHeapMb: number;
  /**
   * How far the decoder's resident memory may rise during one decode. Buffers and
   * ArrayBuffers live outside the V8 heap, so the heap limit alone misses a forged
   * length fed to Buffer.alloc; this catches it.
   */
  readonly maxRssGrowthMb: number;
  /** How long the decoder process may take to start (tsx compiles the codecs on first load). */
  readonly startTimeoutMs: number;
  /** Codec modules (`--plugin`) the decoder process registers beside the built-in codecs. */
  readonly plugins: readonly string[];
}

export const SANDBOX_DEFAULTS: SandboxOptions = {
  timeoutMs: 5_000,
  maxHeapMb: 512,
  maxRssGrowthMb: 1_024,
  startTimeoutMs: 60_000,
  plugins: [],
};

const DECODER = fileURLToPath(new URL('./decoder-process.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const RSS_POLL_MS = 10;
const MB = 1024 * 1024;
const PAGE_BYTES = 4096;

/** Resident memory of another process, from /proc (Linux); undefined where that is not readable. */
function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(pages) ? pages * PAGE_BYTES : undefined;
  } catch {
    return undefined;
  }
}

interface Pending {
  readonly id: number;
  settle(outcome: DecodeOutcome): void;
}

interface Decoder {
  readonly child: ChildProcess;
  stderrTail: string;
}

/**
 * Decodes untrusted bytes with a registered codec in a child process, so that a
 * decoder that loops, allocates without bound, crashes or pollutes prototypes
 * costs one child, never the caller: every call settles with a DecodeOutcome
 * within `timeoutMs`. A child process rather than a worker thread because a
 * worker's heap limit does not always hold: V8 can abort the whole process when a
 * worker's allocation fails (nodejs/node#47224), which the fuzz campaign hit.
 * The child is reused across calls and replaced after any outcome that leaves it
 * dead or tainted.
 */
export class DecodeSandbox {
  readonly options: SandboxOptions;
  #decoder: Decoder | undefined;
  #ready: Promise<Decoder> | undefined;
  #pending: Pending | undefined;
  #nextId = 1;
  #restarts = 0;
  /** Why the decoder died while idle (a library's timer threw after a decode returned): reported by the next call. */
  #idleDeath: string | undefined;

  constructor(options: Partial<SandboxOptions> = {}) {
    this.options = { ...SANDBOX_DEFAULTS, ...options };
  }

  /** Decoder processes started after the first (each follows a timeout, crash, memory or pollution outcome). */
  get restarts(): number {
    return this.#restarts;
  }

  /** `dataset` names the schema; a RecordSchema (a self-describing file's own, or a user's input) is used as it is. */
  async decode(codec: string, dataset: string | RecordSchema, bytes: Uint8Array): Promise<DecodeOutcome> {
    if (this.#pending) throw new Error('DecodeSandbox runs one decode at a time');
    const idleDeath = this.#idleDeath;
    if (idleDeath !== undefined) {
      this.#idleDeath = undefined;
      return { status: 'crashed', detail: `the decoder process died between decodes: ${idleDeath}` };
    }
    const decoder = await this.#start();
    const id = this.#nextId++;
    const request: DecodeRequest = typeof dataset === 'string' ? { type: 'decode', id, codec, dataset, bytes } : { type: 'decode', id, codec, dataset: dataset.name, schema: dataset, bytes };
    const capBytes = this.options.maxRssGrowthMb * MB;
    const rssBefore = residentBytes(decoder.child.pid);
    const started = performance.now();

    return new Promise<DecodeOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let poll: NodeJS.Timeout | undefined;
      const settle = (outcome: DecodeOutcome): void => {
        if (this.#pending?.id !== id) return;
        this.#pending = undefined;
        clearTimeout(timer);
        clearInterval(poll);
        if (outcome.status !== 'decoded' && outcome.status !== 'threw') this.#discard();
        resolve(outcome);
      };
      this.#pending = {
        id,
        settle: (outcome) => settle(outcome),
      };
      timer = setTimeout(() => settle({ status: 'timeout', ms: Math.round(performance.now() - started) }), this.options.timeoutMs);
      if (rssBefore !== undefined) {
        // The child cannot watch itself while a synchronous decode blocks its event loop.
        poll = setInterval(() => {
          const grown = (residentBytes(decoder.child.pid) ?? 0) - rssBefore;
          if (grown > capBytes) settle({ status: 'out-of-memory', detail: `resident memory grew by ${Math.round(grown / MB)} MB during the decode (cap ${this.options.maxRssGrowthMb} MB)` });
        }, RSS_POLL_MS);
      }
      decoder.child.send(request, (error) => {
        if (error) settle({ status: 'crashed', detail: `could not send the input to the decoder process: ${error.message}` });
      });
    });
  }

  /** Stops the decoder process; the sandbox starts a new one if used again. */
  async close(): Promise<void> {
    const decoder = this.#decoder;
    this.#decoder = undefined;
    this.#ready = undefined;
    if (decoder && decoder.child.exitCode === null && decoder.child.signalCode === null) {
      const exited = new Promise((resolve) => decoder.child.once('exit', resolve));
      decoder.child.kill('SIGKILL');
      await exited;
    }
  }

  #discard(): void {
    const decoder = this.#decoder;
    this.#decoder = undefined;
    this.#ready = undefined;
    this.#restarts++;
    decoder?.child.kill('SIGKILL');
  }

  #onResult(message: Extract<WorkerMessage, { type: 'result' }>): void {
    const pending = this.#pending;
    if (pending?.id !== message.id) return;
    const { outcome, rssGrowthBytes } = message;
    if ((outcome.status === 'decoded' || outcome.status === 'threw') && rssGrowthBytes > this.options.maxRssGrowthMb * MB) {
      // A peak between two polls: allocated and freed again before the supervisor looked.
      pending.settle({ status: 'out-of-memory', detail: `resident memory peaked ${Math.round(rssGrowthBytes / MB)} MB above where it was before the decode (cap ${this.options.maxRssGrowthMb} MB)` });
    } else pending.settle(outcome);
  }

  #onExit(decoder: Decoder, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#decoder !== decoder) return;
    const tail = decoder.stderrTail;
    const lines = tail.trim().split('\n');
    const lastLine = (lines.find((line) => line.startsWith('serbench-decoder: ')) ?? lines.at(-1) ?? '').replace('serbench-decoder: ', '').slice(0, 240);
    const died = `the decoder process died (${signal ?? `exit code ${code}`})${lastLine ? `: ${lastLine}` : ''}`;
    if (!this.#pending) {
      this.#idleDeath = died;
      this.#discard();
    } else if (/heap out of memory|Allocation failed/i.test(tail)) {
      this.#pending.settle({ status: 'out-of-memory', detail: `the decoder reached its ${this.options.maxHeapMb} MB heap limit` });
    } else {
      this.#pending.settle({ status: 'crashed', detail: died });
    }
  }

  #start(): Promise<Decoder> {
    this.#ready ??= new Promise<Decoder>((resolve, reject) => {
      const child = fork(DECODER, [], {
        execArgv: ['--import', TSX, `--max-old-space-size=${this.options.maxHeapMb}`],
        // A decoder that prints must not garble a CLI's one-line answer: stdout is dropped,
        // stderr kept (its tail says why a child died).
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
      const decoder: Decoder = { child, stderrTail: '' };
      this.#decoder = decoder;
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        decoder.stderrTail = (decoder.stderrTail + chunk).slice(-4000);
      });
      const fail = (reason: string): void => {
        clearTimeout(startTimer);
        if (this.#decoder === decoder) this.#discard();
        reject(new Error(`the decoder process could not start: ${reason}`));
      };
      const startTimer = setTimeout(() => fail(`no answer within ${this.options.startTimeoutMs} ms`), this.options.startTimeoutMs);
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          ready = true;
          clearTimeout(startTimer);
          resolve(decoder);
        } else this.#onResult(message);
      });
      child.on('error', (error) => {
        if (this.#pending && this.#decoder === decoder) this.#pending.settle({ status: 'crashed', detail: `the decoder process failed: ${error.message}` });
        else fail(error.message);
      });
      let ready = false;
      child.on('close', (code, signal) => {
        if (ready) this.#onExit(decoder, code, signal);
        else if (this.#decoder === decoder) fail(`${decoder.stderrTail.trim().split('\n').at(-1) ?? ''} (${signal ?? `exit code ${code}`})`);
      });
      const init: InitRequest = { type: 'init', plugins: this.options.plugins };
      child.send(init);
    });
    return this.#ready;
  }
}
