import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCodecRegistry } from '../codecs/registry.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import { planSuite } from './codec-suite.js';
import { resolveCodecSuiteOptions } from './options.js';

test('--compression plans every selected codec (not memcpy) composed with every compressor', () => {
  const options = resolveCodecSuiteOptions({ datasets: ['log'], codecs: ['json', 'avro', 'memcpy'], ops: ['encode'], compression: ['gzip-6', 'zstd-3'] });
  const ids = planSuite(options, createDatasetRegistry(), createCodecRegistry()).map((p) => p.id);
  assert.deepEqual(ids, [
    'codec/log/json/encode/1000',
    'codec/log/avro/encode/1000',
    'codec/log/memcpy/encode/1000',
    'codec/log/json-gzip-6/encode/1000',
    'codec/log/json-zstd-3/encode/1000',
    'codec/log/avro-gzip-6/encode/1000',
    'codec/log/avro-zstd-3/encode/1000',
  ]);
});
