import type { Redis } from 'ioredis';
import type { RunKeys } from './keys.js';
import type { ConsumerReport } from './protocol.js';
import { fieldText, parseEntries } from './redis-calls.js';

// The end-of-run check of the group variant: the ledger (who wrote each batch) against
// what the producer sent and what each consumer's sink received. Every batch must be
// there exactly once, written or dead-lettered, nothing may be left pending, and each
// surviving consumer's sink must hold exactly the batches the ledger credits it with.

export interface RunAccount {
  /** seq → records of every batch the producer sent. */
  readonly sent: ReadonlyMap<number, { readonly count: number }>;
  readonly reports: ReadonlyMap<string, ConsumerReport>;
  /** Consumers killed by the drill: their sinks died with them. */
  readonly killed: ReadonlySet<string>;
  /** Dead-lettered batches announced on the acks stream. */
  readonly deadBatches: number;
  /** Acks for a batch already done (or never sent): a batch written twice. */
  readonly announcedTwice: number;
}

export interface CheckedRun {
  /** Records the ledger credits to consumers that were killed later in the run. */
  readonly killedProcessRecords: number;
  /** The dead-letter stream's errors, one per dead-lettered batch (first ten). */
  readonly deadErrors: string[];
}

export async function checkRun(control: Redis, keys: RunKeys, group: string, account: RunAccount): Promise<CheckedRun> {
  const [ledger, acks, dead, pending] = await Promise.all([
    control.hgetall(keys.ledger),
    control.xlen(keys.acks),
    control.call('XRANGE', keys.dead, '-', '+', 'COUNT', 10).then(parseEntries),
    control.call('XPENDING', keys.input, group),
  ]);
  const problems: string[] = [];
  const lost = [...account.sent.keys()].filter((seq) => ledger[String(seq)] === undefined);
  if (lost.length > 0) problems.push(`${lost.length} batch(es) were never written: ${lost.slice(0, 10).join(', ')}`);
  const unknown = Object.keys(ledger).filter((seq) => !account.sent.has(Number(seq)));
  if (unknown.length > 0) problems.push(`the ledger has ${unknown.length} batch(es) that were not produced`);
  if (acks !== account.sent.size || account.announcedTwice > 0) problems.push(`${acks} commits were announced for ${account.sent.size} batches: some were written twice`);
  const pendingCount = Array.isArray(pending) ? Number(pending[0]) : Number.NaN;
  if (pendingCount !== 0) problems.push(`${pendingCount} entries are still pending in the consumer group`);

  const written = new Map<string, { batches: number; records: number }>();
  let deadInLedger = 0;
  for (const [seq, value] of Object.entries(ledger)) {
    if (value.startsWith('d:')) {
      deadInLedger++;
      continue;
    }
    const name = value.slice(2);
    const tally = written.get(name) ?? { batches: 0, records: 0 };
    tally.batches++;
    tally.records += account.sent.get(Number(seq))?.count ?? 0;
    written.set(name, tally);
  }
  if (deadInLedger !== account.deadBatches) problems.push(`the ledger has ${deadInLedger} dead-lettered batches, the acks ${account.deadBatches}`);
  for (const [name, report] of account.reports) {
    const credited = written.get(name) ?? { batches: 0, records: 0 };
    if (report.batches !== credited.batches || report.sink.records !== credited.records) {
      problems.push(`consumer ${name} wrote ${report.batches} batches (${report.sink.records} records) to its sink; the ledger credits it with ${credited.batches} (${credited.records} records)`);
    }
  }
  for (const name of written.keys()) {
    if (!account.reports.has(name) && !account.killed.has(name)) problems.push(`consumer ${name} wrote batches but never reported`);
  }
  if (problems.length > 0) throw new Error(`end check failed: ${problems.join('; ')}`);
  const killedProcessRecords = [...account.killed].reduce((sum, name) => sum + (written.get(name)?.records ?? 0), 0);
  return { killedProcessRecords, deadErrors: dead.map((entry) => fieldText(entry, 'error') ?? '') };
}
