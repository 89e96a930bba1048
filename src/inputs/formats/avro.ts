import { basename } from 'node:path';
import avsc from 'avsc';
import { avroReadType } from '../../codecs/avro-schema.js';
import { describeThrown } from '../../codecs/types.js';
import { InputError, type InputFormat, type RawRecord } from '../types.js';

/**
 * Avro object container files (the header carries the writer's schema) with avsc's
 * file decoder: blocks are read as the stream is, with longs exact (a bigint past
 * 2^53) and timestamp-millis/micros as Dates. Asynchronous, so read before a
 * pipeline run starts (docs/inputs.md).
 */
export const avroFormat: InputFormat = {
  name: 'avro',
  extensions: ['.avro'],
  description: 'Avro object container file (avsc)',
  expects: "the Avro container magic ('Obj' 1) at the start",
  textual: false,
  sniff: (head) => head.length >= 4 && head[0] === 0x4f && head[1] === 0x62 && head[2] === 0x6a && head[3] === 0x01,
  open(path) {
    const name = basename(path);
    const decoder = avsc.createFileDecoder(path, { parseHook: (schema) => avroReadType(schema) });
    let failure: unknown;
    decoder.on('error', (error: unknown) => {
      failure ??= error;
    });
    const records = decoder[Symbol.asyncIterator]() as AsyncIterator<RawRecord>;
    return {
      mode: 'async',
      async next() {
        try {
          const next = await records.next();
          if (failure !== undefined) throw failure;
          return next.done ? undefined : next.value;
        } catch (thrown) {
          throw new InputError(`${name}: not a readable Avro container file: ${describeThrown(failure ?? thrown)}`);
        }
      },
      close: () => {
        decoder.destroy();
      },
    };
  },
};
