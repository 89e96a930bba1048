import { Redis } from 'ioredis';
import { RedisServer } from '/work/main/src/pipeline/servers/redis-server.ts';
import { RedisRestartDrill } from '/work/main/src/pipeline/servers/restart-drill.ts';
import { runPipelineCase, caseId } from '/work/main/src/pipeline/case.ts';
const server = await RedisServer.start({ durable: true });
const drill = new RedisRestartDrill(server, 50);
try {
  for (const variant of process.argv.slice(2)) {
    const spec = { scenario: 'etl', dataset: 'orders', codec: 'json', variant, batchSize: 100, workers: variant.includes('workers') ? 2 : 0, records: 20000 };
    const t0 = Date.now();
    const result = await runPipelineCase(spec, { repetitions: 1, warmup: 0, seed: 1, source: undefined, sink: 'redis', sinkSettings: { fileDir: '/tmp', slowRecordsPerSec: 1, redisUrl: server.url, redisKeepStreams: true }, capacity: undefined, yieldEveryMs: 10, memorySampleMs: 10 }, { onMeter: (meter, s) => drill.attach(meter, caseId(s)) });
    console.log(variant, Date.now() - t0, 'ms', result.status, result.status !== 'ok' ? result.error : JSON.stringify(result.pipeline?.sinkMetrics), JSON.stringify(result.pipeline?.sinkWriteLatencyMs), drill.restartsOf(caseId(spec)), drill.errors);
  }
  const c = new Redis(server.url);
  const keys = await c.keys('*');
  for (const k of keys) { const all = await c.xrange(k, '-', '+'); console.log(k, all.length, all[0]?.[0], all.at(-1)?.[0]); }
  c.disconnect();
} finally { drill.dispose(); await server.stop(); }
