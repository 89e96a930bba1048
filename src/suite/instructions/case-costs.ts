// Written by scripts/shard-costs.ts from an instruction run: what each case cost under
// Valgrind, warm-up included, in millions of instructions. `--measure instructions
// --shard` balances its shards with it; a case not listed costs the median.
export const RECORDED_COSTS: Readonly<Record<string, number>> = {};
