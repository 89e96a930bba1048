import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { judge, type FailureKind } from '../../src/codecs/fuzz/verdict.js';
import { DecodeSandbox } from '../../src/codecs/sandbox/sandbox.js';

const plugin = fileURLToPath(new URL('./misbehaving-codecs.ts', import.meta.url));
const sandbox = new DecodeSandbox({ timeoutMs: 4_000, maxHeapMb: 64, maxRssGrowthMb: 512, plugins: [plugin] });
// On a VM whose host backs fresh pages lazily, touching 1.5 GB can take over 10 s
// (measured here: 10.7 s, then 2.2 s and 1.0 s), so this case gets a low cap and no
// deadline that a slow page fault could beat: the cap is what it tests.
const memorySandbox = new DecodeSandbox({ timeoutMs: 120_000, maxHeapMb: 64, maxRssGrowthMb: 128, plugins: [plugin] });
after(() => Promise.all([sandbox.close(), memorySandbox.close()]));

const input = (tag: string): Uint8Array => Buffer.from(tag);

describe('the decode sandbox turns every misbehaviour into a named outcome, and the caller survives', () => {
  const cases: Array<[string, string, FailureKind | 'decoded' | 'rejected', RegExp, DecodeSandbox?]> = [
    ['an endless loop', 'h', 'hang', /no answer after \d+ ms/],
    ['a 1.5 GB Buffer.alloc (outside the V8 heap)', 'm', 'memory', /resident memory (grew|peaked) .*\(cap 128 MB\)/, memorySandbox],
    ['a JS heap filled past its limit', 'j', 'memory', /heap limit/],
    ['prototype pollution', 'p', 'pollution', /Object\.prototype\.polluted added/],
    ['a thrown string', 's', 'rejected', /misbehaving: decode failed: a bare string/],
    ['an Error whose message is undefined', 'e', 'vague-error', /Error without a message/],
    ['an array of non-records', 'r', 'bad-result', /element 0 is number/],
    ['process.exit inside decode', 'k', 'crash', /exit code 9/],
  ];
  for (const [what, tag, expected, detail, where = sandbox] of cases) {
    test(what, async () => {
      const verdict = judge('misbehaving', await where.decode('misbehaving', 'log', input(tag)));
      const kind = verdict.kind === 'failure' ? verdict.failure : verdict.kind;
      assert.equal(kind, expected, JSON.stringify(verdict));
      assert.match(verdict.kind === 'failure' ? verdict.detail : verdict.kind === 'rejected' ? verdict.message : '', detail);
    });
  }

  test('an error thrown from a timer after decode returned is reported by the next call, naming the decode it followed', async () => {
    const first = await sandbox.decode('misbehaving', 'log', input('x'));
    assert.equal(first.status, 'decoded');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = judge('misbehaving', await sandbox.decode('misbehaving', 'log', input('.')));
    assert.equal(next.kind, 'failure');
    assert.match(next.kind === 'failure' ? next.detail : '', /died between decodes: .*uncaught exception after decode #\d+ had settled: thrown from a timer/);
  });

  test('after all that, the sandbox still decodes (each failure cost one child process)', async () => {
    const outcome = await sandbox.decode('misbehaving', 'log', input('.'));
    assert.deepEqual(outcome.status, 'decoded');
    const restarts = sandbox.restarts + memorySandbox.restarts;
    assert.ok(restarts >= 6, `restarts: ${restarts}`);
  });
});
