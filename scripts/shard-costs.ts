/**
 * Records how long each case took to count under Valgrind (`extra.countingMs`: warm-up,
 * counted phases and callgrind's dumps), so `--measure instructions --shard I/N` can
 * balance its shards by cost. Reads one or more `--measure instructions` result files
 * (a case in several files gets its mean) and rewrites src/suite/instructions/case-costs.ts.
 *
 *   npm run bench -- --measure instructions --no-fidelity --out costs.json
 *   npx tsx scripts/shard-costs.ts costs.json
 *
 * Run it again when a codec, a dataset or the counting defaults change much; a case
 * it does not list costs the median of those it does.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readOrExit } from './read-or-exit.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: npx tsx scripts/shard-costs.ts instructions.json [more.json …]\n');
  process.exit(2);
}
const spent = new Map<string, number[]>();
for (const file of files) {
  const result = readOrExit(file);
  for (const c of result.cases) {
    const extra = c.extra as { countingMs?: unknown } | undefined;
    const value = extra?.countingMs;
    if (c.unit !== 'instructions' || c.status !== 'ok' || typeof value !== 'number' || !(value > 0)) continue;
    spent.set(c.id, [...(spent.get(c.id) ?? []), value]);
  }
}
if (spent.size === 0) {
  process.stderr.write(`no case in ${files.join(', ')} records extra.countingMs (run it with --measure instructions)\n`);
  process.exit(2);
}
const costs = [...spent.entries()]
  .map(([id, values]) => [id, Math.max(1, Math.round(values.reduce((a, b) => a + b, 0) / values.length))] as const)
  .sort(([a], [b]) => (a < b ? -1 : 1));
const target = fileURLToPath(new URL('../src/suite/instructions/case-costs.ts', import.meta.url));
writeFileSync(
  target,
  `// Written by scripts/shard-costs.ts from an instruction run: how long each case took to
// count under Valgrind (warm-up, counted phases and callgrind's dumps), in milliseconds on
// the machine that ran it. \`--measure instructions --shard\` balances its shards with it;
// a case not listed costs the median.
export const RECORDED_COSTS: Readonly<Record<string, number>> = {
${costs.map(([id, cost]) => `  '${id}': ${cost},`).join('\n')}
};
`,
);
process.stdout.write(`${costs.length} cases → ${target}\n`);
