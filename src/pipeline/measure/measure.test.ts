import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PipelineMeter } from '../meter.js';
import { getHeapSpaceStatistics } from 'node:v8';
import { collectGarbage, collectYoungGarbage, GcObserver } from './gc.js';
import { LatencyHistogram } from './latency.js';

describe('measurement', () => {
  it('reads latency percentiles back in milliseconds and survives a trip between threads', () => {
    const histogram = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) histogram.recordMs(i / 100);
    assert.equal(histogram.count, 1000);
    assert.ok(Math.abs(histogram.percentileMs(50) - 5) < 0.01);
    assert.ok(Math.abs(histogram.percentileMs(99) - 9.9) < 0.01);
    const copy = LatencyHistogram.decode(histogram.encode());
    const merged = new LatencyHistogram();
    merged.add(copy);
    merged.add(histogram);
    assert.equal(merged.count, 2000);
    assert.ok(Math.abs(merged.percentileMs(99) - 9.9) < 0.01);
    for (const h of [histogram, copy, merged]) h.destroy();
    assert.equal(histogram.count, 0, 'a destroyed histogram reads as empty');
    assert.ok(Number.isNaN(histogram.percentileMs(50)));
  });

  it('counts batches, records and bytes in the meter', () => {
    const meter = new PipelineMeter();
    const seen: number[] = [];
    meter.onBatch = (at) => seen.push(at);
    meter.record(10, 100, 2, 5);
    meter.record(5, 50, 4, 6);
    meter.addCounts(3, 1, 30);
    assert.deepEqual(
      { ...meter.snapshot(), latencyMs: undefined },
      { records: 18, batches: 3, encodedBytes: 180, latencyMs: undefined },
    );
    assert.equal(meter.snapshot().latencyMs.count, 2);
    assert.deepEqual(seen, [5, 6]);
    meter.destroy();
  });

  it('counts collections from perf_hooks but not the ones it forces', async () => {
    const gc = new GcObserver();
    gc.start();
    await gc.take();
    for (let i = 0; i < 20; i++) collectGarbage();
    for (let i = 0; i < 20; i++) collectYoungGarbage();
    // The forced ones are not counted; the odd collection of whatever else runs may be.
    assert.ok((await gc.take()).count < 5);
    // About 100 MB of short-lived objects: more than any young generation holds, so scavenges must run.
    // Their entries reach the observer a turn or more later; a loaded machine (the whole suite running
    // at once) can hold them past take()'s wait, so allow a few rounds before calling it a failure.
    let totals = { count: 0, pauseMs: 0 };
    for (let attempt = 0; attempt < 5 && totals.count === 0; attempt++) {
      let keep: unknown[] = [];
      for (let i = 0; i < 3_000_000; i++) {
        keep.push({ i });
        if (keep.length > 10_000) keep = [];
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      totals = await gc.take();
    }
    gc.stop();
    assert.ok(totals.count > 0, 'allocation caused collections');
    assert.ok(totals.pauseMs > 0);
  });

  it('empties the young generation between repetitions without a full collection', () => {
    const newSpaceUsed = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_used_size ?? 0;
    let garbage: unknown[] = [];
    for (let i = 0; i < 20_000; i++) garbage.push({ i });
    garbage = [];
    const before = newSpaceUsed();
    collectYoungGarbage();
    assert.ok(newSpaceUsed() < before, `new space ${newSpaceUsed()} B after, ${before} B before`);
    assert.equal(garbage.length, 0);
  });
});
