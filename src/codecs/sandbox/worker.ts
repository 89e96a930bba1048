import { parentPort, workerData } from 'node:worker_threads';
import { createDatasetRegistry } from '../../datasets/registry.js';
import type { Registry } from '../../registry.js';
import { bindCodec } from '../registry.js';
import { CodecError, describeThrown, type Codec, type CodecInstance } from '../types.js';
import type { DecodeOutcome, DecodeRequest, SandboxWorkerData, ThrownInfo, WorkerMessage } from './protocol.js';
import { findPollution, snapshotPrototypes } from './prototype-watch.js';

// The worker side of DecodeSandbox: decodes what it is sent, one request at a time,
// and reports what happened as plain data. It is disposable: the supervisor
// terminates it on a deadline or after a pollution, and starts another.

const port = parentPort;
if (!port) throw new Error('the decode sandbox worker must run in a worker thread');
const { codecSource } = workerData as SandboxWorkerData;
const loaded = (await import(codecSource.module)) as Record<string, unknown>;
const factory = loaded[codecSource.exportName];
if (typeof factory !== 'function') throw new Error(`${codecSource.module} does not export a function ${codecSource.exportName}`);
const codecs = (factory as () => Registry<Codec>)();
const datasets = createDatasetRegistry();
const instances = new Map<string, CodecInstance>();
const pristine = snapshotPrototypes();

function instanceFor(codec: string, dataset: string): CodecInstance {
  const key = `${codec}\u0000${dataset}`;
  let instance = instances.get(key);
  if (!instance) {
    instance = bindCodec(codecs.get(codec), datasets.get(dataset).schema);
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
    const result: unknown = await instanceFor(request.codec, request.dataset).decode(request.bytes);
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

port.on('message', (request: DecodeRequest) => {
  void decode(request).then((outcome) => {
    const message: WorkerMessage = { type: 'result', id: request.id, outcome };
    port.postMessage(message);
  });
});
const ready: WorkerMessage = { type: 'ready' };
port.postMessage(ready);
