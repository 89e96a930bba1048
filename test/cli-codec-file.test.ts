import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { emptyFileProblem, readBackProblem } from '../src/cli/codec-file.js';
import { bindCodec, createCodecRegistry } from '../src/codecs/registry.js';
import { createDatasetRegistry } from '../src/datasets/registry.js';
import { generate } from '../src/datasets/types.js';
import { runEntry, type CommandResult } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: readonly string[]) => runEntry('bench/cli.ts', args, { timeoutMs: 90_000 });
const file = (name: string) => join(dir, name);

/** What every failure must look like: one line on stderr, nothing on stdout, no stack trace. */
function assertOneLineFailure(result: CommandResult, code: number, pattern: RegExp): void {
  assert.equal(result.code, code, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.doesNotMatch(result.stderr, /^\s+at /m);
  assert.match(lines[0] ?? '', pattern);
}

describe('npm run cli -- encode', () => {
  test('writes N generated records in the encoding and says so', async () => {
    const result = await cli(['encode', '--codec', 'protobuf', '--dataset', 'log', '--records', '300', '--out', file('log-300.pb')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^wrote 300 log records as protobuf to .*log-300\.pb \(\d+ bytes, seed 42\)\n$/);
    const decoded = await cli(['decode', '--codec', 'protobuf', '--in', file('log-300.pb')]);
    assert.equal(decoded.code, 0, decoded.stderr);
    assert.match(decoded.stdout, /^300 records decoded from .*log-300\.pb \(codec protobuf, dataset log \(from the file name\), \d+ bytes/);
  });

  test('the same seed gives the same bytes', async () => {
    for (const name of ['a.json', 'b.json']) assert.equal((await cli(['encode', '--codec', 'json', '--dataset', 'orders', '--records', '5', '--seed', '9', '--out', file(name)])).code, 0);
    assert.deepEqual(readFileSync(file('a.json')), readFileSync(file('b.json')));
  });

  test('an unknown codec or dataset names the valid ones, exit 2, and writes nothing', async () => {
    assertOneLineFailure(await cli(['encode', '--codec', 'yaml', '--dataset', 'log', '--records', '3', '--out', file('never.yaml')]), 2, /^cli: unknown codec 'yaml'; valid: json, protobuf, .*parquet/);
    assertOneLineFailure(await cli(['encode', '--codec', 'json', '--dataset', 'logs', '--records', '3', '--out', file('never.json')]), 2, /^cli: unknown dataset 'logs'; valid: log, metrics, orders$/);
    assertOneLineFailure(await cli(['encode', '--codec', 'json', '--dataset', 'log', '--records', 'many', '--out', file('never.json')]), 2, /--records must be a whole number from 0 to \d+/);
    assert.equal(existsSync(file('never.yaml')) || existsSync(file('never.json')), false);
  });

  test('an --out that cannot be written is refused before encoding: one line, exit 2, no file', async () => {
    writeFileSync(file('blocker'), 'a file where a directory should be');
    assertOneLineFailure(await cli(['encode', '--codec', 'json', '--dataset', 'log', '--records', '3', '--out', join(file('blocker'), 'x.json')]), 2, /^cli: --out .*blocker\/x\.json: cannot be created: .*blocker is a file, not a directory$/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  test('a codec whose messages a fresh decoder cannot read (msgpack-shared) is not written as a file, and says why', async () => {
    const out = file('log-1000.msgpack-shared.bin');
    assertOneLineFailure(
      await cli(['encode', '--codec', 'msgpack-shared', '--dataset', 'log', '--records', '1000', '--out', out]),
      1,
      /^cli: msgpack-shared: not writing .*: a fresh msgpack-shared decoder cannot read it back \(.*\); the codec keeps what its messages need outside them \(msgpackr shared structures known to both sides out of band/,
    );
    assert.equal(existsSync(out), false);
  });

  test('every file encode writes, for every codec and dataset, a fresh decoder reads back', async () => {
    const datasets = createDatasetRegistry();
    for (const codec of createCodecRegistry().names().map((name) => createCodecRegistry().get(name))) {
      for (const dataset of datasets.names().map((name) => datasets.get(name))) {
        const bytes = await bindCodec(codec, dataset.schema).encode(generate(dataset, 20, 1));
        const problem = await readBackProblem(codec, dataset.schema, bytes, 20);
        if (codec.name === 'msgpack-shared') assert.match(problem ?? '', /cannot read it back/, dataset.name);
        else assert.equal(problem, undefined, `${codec.name} ${dataset.name}`);
      }
    }
  });
});

describe('npm run cli -- decode of an empty file: called empty, for every codec', () => {
  test('each codec either reads an empty file as no records (it encodes none as 0 bytes) or says the file is empty', async () => {
    const { schema } = createDatasetRegistry().get('log');
    for (const codec of createCodecRegistry().names().map((name) => createCodecRegistry().get(name))) {
      const problem = await emptyFileProblem(codec, schema);
      if (problem === undefined) {
        assert.equal((await bindCodec(codec, schema).decode(new Uint8Array())).length, 0, `${codec.name} writes 0 records as 0 bytes, so it must read them back`);
      } else assert.match(problem, new RegExp(`^the file is empty \\(0 bytes\\), not ${codec.name} data \\(${codec.name} encodes even 0 records in \\d+ bytes?\\)$`));
    }
  });

  test('arrow: the file is empty (not "column \'ip\' is missing"); protobuf: 0 records, and it says the file is empty', async () => {
    writeFileSync(file('log-empty.bin'), '');
    assertOneLineFailure(await cli(['decode', '--codec', 'arrow', '--in', file('log-empty.bin')]), 1, /^cli: .*log-empty\.bin: the file is empty \(0 bytes\), not arrow data/);
    const protobuf = await cli(['decode', '--codec', 'protobuf', '--in', file('log-empty.bin')]);
    assert.equal(protobuf.code, 0, protobuf.stderr);
    assert.match(protobuf.stdout, /^0 records decoded from .*log-empty\.bin: the file is empty, which protobuf reads as a batch of no records \(codec protobuf/);
  });
});

describe('npm run cli -- decode on bad input: one line naming the codec and what is wrong, exit 1', () => {
  test('a truncated protobuf file', async () => {
    await cli(['encode', '--codec', 'protobuf', '--dataset', 'orders', '--records', '50', '--out', file('orders-50.pb')]);
    const bytes = readFileSync(file('orders-50.pb'));
    writeFileSync(file('orders-truncated.pb'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    assertOneLineFailure(await cli(['decode', '--codec', 'protobuf', '--in', file('orders-truncated.pb')]), 1, /^cli: .*orders-truncated\.pb: protobuf: decode failed: .*index out of range/);
  });

  test('a JSON file given to the parquet codec', async () => {
    await cli(['encode', '--codec', 'json', '--dataset', 'log', '--records', '5', '--out', file('log-5.json')]);
    assertOneLineFailure(await cli(['decode', '--codec', 'parquet', '--in', file('log-5.json')]), 1, /^cli: .*log-5\.json: parquet: decode failed: not a Parquet file: no PAR1 magic at the start; it looks like JSON$/);
  });

  test('random bytes', async () => {
    let state = 12345;
    const random = Buffer.alloc(4096, 0).map(() => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24);
    writeFileSync(file('metrics-random.bin'), random);
    for (const codec of ['parquet', 'arrow', 'json', 'avro']) {
      assertOneLineFailure(await cli(['decode', '--codec', codec, '--in', file('metrics-random.bin')]), 1, new RegExp(`^cli: .*metrics-random\\.bin: ${codec}: decode failed: \\S`));
    }
  });

  test('a forged Parquet footer length', async () => {
    await cli(['encode', '--codec', 'parquet', '--dataset', 'metrics', '--records', '20', '--out', file('metrics-20.parquet')]);
    const bytes = Buffer.from(readFileSync(file('metrics-20.parquet')));
    bytes.writeUInt32LE(0xfffffff0, bytes.length - 8);
    writeFileSync(file('metrics-forged.parquet'), bytes);
    assertOneLineFailure(await cli(['decode', '--codec', 'parquet', '--in', file('metrics-forged.parquet')]), 1, /parquet: decode failed: corrupt Parquet footer: it claims 4294967280 bytes of metadata/);
  });

  test('a decoder that never returns is stopped at --timeout', async () => {
    const plugin = fileURLToPath(new URL('./fuzz/misbehaving-codecs.ts', import.meta.url));
    writeFileSync(file('log-hang.bin'), 'h');
    const started = Date.now();
    assertOneLineFailure(await cli(['decode', '--codec', 'misbehaving', '--plugin', plugin, '--timeout', '2', '--in', file('log-hang.bin')]), 1, /misbehaving: decode gave no answer within 2 s and was stopped/);
    assert.ok(Date.now() - started < 60_000);
  });
});

describe('npm run cli -- decode usage errors, exit 2', () => {
  test('a missing file', async () => {
    assertOneLineFailure(await cli(['decode', '--codec', 'json', '--dataset', 'log', '--in', file('no-such-file.json')]), 2, /^cli: --in .*no-such-file\.json: no such file$/);
  });

  test('no --dataset and a file name that does not name one', async () => {
    writeFileSync(file('sample.bin'), '[]');
    assertOneLineFailure(await cli(['decode', '--codec', 'avro', '--in', file('sample.bin')]), 2, /^cli: decode needs --dataset \(log, metrics, orders\)/);
  });

  test('an unknown command or flag', async () => {
    assertOneLineFailure(await cli(['transcode']), 2, /^cli: unknown command 'transcode'; valid: encode, decode, schema$/);
    assertOneLineFailure(await cli(['decode', '--codec', 'json', '--infile', 'x']), 2, /valid flags: --codec, --dataset, --in/);
  });
});
