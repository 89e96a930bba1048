import type { DecodeOutcome } from '../sandbox/protocol.js';

/** What a hostile input may do to a decoder: return records, or be rejected with a CodecError that says what is wrong. */
export const FAILURE_KINDS = ['hang', 'memory', 'crash', 'pollution', 'bad-result', 'foreign-error', 'vague-error'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export type Verdict =
  | { readonly kind: 'decoded'; readonly records: number }
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'failure'; readonly failure: FailureKind; readonly detail: string };

// What CodecError.wrap / describeThrown write when a library threw nothing useful:
// the user would read that something failed but not what.
const VAGUE_DETAIL = /(^| )without a message$|^a non-error value was thrown|^(undefined|null|\[object \w+\]|error|)$/i;

/** The part of `codec: decode failed: detail` that describes the problem. */
export function errorDetail(message: string, codec: string): string {
  const prefix = `${codec}: decode failed: `;
  return message.startsWith(prefix) ? message.slice(prefix.length).trim() : message.trim();
}

export function judge(codec: string, outcome: DecodeOutcome): Verdict {
  switch (outcome.status) {
    case 'decoded':
      return { kind: 'decoded', records: outcome.records };
    case 'threw': {
      const { thrown } = outcome;
      if (!thrown.isCodecError) return { kind: 'failure', failure: 'foreign-error', detail: `${thrown.name} escaped the codec: ${thrown.message}` };
      if (thrown.codec !== codec || thrown.op !== 'decode') {
        return { kind: 'failure', failure: 'foreign-error', detail: `CodecError names ${thrown.codec ?? '?'}/${thrown.op ?? '?'}, not ${codec}/decode: ${thrown.message}` };
      }
      if (VAGUE_DETAIL.test(errorDetail(thrown.message, codec))) return { kind: 'failure', failure: 'vague-error', detail: thrown.message };
      return { kind: 'rejected', message: thrown.message };
    }
    case 'bad-result':
      return { kind: 'failure', failure: 'bad-result', detail: outcome.detail };
    case 'polluted':
      return { kind: 'failure', failure: 'pollution', detail: outcome.detail };
    case 'timeout':
      return { kind: 'failure', failure: 'hang', detail: `no answer after ${outcome.ms} ms` };
    case 'out-of-memory':
      return { kind: 'failure', failure: 'memory', detail: outcome.detail };
    case 'crashed':
      return { kind: 'failure', failure: 'crash', detail: outcome.detail };
  }
}

/** Groups error messages that differ only in numbers and quoted values (`at position 12` ~ `at position 340`). */
export function messageShape(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'/g, '…')
    .replace(/0x[0-9a-f]+/gi, 'N')
    .replace(/\d+(\.\d+)?/g, 'N')
    .slice(0, 160);
}
