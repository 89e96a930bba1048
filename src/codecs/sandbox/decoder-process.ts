import { Worker } from 'node:worker_threads';
import { createDatasetRegistry } from '../../datasets/registry.js';
import type { RecordSchema } from '../../datasets/schema.js';
import { addCodecPlugins } from '../plugins.js';
import { bindCodec, createCodecRegistry } from '../registry.js';
import { CodecError, describeThrown, type CodecInstance } from '../types.js';
import type { DecodeOutcome, DecodeRequest, InitRequest, ThrownInfo, WorkerMessage } from './protocol.js';
import { findPollution, snapshotPrototypes } from './prototype-watch.js';

// The child side of DecodeSandbox: decodes what it is sent, one request at a time,
// and reports what happened as plain data. It is disposable: the supervisor kills it
// on a deadline or a memory cap and replaces it after a pollution or a crash.

const send = (message: WorkerMessage): void => {
  process.send?.(message);
};
if (!process.send) throw new Error('the decoder process must be started by DecodeSandbox (it talks over IPC)');

const datasets = createDatasetRegistry();
const codecs = createCodecRegistry();
const instances = new Map<string, CodecInstance>();
const pristine = snapshotPrototypes();

function instanceFor(codec: string, dataset: string, schema: RecordSchema | undefined): CodecInstance {
  const key = `${codec}\u0000${dataset}\u0000${schema ? JSON.stringify(schema) : ''}`;
  let instance = instances.get(key);
  if (!instance) {
    instance = bindCodec(codecs.get(codec), schema ?? datasets.get(dataset).schema);
    instances.set(key, instance);
  }
  return instance;
}

function describe(thrown: unknown): ThrownInfo {
  const name = thrown instanceof Error ? thrown.name : typeof thrown;
  const message = thrown instanceof Error ? thrown.message : describeThrown(thrown);
  if (!(thrown instanceof CodecError)) return { isCodecError: false, name, message };
  const cause = thrown.cause === undefined ? {} : { cause: describeThrown(thrown.cause) };
  return { isCodecError: true, name, message, codec: thrown.codec, op: thrown.op, ...cause };
}

function checkRecords(result: unknown): string | undefined {
  if (!Array.isArray(result)) return `decode returned ${result === null ? 'null' : typeof result}, not an array of records`;
  for (const [index, record] of result.entries()) {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return `decode returned an array whose element ${index} is ${record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record}, not a record`;
    }
  }
  return undefined;
}

async function decode(request: DecodeRequest): Promise<DecodeOutcome> {
  const started = performance.now();
  try {
    const result: unknown = await instanceFor(request.codec, request.dataset, request.schema).decode(request.bytes);
    const ms = performance.now() - started;
    const pollution = findPollution(pristine);
    if (pollution) return { status: 'polluted', detail: pollution };
    const bad = checkRecords(result);
    return bad ? { status: 'bad-result', detail: bad } : { status: 'decoded', records: (result as unknown[]).length, ms };
  } catch (thrown) {
    const ms = performance.now() - started;
    const pollution = findPollution(pristine);
    if (pollution) return { status: 'polluted', detail: pollution };
    return { status: 'threw', thrown: describe(thrown), ms };
  }
}

/** Resident memory's rise during the decode: the kernel's peak when the decode set a new one. */
function rssGrowth(rssBefore: number, peakBefore: number): number {
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  return peakAfter > peakBefore ? peakAfter - rssBefore : Math.max(0, process.memoryUsage.rss() - rssBefore);
}

// A library can fail after its promise settled (a stray rejection or a throw in a timer).
// That kills the process; saying which input it belonged to lets the supervisor blame the right one.
let current: { id: number; settled: boolean } | undefined;
const strayFailure = (kind: string) => (thrown: unknown): void => {
  const when = current === undefined ? 'before any decode' : current.settled ? `after decode #${current.id} had settled` : `during decode #${current.id}`;
  process.stderr.write(`serbench-decoder: ${kind} ${when}: ${describeThrown(thrown)}\n`);
  process.exit(70);
};
process.on('uncaughtException', strayFailure('uncaught exception'));
// The supervisor is gone (killed, crashed): nothing will read an answer, so do not outlive it.
process.on('disconnect', () => process.exit(0));
// A decode stuck in a synchronous loop never sees 'disconnect'; this thread does, by
// watching for the parent to change (reparenting), and kills the whole process.
new Worker(
  `const { workerData } = require('node:worker_threads');
   setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, 'SIGKILL'); }, 500);`,
  { eval: true, workerData: process.ppid },
).unref();
process.on('unhandledRejection', strayFailure('unhandled rejection'));

process.on('message', (message: InitRequest | DecodeRequest) => {
  if (message.type === 'init') {
    addCodecPlugins(codecs, message.plugins).then(
      () => send({ type: 'ready' }),
      (error: unknown) => {
        process.stderr.write(`${describeThrown(error)}\n`);
        process.exit(3);
      },
    );
    return;
  }
  const rssBefore = process.memoryUsage.rss();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const running = { id: message.id, settled: false };
  current = running;
  void decode(message).then((outcome) => {
    running.settled = true;
    // One turn of the event loop before answering: a promise the library left
    // behind that rejects right after (hyparquet's column reads) then kills this
    // process while this input is still the one being decoded, and is blamed on it.
    setImmediate(() => send({ type: 'result', id: message.id, outcome, rssGrowthBytes: rssGrowth(rssBefore, peakBefore) }));
  });
});
