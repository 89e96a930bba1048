/**
 * `--shard I/N`: which cases one of N machines runs. Wall clock: a case's shard
 * depends on its id alone (a hash of it, modulo N), so every case is in exactly
 * one shard, the split is the same on every machine and run, and adding or
 * removing a case never moves any other case to a different shard (baselines stay
 * comparable shard by shard). The price is an uneven split for small suites.
 * Instruction counts: shards balanced by each case's recorded cost (`balancedShard`).
 */
export interface ShardSpec {
  /** 1-based: 1..count. */
  readonly index: number;
  readonly count: number;
}

const encoder = new TextEncoder();

/** FNV-1a (32-bit) of the UTF-8 bytes of `text`: tiny, well spread and the same in any language. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * MurmurHash3's finaliser: FNV-1a alone leaves its low bits poorly mixed for ids
 * that differ only in the middle (`codec/log/json/encode/1000` vs `.../decode/...`),
 * which made `hash % 4` put 8 of 18 cases in one shard and none in another.
 */
function avalanche(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`shard count must be a whole number >= 1, got ${count}`);
}

function checkedShard(shard: ShardSpec): ShardSpec {
  checkCount(shard.count);
  if (!Number.isSafeInteger(shard.index) || shard.index < 1 || shard.index > shard.count) throw new RangeError(`shard index must be in 1..${shard.count}, got ${shard.index}`);
  return shard;
}

/** The 1-based shard of a case id among `count` shards. */
export function shardOf(id: string, count: number): number {
  checkCount(count);
  return (avalanche(fnv1a32(id)) % count) + 1;
}

/** The cases of one shard, in their original order; all cases without a shard. */
export function selectShard<T extends { readonly id: string }>(cases: readonly T[], shard?: ShardSpec): T[] {
  if (!shard) return [...cases];
  const { index, count } = checkedShard(shard);
  return cases.filter((item) => shardOf(item.id, count) === index);
}

/** What a case costs, relative to the others: any positive unit (instructions, seconds). */
export type CostOf = (id: string) => number;

/**
 * The cases of one shard, in their original order, with the shards' summed costs
 * as even as a greedy split makes them: costliest case first onto the cheapest
 * shard (ties: the lower index; equal costs: the lower id). Depends on the ids and
 * costs alone, so every machine makes the same split; adding a case may move others.
 */
export function balancedShard<T extends { readonly id: string }>(cases: readonly T[], shard: ShardSpec, costOf: CostOf): T[] {
  const { index, count } = checkedShard(shard);
  const loads = new Array<number>(count).fill(0);
  const chosen = new Set<string>();
  const byCost = [...new Set(cases.map((item) => item.id))].map((id) => ({ id, cost: costOf(id) })).sort((a, b) => b.cost - a.cost || (a.id < b.id ? -1 : 1));
  for (const { id, cost } of byCost) {
    const cheapest = loads.indexOf(Math.min(...loads));
    loads[cheapest] = (loads[cheapest] as number) + cost;
    if (cheapest === index - 1) chosen.add(id);
  }
  return cases.filter((item) => chosen.has(item.id));
}
