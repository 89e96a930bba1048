import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCodecPlugins } from './plugins.js';

const CODEC_BODY = `{ name: 'tiny', description: 'a test codec', int64: 'none', create() { return { mode: 'sync', encode: () => new Uint8Array(), decode: () => [] }; } }`;

test('a plugin compiled to CommonJS (as the instruction-count mode runs it) loads like its ES module source', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serbench-plugin-'));
  const esm = join(dir, 'codec.mjs');
  const cjs = join(dir, 'codec.cjs');
  writeFileSync(esm, `export default ${CODEC_BODY};\n`);
  // What esbuild writes for `export default …` with format cjs.
  writeFileSync(cjs, `Object.defineProperty(exports, '__esModule', { value: true });\nexports.default = ${CODEC_BODY};\n`);
  const [fromEsm] = await loadCodecPlugins([esm]);
  const [fromCjs] = await loadCodecPlugins([cjs]);
  assert.equal(fromEsm?.name, 'tiny');
  assert.equal(fromCjs?.name, 'tiny');
});

test('a module whose default export is not a codec is refused in one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serbench-plugin-'));
  const path = join(dir, 'not-a-codec.mjs');
  writeFileSync(path, 'export default 42;\n');
  await assert.rejects(loadCodecPlugins([path]), { message: `--plugin ${path}: the default export must be a codec ({ name, description, int64, create }) or an array of codecs` });
});
