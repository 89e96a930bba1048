import { createHash } from 'node:crypto';

/**
 * The cases of shard `index` (1-based) of `count`: a case belongs to the shard
 * given by a hash of its id, so the split is deterministic on every machine and
 * adding a case never moves the others to another shard.
 */
export function selectShard<T extends { readonly id: string }>(cases: readonly T[], shard: { readonly index: number; readonly count: number }): T[] {
  if (!Number.isInteger(shard.count) || shard.count < 1 || !Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.count) {
    throw new RangeError(`shard must be I/N with 1 <= I <= N, got ${shard.index}/${shard.count}`);
  }
  return cases.filter((c) => shardOf(c.id, shard.count) === shard.index);
}

export function shardOf(id: string, count: number): number {
  return (createHash('sha256').update(id).digest().readUInt32BE(0) % count) + 1;
}
