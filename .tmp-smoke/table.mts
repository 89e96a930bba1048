import { readFileSync } from 'node:fs';
const redis = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const base = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], 'utf8')) : { cases: [] };
const baseline = new Map(base.cases.map((c: any) => [c.id.replace(/^pipeline\/(\w+)\//, ''), c]));
const rows = ['| codec | batch | records/s, null sink | records/s, redis | redis ÷ null | payload B/record | wire B/record (out) | RESP overhead | Redis memory B/record | XADD round trip p50 / p99 / max (ms) |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
for (const c of redis.cases) {
  const p = c.pipeline; const m = p.sinkMetrics; const l = p.sinkWriteLatencyMs;
  const recs = c.records * p.repetitions;
  const b: any = baseline.get(c.id.replace(/^pipeline\/(\w+)\//, ''));
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  rows.push(`| ${c.codec} | ${p.batchSize} | ${b ? f(b.pipeline.recordsPerSec) : '–'} | ${f(p.recordsPerSec)} | ${b ? (p.recordsPerSec / b.pipeline.recordsPerSec).toFixed(2) : '–'} | ${(m.payloadBytes / recs).toFixed(0)} | ${(m.wireBytesOut / recs).toFixed(0)} | ${(((m.wireBytesOut - m.payloadBytes) / m.payloadBytes) * 100).toFixed(1)}% | ${(m.serverMemoryBytes / recs).toFixed(0)} | ${l.p50.toFixed(2)} / ${l.p99.toFixed(2)} / ${l.max.toFixed(1)} |`);
}
console.log(rows.join('\n'));
