import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Channel, ChannelClosedError } from './channel.js';

/** Lets every queued microtask and promise continuation run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function collect<T>(channel: Channel<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of channel) items.push(item);
  return items;
}

describe('Channel', () => {
  it('rejects a capacity below one', () => {
    assert.throws(() => new Channel(0), /capacity must be a whole number >= 1/);
  });

  it('takes sends synchronously while there is room and hands them out in order', async () => {
    const channel = new Channel<number>(3);
    assert.equal(channel.send(1), undefined);
    assert.equal(channel.send(2), undefined);
    assert.equal(channel.send(3), undefined);
    channel.close();
    assert.deepEqual(await collect(channel), [1, 2, 3]);
  });

  it('blocks the producer while full and lets it go once receivers drain it', async () => {
    const channel = new Channel<number>(4);
    for (let i = 0; i < 4; i++) assert.equal(channel.send(i), undefined);
    let sent = false;
    const blocked = channel.send(4);
    assert.ok(blocked instanceof Promise, 'a send on a full channel returns a promise');
    void blocked.then(() => (sent = true));
    await settle();
    assert.equal(sent, false, 'the producer waits while the channel is full');
    assert.equal(channel.blockedSenders, 1);

    assert.deepEqual(channel.next(), { value: 0, done: false });
    await settle();
    assert.equal(sent, false, 'one free slot is not the low-water mark yet');
    assert.deepEqual(channel.next(), { value: 1, done: false });
    await settle();
    assert.equal(sent, true, 'drained to half its capacity, the producer resumes');
    channel.close();
    assert.deepEqual(await collect(channel), [2, 3, 4]);
  });

  it('never holds more than its capacity, whatever the interleaving, and keeps order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }), async (capacity, steps) => {
        const channel = new Channel<number>(capacity);
        const received: number[] = [];
        let next = 0;
        let pending: Promise<void> | undefined;
        for (const produce of steps) {
          if (produce && !pending) {
            const wait = channel.send(next++);
            pending = wait?.then(() => {
              pending = undefined;
            });
          } else {
            const result = channel.next();
            const settled = result instanceof Promise ? undefined : result;
            if (settled && settled.done !== true) received.push(settled.value);
            else if (result instanceof Promise) void result.then((late) => late.done !== true && received.push(late.value));
          }
          await settle();
          assert.ok(channel.size <= capacity);
        }
        const rest = collect(channel);
        await pending;
        channel.close();
        received.push(...(await rest));
        assert.deepEqual(received, [...received].sort((a, b) => a - b));
        assert.deepEqual(received, Array.from({ length: received.length }, (_, i) => i));
      }),
      { numRuns: 50 },
    );
  });

  it('gives a waiting receiver the next send directly', async () => {
    const channel = new Channel<string>(1);
    const waiting = channel.next();
    assert.ok(waiting instanceof Promise);
    assert.equal(channel.send('a'), undefined);
    assert.deepEqual(await waiting, { value: 'a', done: false });
    assert.equal(channel.size, 0);
  });

  it('ends receivers after the buffered items once closed, and refuses sends', async () => {
    const channel = new Channel<number>(2);
    channel.send(1);
    const waitingAfter = new Channel<number>(1);
    const pendingReceive = waitingAfter.next();
    waitingAfter.close();
    assert.deepEqual(await pendingReceive, { value: undefined, done: true });
    channel.close();
    await assert.rejects(channel.send(2) as Promise<void>, ChannelClosedError);
    assert.deepEqual(await collect(channel), [1]);
  });

  it('fails every blocked sender and receiver with the error, and later ones too', async () => {
    const full = new Channel<number>(1);
    full.send(1);
    const blockedSend = full.send(2) as Promise<void>;
    const empty = new Channel<number>(1);
    const blockedReceive = empty.next() as Promise<IteratorResult<number>>;
    const error = new Error('stage broke');
    full.fail(error);
    empty.fail(error);
    await assert.rejects(blockedSend, (thrown) => thrown === error);
    await assert.rejects(blockedReceive, (thrown) => thrown === error);
    await assert.rejects(full.next() as Promise<IteratorResult<number>>, (thrown) => thrown === error);
    await assert.rejects(collect(empty), (thrown) => thrown === error);
    assert.equal(full.size, 0, 'a failed channel drops what it buffered');
  });
});
