import type { Codec, CodecInstance } from '../../src/codecs/types.js';

// Codecs that misbehave on purpose, loaded into the decode sandbox as a --plugin,
// so the tests can show that each kind of failure is caught and named. The first
// byte of the input picks the misbehaviour; anything else decodes to no records.

function misbehave(bytes: Uint8Array): Promise<unknown> | unknown {
  switch (String.fromCharCode(bytes[0] ?? 0)) {
    case 'h': // hang
      for (;;) {
        /* spin */
      }
    case 'm': {
      // a forged length reaching Buffer.alloc: outside the V8 heap
      const huge = Buffer.alloc(1536 * 1024 * 1024, 1);
      return huge.length > 0 ? [] : [];
    }
    case 'j': {
      // a forged count filling the JS heap
      const rows: unknown[] = [];
      for (;;) rows.push(new Array<number>(100_000).fill(rows.length));
    }
    case 'p':
      (Object.prototype as Record<string, unknown>).polluted = 'yes';
      return [];
    case 's':
      throw 'a bare string';
    case 'e': {
      const error = new Error();
      (error as { message: unknown }).message = undefined;
      throw error;
    }
    case 'x':
      setTimeout(() => {
        throw new Error('thrown from a timer after decode returned');
      }, 1);
      return [];
    case 'r':
      return [1, 2, 3];
    case 'k':
      process.exit(9);
    default:
      return [];
  }
}

const instance: CodecInstance = {
  mode: 'sync',
  encode: () => new Uint8Array(),
  decode: (bytes) => misbehave(bytes) as never,
};

const misbehavingCodec: Codec = {
  name: 'misbehaving',
  description: 'test codec that misbehaves on purpose',
  int64: 'n/a',
  create: () => instance,
};

export default [misbehavingCodec];
