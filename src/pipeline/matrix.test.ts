import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPipelineRegistries } from './assemble.js';
import { caseId } from './case.js';
import { defaultCapacity } from './constants.js';
import { DEFAULT_MATRIX, expandMatrix, fullMatrix, shardCases } from './matrix.js';
import { splitShards } from './sources.js';
import { createVariantRegistry } from './variants/registry.js';

const registries = createPipelineRegistries();
const variants = createVariantRegistry();

describe('matrix', () => {
  it('collapses the codec of codec-less scenarios and the workers of main-thread variants', () => {
    const cases = expandMatrix(
      [{ scenarios: ['passthrough', 'decode'], datasets: ['log'], codecs: ['json', 'protobuf'], variants: ['sync', 'workers'], batches: [10], workers: [1, 2] }],
      {},
      100,
      registries,
      variants,
    );
    assert.deepEqual(cases.map(caseId), [
      'pipeline/passthrough/log/none/sync/b10/w0/100',
      'pipeline/passthrough/log/none/workers/b10/w1/100',
      'pipeline/passthrough/log/none/workers/b10/w2/100',
      'pipeline/decode/log/json/sync/b10/w0/100',
      'pipeline/decode/log/json/workers/b10/w1/100',
      'pipeline/decode/log/json/workers/b10/w2/100',
      'pipeline/decode/log/protobuf/sync/b10/w0/100',
      'pipeline/decode/log/protobuf/workers/b10/w1/100',
      'pipeline/decode/log/protobuf/workers/b10/w2/100',
    ]);
  });

  it('has unique case ids, and flags replace a dimension in every block', () => {
    const all = expandMatrix(DEFAULT_MATRIX, {}, 1000, registries, variants);
    assert.equal(new Set(all.map(caseId)).size, all.length);
    const asyncOnly = expandMatrix(DEFAULT_MATRIX, { variants: ['async'], batches: [1000] }, 1000, registries, variants);
    assert.ok(asyncOnly.length > 0 && asyncOnly.every((c) => c.variant === 'async' && c.batchSize === 1000 && c.workers === 0));
  });

  it('gives the group variant a consumers dimension (c<N> in the id) and only the scenarios it runs', () => {
    const cases = expandMatrix(
      [{ scenarios: ['encode', 'decode'], datasets: ['orders'], codecs: ['protobuf'], variants: ['workers', 'group'], batches: [1000], workers: [1] }],
      { consumers: [1, 2, 4] },
      100,
      registries,
      variants,
    );
    assert.deepEqual(cases.map(caseId), [
      'pipeline/encode/orders/protobuf/workers/b1000/w1/100',
      'pipeline/decode/orders/protobuf/workers/b1000/w1/100',
      'pipeline/decode/orders/protobuf/group/b1000/c1/100',
      'pipeline/decode/orders/protobuf/group/b1000/c2/100',
      'pipeline/decode/orders/protobuf/group/b1000/c4/100',
    ]);
    assert.ok(cases.every((c) => (c.variant === 'group') === (c.consumers !== undefined) && (c.variant !== 'group' || c.workers === 0)));
    assert.equal(expandMatrix(DEFAULT_MATRIX, {}, 1000, registries, variants).filter((c) => c.variant === 'group').length, 0, 'the default matrix needs no broker');
  });

  it('spans every registered name in the full matrix', () => {
    const full = fullMatrix(registries, variants, 2);
    assert.deepEqual(full.workers, [1, 2]);
    assert.deepEqual(full.variants, variants.names());
    assert.deepEqual(full.codecs, registries.codecs.names());
  });

  it('shards the cases into disjoint slices that cover them all', () => {
    const all = expandMatrix(DEFAULT_MATRIX, {}, 1000, registries, variants).map(caseId);
    const slices = [1, 2, 3].map((index) => shardCases(all, { index, count: 3 }));
    assert.deepEqual(slices.flat().sort(), [...all].sort());
  });
});

describe('sources', () => {
  it('splits records into shards on batch boundaries', () => {
    assert.deepEqual(splitShards(1050, 100, 2), [
      { start: 0, count: 500 },
      { start: 500, count: 550 },
    ]);
    assert.deepEqual(splitShards(5, 10, 3), [
      { start: 0, count: 0 },
      { start: 0, count: 0 },
      { start: 0, count: 5 },
    ]);
  });

  it('sizes channels by records in flight, within bounds', () => {
    assert.equal(defaultCapacity(1), 1024);
    assert.equal(defaultCapacity(1000), 5);
    assert.equal(defaultCapacity(10_000), 2);
  });
});
