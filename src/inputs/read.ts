import type { RawRecord, RecordReader } from './types.js';

/** Records of a reader, sync or async, as one async iteration (for code that is not timed). */
export async function* readAll(reader: RecordReader): AsyncGenerator<RawRecord> {
  try {
    for (;;) {
      const record = reader.mode === 'sync' ? reader.next() : await reader.next();
      if (record === undefined) return;
      yield record;
    }
  } finally {
    await reader.close();
  }
}
