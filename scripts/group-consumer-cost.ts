// What a group consumer's Redis round trips cost next to the decoding itself, counted
// in instructions under Valgrind (which repeat within 0.2% here, whatever else the
// machine runs), not in time. Each mode runs in a fresh node process under callgrind:
//   base    start up, encode 5 batches of 1000 orders, fill a stream with N entries
//   decode  base + decode N batches from memory
//   read    base + N × (XREADGROUP one entry + the commit script), as a consumer does
//   both    base + N × (XREADGROUP, decode, commit): the consumer's loop without its sink
// Usage: npx tsx scripts/group-consumer-cost.ts [N]   (needs redis-server and valgrind)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODES = ['base', 'decode', 'read', 'both'] as const;
type Mode = (typeof MODES)[number];

async function child(mode: Mode, url: string, count: number): Promise<void> {
  const { Redis } = await import('ioredis');
  const { createPipelineRegistries } = await import('../src/pipeline/assemble.js');
  const { bindCodec } = await import('../src/codecs/registry.js');
  const { COMMIT } = await import('../src/pipeline/group/scripts.js');
  const { parseStreamsReply } = await import('../src/pipeline/group/redis-calls.js');
  const registries = createPipelineRegistries();
  const orders = registries.datasets.get('orders');
  const codec = bindCodec(registries.codecs.get('protobuf'), orders.schema);
  if (codec.mode !== 'sync') throw new Error('protobuf is synchronous');
  const batches = Array.from({ length: 5 }, (_, i) => codec.encode(Array.from(orders.stream(1000, 42, i * 1000))));
  const reader = new Redis(url);
  const writer = new Redis(url);
  const key = `cost:${process.pid}`;
  await reader.xgroup('CREATE', key, 'g', '0', 'MKSTREAM');
  for (let i = 0; i < count; i++) await reader.xadd(key, `${i + 1}-0`, 'd', Buffer.from(batches[i % 5] as Uint8Array), 'n', '1000');
  let records = 0;
  for (let i = 0; mode !== 'base' && i < count; i++) {
    if (mode === 'decode') {
      records += codec.decode(batches[i % 5] as Uint8Array).length;
      continue;
    }
    const [entry] = parseStreamsReply(await reader.callBuffer('XREADGROUP', 'GROUP', 'g', 'me', 'COUNT', 1, 'STREAMS', key, '>'));
    if (!entry) throw new Error('the stream ran dry');
    if (mode === 'both') records += codec.decode(entry.fields.get('d') ?? Buffer.alloc(0)).length;
    await COMMIT.run(writer, [key, `${key}:ledger`, `${key}:acks`], ['g', entry.id, i, 'me']);
  }
  await reader.del(key, `${key}:ledger`, `${key}:acks`);
  reader.disconnect();
  writer.disconnect();
  process.stdout.write(`${records}\n`);
}

function instructions(mode: Mode, url: string, count: number): number {
  const dir = mkdtempSync(join(os.tmpdir(), 'serbench-cost-'));
  try {
    const args = ['--tool=callgrind', '--quiet', `--callgrind-out-file=${dir}/cg.%p`, '--cache-sim=no', '--branch-sim=no'];
    const run = spawnSync('valgrind', [...args, process.execPath, '--single-threaded', '--import', 'tsx', fileURLToPath(import.meta.url), 'child', mode, url, String(count)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${mode}: ${run.stderr || run.error?.message}`);
    return readdirSync(dir).reduce((sum, file) => sum + Number(/^(?:summary|totals): (\d+)/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? 0), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [command, mode, url, count] = process.argv.slice(2);
  if (command === 'child') return child(mode as Mode, url as string, Number(count));
  const batches = Number(command ?? 200);
  const { RedisServer } = await import('../src/pipeline/servers/redis-server.js');
  const server = await RedisServer.start();
  try {
    const total = Object.fromEntries(MODES.map((m) => [m, instructions(m, server.url, batches)])) as Record<Mode, number>;
    const perBatch = (m: Mode): number => (total[m] - total.base) / batches / 1e6;
    for (const m of MODES.slice(1)) process.stdout.write(`${m}: ${perBatch(m).toFixed(2)} M instructions per batch of 1000 orders\n`);
    process.stdout.write(`a consumer's loop costs ${(perBatch('both') / perBatch('decode')).toFixed(2)}x decoding alone\n`);
  } finally {
    await server.stop();
  }
}

await main();
