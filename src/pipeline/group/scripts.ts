import { Script } from './redis-calls.js';

// The consumer's writes that must happen together or not at all. A Lua script runs
// atomically and reaches the append-only file as one unit, so a crash of the server
// keeps either all of a commit or none of it.

/**
 * Commit one processed batch: record who wrote it in the ledger, XACK the entry and
 * announce it on the acks stream, unless the ledger already has the batch.
 * KEYS: input, ledger, acks. ARGV: group, entry id, seq, consumer.
 * Returns 1 (this commit wrote it), 2 (this consumer's own earlier commit, whose reply a
 * broken connection lost) or 0 (another consumer wrote it first: a duplicate).
 */
export const COMMIT = new Script(`
local owner = redis.call('HGET', KEYS[2], ARGV[3])
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if owner then
  if owner == 'w:' .. ARGV[4] then return 2 end
  return 0
end
redis.call('HSET', KEYS[2], ARGV[3], 'w:' .. ARGV[4])
redis.call('XADD', KEYS[3], '*', 's', ARGV[3], 'c', ARGV[4])
return 1
`);

/**
 * Move a batch that failed on every delivery to the dead-letter stream, with its error.
 * KEYS: input, ledger, acks, dead. ARGV: group, entry id, seq, consumer, deliveries, error.
 * Returns 1, or 0 when the ledger already has the batch (nothing is done but the XACK).
 */
export const DEAD_LETTER = new Script(`
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then return 0 end
redis.call('HSET', KEYS[2], ARGV[3], 'd:' .. ARGV[4])
redis.call('XADD', KEYS[4], '*', 'seq', ARGV[3], 'entry', ARGV[2], 'deliveries', ARGV[5], 'consumer', ARGV[4], 'error', ARGV[6])
redis.call('XADD', KEYS[3], '*', 's', ARGV[3], 'c', ARGV[4], 'dead', '1')
return 1
`);

/**
 * Claim a session name for this suite, or renew the claim. KEYS: owner. ARGV: token, ttl ms.
 * Returns the token of the suite that holds it (ours when the claim succeeded).
 */
export const CLAIM_SESSION = new Script(`
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
`);

/** Release a session claim if it is still ours. KEYS: owner. ARGV: token. */
export const RELEASE_SESSION = new Script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
