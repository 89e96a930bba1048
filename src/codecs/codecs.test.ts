import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDatasetRegistry } from '../datasets/registry.js';
import type { FieldType } from '../datasets/schema.js';
import { generate } from '../datasets/types.js';
import { checkRoundTrip } from '../fidelity/gate.js';
import { protobuf } from './protobuf-runtime.js';
import { bindCodec, createCodecRegistry } from './registry.js';
import { CodecError } from './types.js';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const datasets = createDatasetRegistry();
const codecs = createCodecRegistry();

describe('every codec round-trips every dataset exactly (the fidelity gate)', () => {
  for (const codec of codecs.all()) {
    for (const dataset of datasets.all()) {
      test(`${codec.name} × ${dataset.name}`, async () => {
        const records = generate(dataset, 300, 11);
        const gate = await checkRoundTrip(bindCodec(codec, dataset.schema), dataset.schema, records);
        assert.equal(gate.ok ? 'ok' : gate.reason, 'ok');
      });
    }
  }
});

test('codec names are kebab-case and unique', () => {
  for (const name of codecs.names()) assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  assert.equal(new Set(codecs.names()).size, codecs.names().length);
});

test('decode errors are CodecErrors naming the codec', async () => {
  const schema = datasets.get('log').schema;
  for (const name of ['json', 'protobuf', 'parquet']) {
    const instance = bindCodec(codecs.get(name), schema);
    await assert.rejects(
      async () => instance.decode(Buffer.from('\u0008\u00ff\u00ff not a valid encoding of anything')),
      (error: unknown) => error instanceof CodecError && error.codec === name && error.op === 'decode' && error.message.startsWith(`${name}: decode failed: `),
    );
  }
});

test('an unknown codec names the valid ones', () => {
  assert.throws(() => codecs.get('yaml'), /unknown codec 'yaml'; valid: json, protobuf/);
});

// The .proto files and the dataset schemas describe the same records; a drift would make
// the protobuf codecs fail the gate in confusing ways, so it is checked field by field.
describe('proto/*.proto matches the dataset schemas', () => {
  const protoDir = fileURLToPath(new URL('../../proto/', import.meta.url));
  const root = protobuf.loadSync(readdirSync(protoDir).filter((f) => f.endsWith('.proto')).map((f) => protoDir + f));
  const protoType = (type: FieldType): string => (type.kind === 'list' ? protoType(type.of) : type.kind === 'struct' ? 'message' : type.kind);
  const scalarName: Record<string, string> = { string: 'string', bool: 'bool', int32: 'int32', int64: 'int64', double: 'double' };

  for (const dataset of datasets.all()) {
    test(dataset.name, () => {
      const check = (messageName: string, fields: readonly { name: string; type: FieldType; optional?: boolean }[]): void => {
        const message = root.lookupType(messageName);
        assert.deepEqual(Object.keys(message.fields).sort(), fields.map((f) => f.name).sort(), `${messageName} field names`);
        for (const f of fields) {
          const protoField = message.fields[f.name];
          assert.ok(protoField);
          assert.equal(protoField.repeated, f.type.kind === 'list', `${messageName}.${f.name} repeated`);
          const kind = protoType(f.type);
          if (kind === 'message') {
            const inner = f.type.kind === 'list' ? f.type.of : f.type;
            assert.ok(inner.kind === 'struct');
            check(protoField.resolve().resolvedType?.fullName.slice(1) ?? '', inner.fields);
          } else {
            assert.equal(protoField.type, scalarName[kind], `${messageName}.${f.name} type`);
            if (f.optional) assert.ok(protoField.options?.proto3_optional ?? protoField.partOf, `${messageName}.${f.name} is optional in proto`);
          }
        }
      };
      check(`serbench.${dataset.schema.name}`, dataset.schema.fields);
      const batch = root.lookupType(`serbench.${dataset.schema.name}Batch`);
      assert.equal(batch.fields.records?.repeated, true);
    });
  }
});
