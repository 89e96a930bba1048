import type { RecordSchema } from '../datasets/schema.js';
import { Registry } from '../registry.js';
import { arrowCodec } from './arrow.js';
import { avroCodec } from './avro.js';
import { avroContainerCodec } from './avro-container.js';
import { cborCodec, cborRecordsCodec } from './cbor.js';
import { csvCodec } from './csv.js';
import { hyparquetCodec } from './hyparquet.js';
import { jsonCodec } from './json.js';
import { msgpackCodec, msgpackRecordsCodec, msgpackSharedCodec } from './msgpack.js';
import { ndjsonCodec } from './ndjson.js';
import { parquetCodec } from './parquet.js';
import { protobufEsCodec } from './protobuf-es.js';
import { protobufReflectCodec } from './protobuf-reflect.js';
import { protobufCodec } from './protobuf.js';
import { CodecError, guardedAsync, guardedSync, type Codec, type CodecInstance } from './types.js';

export function createCodecRegistry(): Registry<Codec> {
  return new Registry<Codec>('codec', [
    jsonCodec,
    protobufCodec,
    protobufReflectCodec,
    parquetCodec,
    ndjsonCodec,
    msgpackCodec,
    msgpackRecordsCodec,
    msgpackSharedCodec,
    cborCodec,
    cborRecordsCodec,
    avroCodec,
    arrowCodec,
    hyparquetCodec,
    protobufEsCodec,
    csvCodec,
    avroContainerCodec,
  ]);
}

/** Binds a codec to a schema; every error it raises, then or later, is a CodecError naming it. */
export function bindCodec(codec: Codec, schema: RecordSchema): CodecInstance {
  let instance: CodecInstance;
  try {
    instance = codec.create(schema);
  } catch (thrown) {
    throw CodecError.wrap(codec.name, 'create', thrown);
  }
  return instance.mode === 'sync' ? guardedSync(codec.name, instance) : guardedAsync(codec.name, instance);
}
