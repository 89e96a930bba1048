import { encodeScenario } from './encode.js';
import type { Scenario } from './types.js';

/**
 * The classic ETL the pipeline grew from: extract records from a source system (made
 * lazily while timed), batch them (`--batch 1000`), encode each batch, load it into a
 * broker. The stages are the encode scenario's; loading is the sink's part: with
 * `--sink redis` each batch is an idempotent XADD with bounded, counted retries, and the
 * stream is counted at the end of each run; `--redis-restart-at N` crashes and restarts
 * the server mid-run.
 */
export const etlScenario: Scenario = {
  ...encodeScenario,
  name: 'etl',
  description: 'extract (generate lazily), batch, encode, load into the sink with bounded retries (--sink redis: idempotent XADD; --redis-restart-at N: fault drill)',
};
