import { basename } from 'node:path';
import { FileLines } from '../chunks.js';
import type { InputFormat } from '../types.js';
import { parseRecordJson } from './json-text.js';

/** NDJSON / JSON Lines: one JSON object per line; blank lines are skipped. Read lazily, line by line. */
export const ndjsonFormat: InputFormat = {
  name: 'ndjson',
  extensions: ['.ndjson', '.jsonl', '.ldjson'],
  description: 'NDJSON / JSON Lines: one JSON object per line',
  expects: 'a JSON object on the first line',
  textual: true,
  sniff: (head) => /^\s*\{/.test(head.toString('utf8').replace(/^\uFEFF/, '')),
  open(path) {
    const lines = new FileLines(path);
    const file = basename(path);
    return {
      mode: 'sync',
      next() {
        for (let line = lines.next(); line !== undefined; line = lines.next()) {
          if (line.trim() === '') continue;
          return parseRecordJson(lines.lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line, file, `line ${lines.lineNumber}`);
        }
        return undefined;
      },
      close: () => lines.close(),
    };
  },
};
