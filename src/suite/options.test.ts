import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCodecRegistry } from '../codecs/registry.js';
import { ALL_CODECS, DEFAULT_SUITE_CODECS, MEMCPY, resolveCodecSuiteOptions, selectSuiteCodecs } from './options.js';

const registered = createCodecRegistry().names();

test('the default suite is a registered subset plus memcpy; --quick and `all` run every codec', () => {
  for (const name of DEFAULT_SUITE_CODECS) assert.ok(name === MEMCPY || registered.includes(name), `${name} is registered`);
  assert.ok(DEFAULT_SUITE_CODECS.length - 1 < registered.length, 'the default leaves some codecs to --codec all');
  assert.deepEqual(selectSuiteCodecs(undefined, registered, false), [...DEFAULT_SUITE_CODECS]);
  assert.deepEqual(selectSuiteCodecs(undefined, registered, true), [...registered, MEMCPY]);
  assert.deepEqual(selectSuiteCodecs([ALL_CODECS], registered, false), [...registered, MEMCPY]);
});

test('codecs asked for are run as asked, quick or not', () => {
  assert.deepEqual(selectSuiteCodecs(['cbor', 'json'], registered, false), ['cbor', 'json']);
  assert.deepEqual(selectSuiteCodecs(['avro'], registered, true), ['avro']);
});

test('codecs loaded with --plugin join the default set', () => {
  const withPlugin = [...registered, 'my-codec'];
  assert.deepEqual(selectSuiteCodecs(undefined, withPlugin, false, ['my-codec']), [...DEFAULT_SUITE_CODECS.filter((c) => c !== MEMCPY), 'my-codec', MEMCPY]);
  assert.ok(selectSuiteCodecs(undefined, withPlugin, true, ['my-codec']).includes('my-codec'));
});

test('compression is off unless asked for', () => {
  assert.deepEqual(resolveCodecSuiteOptions({}).compression, []);
  assert.deepEqual(resolveCodecSuiteOptions({ compression: ['gzip-6'] }).compression, ['gzip-6']);
});
