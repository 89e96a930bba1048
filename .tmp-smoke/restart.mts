import { RedisServer, ping } from '/work/main/src/pipeline/servers/redis-server.ts';
const s = await RedisServer.start({ durable: true });
for (let i = 0; i < 3; i++) { const t = performance.now(); await s.restart(); console.log('restart ms', (performance.now() - t).toFixed(1), s.pid); }
await s.stop();
