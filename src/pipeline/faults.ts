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

/** Raises the fault: thrown here, or (`uncaught` on a worker thread) from outside any handler. */
function trip(fault: FaultSpec): never {
  const error = new InjectedFault(fault);
  if (fault.kind === 'uncaught' && !isMainThread) {
    setImmediate(() => {
      throw error;
    });
  }
  throw error;
}

/** Counts batches and trips the fault on the chosen one (`seq` is not used: shards start anywhere). */
class FaultCounter {
  #seen = 0;
  constructor(readonly fault: FaultSpec) {}

  check(): void {
    if (this.#seen++ === this.fault.atBatch) trip(this.fault);
  }
}

export function withTransformFault(transform: Transform, fault: FaultSpec | undefined): Transform {
  if (fault?.stage !== 'transform') return transform;
  const counter = new FaultCounter(fault);
  return (batch) => {
    counter.check();
    return transform(batch);
  };
}

export function withSinkFault(sink: Sink, fault: FaultSpec | undefined): Sink {
  if (fault?.stage !== 'sink') return sink;
  const counter = new FaultCounter(fault);
  return {
    write(batch: Batch) {
      counter.check();
      return sink.write(batch);
    },
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
        counter.check();
        yield next.value;
      }
    },
  };
}
