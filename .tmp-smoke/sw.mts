import { runPipelineCase } from '/work/main/src/pipeline/case.ts';
for (const sink of process.argv.slice(2)) {
  const spec = { scenario: 'etl', dataset: 'orders', codec: 'json', variant: 'stream-workers', batchSize: 100, workers: 2, records: 2000 };
  const t0 = Date.now();
  const r = await runPipelineCase(spec, { repetitions: 1, warmup: 0, warmupMs: 0, seed: 1, source: undefined, sink, sinkSettings: { fileDir: '/tmp', slowRecordsPerSec: 1, redisUrl: process.env.RURL }, capacity: undefined, yieldEveryMs: 10, memorySampleMs: 10 });
  console.log(sink, Date.now() - t0, r.status, r.status === 'ok' ? '' : r.error);
}
