/**
 * A bounded channel between two pipeline stages, after Go's `chan T` with a buffer.
 *
 * - `send(value)` returns `undefined` when the value fit in the buffer (or went straight
 *   to a waiting receiver), and a promise only when the buffer is full: callers write
 *   `const wait = channel.send(v); if (wait) await wait;`. Allocating a promise per item
 *   is what holds a naive channel to about a million items a second.
 * - A sender blocked on a full channel resumes once receivers have drained it to the
 *   low-water mark (half the capacity), not after every single receive: producer and
 *   consumer then trade the CPU in runs instead of one item at a time.
 * - Receiving is async iteration. `next()` hands back a ready result object (not a
 *   promise) while items are buffered, so `for await` costs one microtask per item.
 * - `close()` ends the stream after the buffered items; `fail(error)` ends it at once:
 *   every blocked or later `send` and `next` rejects with that error.
 */
export class Channel<T> implements AsyncIterable<T> {
  readonly capacity: number;
  readonly #lowWater: number;
  readonly #buffer: (T | undefined)[];
  #head = 0;
  #size = 0;
  #closed = false;
  #error: Error | undefined;
  readonly #receivers: Waiter<IteratorResult<T>>[] = [];
  readonly #senders: Waiter<void>[] = [];

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`channel capacity must be a whole number >= 1, got ${capacity}`);
    this.capacity = capacity;
    this.#lowWater = Math.floor(capacity / 2);
    this.#buffer = new Array<T | undefined>(capacity);
  }

  /** Buffered items not yet received. */
  get size(): number {
    return this.#size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** A receiver is waiting: the next send goes straight to it. */
  get hasWaitingReceiver(): boolean {
    return this.#receivers.length > 0;
  }

  /** Senders currently blocked on a full buffer. */
  get blockedSenders(): number {
    return this.#senders.length;
  }

  send(value: T): Promise<void> | undefined {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#closed) return Promise.reject(new ChannelClosedError());
    const receiver = this.#receivers.shift();
    if (receiver) {
      receiver.resolve({ value, done: false });
      return undefined;
    }
    if (this.#size < this.capacity) {
      this.#push(value);
      return undefined;
    }
    return this.#sendWhenSpace(value);
  }

  async #sendWhenSpace(value: T): Promise<void> {
    while (this.#size >= this.capacity) {
      await new Promise<void>((resolve, reject) => this.#senders.push({ resolve, reject }));
    }
    const wait = this.send(value);
    if (wait) await wait;
  }

  /** No more items: receivers get what is buffered, then the end. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const receiver of this.#receivers.splice(0)) receiver.resolve({ value: undefined, done: true });
    for (const sender of this.#senders.splice(0)) sender.reject(this.#error ?? new ChannelClosedError());
  }

  /** Ends the channel with an error that every blocked and later send and receive sees. */
  fail(error: Error): void {
    if (this.#error) return;
    this.#error = error;
    this.#closed = true;
    this.#buffer.fill(undefined);
    this.#size = 0;
    for (const receiver of this.#receivers.splice(0)) receiver.reject(error);
    for (const sender of this.#senders.splice(0)) sender.reject(error);
  }

  /** The next item: a ready result while items are buffered, a promise only when it must wait. */
  next(): IteratorResult<T> | Promise<IteratorResult<T>> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#size > 0) {
      const value = this.#shift();
      if (this.#senders.length > 0 && this.#size <= this.#lowWater) {
        for (const sender of this.#senders.splice(0)) sender.resolve();
      }
      return { value, done: false };
    }
    if (this.#closed) return { value: undefined, done: true };
    return new Promise<IteratorResult<T>>((resolve, reject) => this.#receivers.push({ resolve, reject }));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => Promise.resolve(this.next()),
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }

  #push(value: T): void {
    this.#buffer[(this.#head + this.#size) % this.capacity] = value;
    this.#size++;
  }

  #shift(): T {
    const value = this.#buffer[this.#head] as T;
    this.#buffer[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.capacity;
    this.#size--;
    return value;
  }
}

interface Waiter<V> {
  resolve(value: V): void;
  reject(error: Error): void;
}

/** `send` on a channel that was closed: a bug in the stage that sent, not a user error. */
export class ChannelClosedError extends Error {
  constructor() {
    super('send on a closed channel');
    this.name = 'ChannelClosedError';
  }
}
