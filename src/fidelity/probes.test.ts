import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCodecRegistry } from '../codecs/registry.js';
import { probeCodecs, PROBES } from './probes.js';

test('the fidelity table records what each codec keeps, changes and rejects', async () => {
  const codecs = createCodecRegistry();
  const table = await probeCodecs([codecs.get('json'), codecs.get('protobuf'), codecs.get('parquet')]);
  assert.deepEqual(table.probes.map((p) => p.name), PROBES.map((p) => p.name));
  const outcome = (codec: string, probe: string) => table.codecs.find((c) => c.codec === codec)?.outcomes[probe];

  assert.equal(outcome('json', 'int64 2^63-1')?.kind, 'rejected', 'JSON.stringify throws on bigint');
  assert.deepEqual(outcome('json', 'NaN'), { kind: 'changed', detail: 'real: NaN → null' });
  assert.deepEqual(outcome('json', '-0'), { kind: 'changed', detail: 'real: -0 → 0' });
  assert.equal(outcome('protobuf', '-0')?.kind, 'kept');
  assert.deepEqual(outcome('protobuf', 'int64 2^63-1'), { kind: 'changed', detail: 'big: 9223372036854775807n → 0' });
  assert.equal(outcome('protobuf', 'empty string')?.kind, 'kept', 'proto3 optional keeps presence');
  assert.equal(outcome('parquet', 'NaN')?.kind, 'rejected');
  for (const codec of ['json', 'protobuf', 'parquet']) {
    assert.equal(outcome(codec, 'int64 2^53-1')?.kind, 'kept', codec);
    assert.equal(outcome(codec, 'astral Unicode')?.kind, 'kept', codec);
  }
});
