import { isMainThread } from 'node:worker_threads';
import type { BatchSource } from './scenarios/types.js';
import type { Sink } from './sinks/types.js';
import type { Batch, FaultSpec, Transform } from './types.js';

/** The error a fault drill raises. */
export class InjectedFault extends Error {
  constructor(fault: FaultSpec) {
    super(`injected fault at batch ${fault.atBatch}`);
    this.name = 'InjectedFault';
  }
}

/**
 * Raises the fault. `uncaught` on a worker thread throws from outside any handler (the
 * thread dies, as with a bug in a native callback) and returns a promise that never
 * settles, so the stage that tripped it waits for the end; elsewhere it throws.
 */
function trip(fault: FaultSpec): Promise<never> {
  const error = new InjectedFault(fault);
  if (fault.kind === 'uncaught' && !isMainThread) {
    setImmediate(() => {
      throw error;
    });
    return new Promise<never>(() => undefined);
  }
  throw error;
}

/** Counts batches and trips the fault on the chosen one (`seq` is not used: shards start anywhere). */
class FaultCounter {
  #seen = 0;
  constructor(readonly fault: FaultSpec) {}

  /** Undefined, or a promise that never settles (see trip). */
  check(): Promise<never> | undefined {
    return this.#seen++ === this.fault.atBatch ? trip(this.fault) : undefined;
  }
}

export function withTransformFault(transform: Transform, fault: FaultSpec | undefined): Transform {
  if (fault?.stage !== 'transform') return transform;
  if (fault.kind === 'poison') return (batch) => (batch.seq === fault.atBatch ? trip(fault) : transform(batch));
  const counter = new FaultCounter(fault);
  return (batch) => counter.check() ?? transform(batch);
}

export function withSinkFault(sink: Sink, fault: FaultSpec | undefined): Sink {
  if (fault?.stage !== 'sink') return sink;
  const counter = new FaultCounter(fault);
  const retain = sink.retain?.bind(sink);
  return {
    write(batch: Batch) {
      return counter.check() ?? sink.write(batch);
    },
    ...(retain ? { retain } : {}),
    close: () => sink.close(),
  };
}

export function withSourceFault(source: BatchSource, fault: FaultSpec | undefined): BatchSource {
  if (fault?.stage !== 'source') return source;
  return {
    *batches(transferable) {
      const counter = new FaultCounter(fault);
      const inner = source.batches(transferable);
      for (let next = inner.next(); next.done !== true; next = inner.next()) {
        // A synchronous source cannot wait for its own death: `uncaught` throws here too.
        if (counter.check()) throw new InjectedFault(fault);
        yield next.value;
      }
    },
  };
}
