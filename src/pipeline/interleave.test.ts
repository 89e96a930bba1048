import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Registry } from '../registry.js';
import type { CaseResult } from '../results/types.js';
import type { CaseSpec } from './case.js';
import { runPipelineSuite } from './suite.js';
import { testCaseSettings } from './testing.js';
import { createVariantRegistry } from './variants/registry.js';
import type { Variant } from './variants/types.js';

// --interleave: every case is prepared before any is timed, and the timed runs take
// turns (forwards, then backwards), so a machine whose speed drifts slows them alike.

type Event = `${'prepare' | 'warm-up' | 'timed' | 'close'} b${number}`;

/** The `sync` variant, with every preparation, run and close written to `events` (cases differ by batch size). */
function recordingVariants(events: Event[], failOnRun?: { batch: number; run: number }): Registry<Variant> {
  const sync = createVariantRegistry().get('sync');
  const recording: Variant = {
    ...sync,
    async prepare(parts, resources) {
      const batch = parts.plan.batchSize;
      events.push(`prepare b${batch}`);
      const prepared = await sync.prepare(parts, resources);
      let timedRuns = 0;
      return {
        ...prepared,
        run(context) {
          events.push(`${context.timed ? 'timed' : 'warm-up'} b${batch}`);
          if (context.timed && ++timedRuns === failOnRun?.run && batch === failOnRun.batch) throw new Error('injected: run failed');
          return prepared.run(context);
        },
        close() {
          events.push(`close b${batch}`);
          return prepared.close();
        },
      };
    },
  };
  return new Registry<Variant>('variant', [recording]);
}

const errorOf = (result: CaseResult | undefined): string => (result && result.status !== 'ok' ? result.error : '');

const spec = (batchSize: number): CaseSpec => ({ scenario: 'passthrough', dataset: 'log', codec: 'none', variant: 'sync', batchSize, workers: 0, records: 200 });
const SPECS = [spec(10), spec(20), spec(50)];

it('prepares every case first, then alternates their timed runs forwards and backwards', async () => {
  const events: Event[] = [];
  const outcome = await runPipelineSuite(SPECS, testCaseSettings({ repetitions: 3, warmup: 1 }), { variants: recordingVariants(events), interleave: true });
  assert.equal(outcome.complete, true);
  assert.deepEqual(
    outcome.cases.map((c) => [c.id, c.samples.length]),
    SPECS.map((s) => [`pipeline/passthrough/log/none/sync/b${s.batchSize}/w0/200`, 3]),
  );
  const timed = events.filter((e) => e.startsWith('timed'));
  assert.deepEqual(timed, ['timed b10', 'timed b20', 'timed b50', 'timed b50', 'timed b20', 'timed b10', 'timed b10', 'timed b20', 'timed b50']);
  assert.deepEqual(events.slice(0, 6), ['prepare b10', 'warm-up b10', 'prepare b20', 'warm-up b20', 'prepare b50', 'warm-up b50']);
  assert.equal(events.filter((e) => e.startsWith('close')).length, 3);
  for (const result of outcome.cases) assert.ok(Number.isFinite(result.pipeline?.latencyMs.p99), `${result.id} has its latency`);
});

it('without --interleave, each case runs to its end before the next is prepared', async () => {
  const events: Event[] = [];
  await runPipelineSuite(SPECS.slice(0, 2), testCaseSettings({ repetitions: 2 }), { variants: recordingVariants(events) });
  assert.deepEqual(events, ['prepare b10', 'timed b10', 'timed b10', 'close b10', 'prepare b20', 'timed b20', 'timed b20', 'close b20']);
});

it('a case whose run fails leaves the rotation and the others finish', async () => {
  const events: Event[] = [];
  const outcome = await runPipelineSuite(SPECS, testCaseSettings({ repetitions: 3 }), { variants: recordingVariants(events, { batch: 20, run: 2 }), interleave: true });
  assert.equal(outcome.complete, false);
  assert.equal(outcome.interrupted, false);
  assert.deepEqual(outcome.cases.map((c) => c.status), ['ok', 'failed', 'ok']);
  assert.match(errorOf(outcome.cases[1]), /injected: run failed/);
  assert.equal(events.filter((e) => e === 'timed b20').length, 2);
  assert.equal(events.filter((e) => e === 'timed b10').length, 3);
  assert.equal(events.filter((e) => e.startsWith('close')).length, 3);
});

it('an abort closes every open case and marks the unfinished ones skipped', async () => {
  const events: Event[] = [];
  const controller = new AbortController();
  const variants = recordingVariants(events);
  const abortingVariants = new Registry<Variant>('variant', [
    {
      ...variants.get('sync'),
      async prepare(parts, resources) {
        const prepared = await variants.get('sync').prepare(parts, resources);
        return {
          ...prepared,
          async run(context) {
            const outcome = await prepared.run(context);
            if (context.timed && parts.plan.batchSize === 50) controller.abort(new Error('SIGINT'));
            return outcome;
          },
        };
      },
    },
  ]);
  const outcome = await runPipelineSuite(SPECS, testCaseSettings({ repetitions: 3 }), { variants: abortingVariants, interleave: true, signal: controller.signal });
  assert.equal(outcome.interrupted, true);
  assert.equal(outcome.complete, false);
  assert.deepEqual(outcome.cases.map((c) => c.status), ['skipped', 'skipped', 'skipped']);
  assert.match(errorOf(outcome.cases[0]), /interrupted: pipeline aborted: SIGINT/);
  assert.equal(events.filter((e) => e.startsWith('close')).length, 3);
});
