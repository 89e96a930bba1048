import { PIPELINE_DEFAULTS } from '../constants.js';

// Every key of the group variant lives under `<prefix>:<session>:`, so a run reads only
// its own session's streams, and a session's leftovers can be found and removed.

const PREFIX = PIPELINE_DEFAULTS.group.keyPrefix;

/** Names a session may have: they become part of Redis keys and consumer group names. */
const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function isValidName(name: string): boolean {
  return SESSION_NAME.test(name);
}

export const NAME_RULE = 'letters, digits, _ . - (up to 64, starting with a letter or digit)';

/** The keys a session shares across its runs. */
export interface SessionKeys {
  /** The suite that runs the session (one at a time): `host:pid`, with a TTL it renews. */
  readonly owner: string;
  /** Commands to every consumer of the session (a stream every consumer reads from its end). */
  readonly control: string;
  /** Consumers that have joined, scored by join order. */
  readonly members: string;
  /** Join order counter. */
  readonly joins: string;
  /** Run number counter. */
  readonly runs: string;
  /** The prefix of every run's keys (for removing leftovers). */
  readonly runPrefix: string;
  /** A consumer's presence: expires unless it renews it. */
  member(name: string): string;
}

export function sessionKeys(session: string): SessionKeys {
  const base = `${PREFIX}:${session}`;
  return {
    owner: `${base}:owner`,
    control: `${base}:control`,
    members: `${base}:members`,
    joins: `${base}:joins`,
    runs: `${base}:runs`,
    runPrefix: `${base}:run:`,
    member: (name) => `${base}:member:${name}`,
  };
}

/** The keys of one run. */
export interface RunKeys {
  /** The stream the producer XADDs batches to; the consumer group reads it. */
  readonly input: string;
  /** One entry per batch done (committed or dead-lettered): how the producer learns of progress. */
  readonly acks: string;
  /** Batch seq → who wrote it (`w:<consumer>`) or dead-lettered it (`d:<consumer>`): the idempotent record of the run's output. */
  readonly ledger: string;
  /** Batch seq → the last error processing it raised. */
  readonly errors: string;
  /** The dead-letter stream: batches that failed on every delivery, with their error. */
  readonly dead: string;
  /** Consumers' answers to the producer: ready, report, failed. */
  readonly events: string;
}

export function runKeys(session: string, run: number): RunKeys {
  const base = `${sessionKeys(session).runPrefix}${run}`;
  return { input: `${base}:in`, acks: `${base}:acks`, ledger: `${base}:ledger`, errors: `${base}:errors`, dead: `${base}:dead`, events: `${base}:events` };
}

export function allRunKeys(keys: RunKeys): string[] {
  return [keys.input, keys.acks, keys.ledger, keys.errors, keys.dead, keys.events];
}
