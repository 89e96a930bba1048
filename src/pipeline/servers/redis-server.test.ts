import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { ping, reapOrphanedServers, RedisServer, RedisServerError } from './redis-server.js';
import { processAlive, redisTestOptions, waitForExit } from './testing.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('redis-server lifecycle', redisTestOptions(), () => {
  it('starts on loopback in its own directory, answers PING, and stop() ends it and removes the directory', async () => {
    const server = await RedisServer.start();
    const pid = server.pid as number;
    try {
      assert.match(server.url, /^redis:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(await ping(server.port), true);
      assert.ok(existsSync(server.dir));
      const client = new Redis(server.url);
      try {
        assert.deepEqual(await client.config('GET', 'dir'), ['dir', server.dir]);
        assert.deepEqual(await client.config('GET', 'save'), ['save', '']);
        assert.deepEqual(await client.config('GET', 'appendonly'), ['appendonly', 'no']);
      } finally {
        client.disconnect();
      }
    } finally {
      await server.stop();
    }
    assert.equal(await waitForExit(pid), true, `redis-server ${pid} still runs after stop()`);
    assert.equal(existsSync(server.dir), false);
    assert.equal(await ping(server.port), false);
  });

  it('a durable server keeps what was written across a crash and restart on the same port', async () => {
    const server = await RedisServer.start({ durable: true });
    const pids = [server.pid as number];
    const client = new Redis(server.url, { maxRetriesPerRequest: 5, retryStrategy: () => 20 });
    client.on('error', () => undefined);
    try {
      await client.xadd('s', '1-0', 'd', 'one');
      await server.restart();
      pids.push(server.pid as number);
      assert.notEqual(pids[0], pids[1]);
      assert.equal(await waitForExit(pids[0] as number), true, 'the crashed server is gone');
      assert.equal(await client.xlen('s'), 1);
      assert.equal(server.restarts, 1);
    } finally {
      client.disconnect();
      await server.stop();
    }
    for (const pid of pids) assert.equal(await waitForExit(pid), true);
  });

  it('a process that exits without stopping its server (a second SIGINT, an uncaught error) takes the server with it', async () => {
    const script = `
      import { RedisServer } from './src/pipeline/servers/redis-server.ts';
      const server = await RedisServer.start();
      process.stdout.write(server.pid + ' ' + server.dir + '\\n');
      setTimeout(() => { throw new Error('boom'); }, 10);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.notEqual(child.status, 0, 'the uncaught error ends the process');
    const [pid, dir] = child.stdout.trim().split(' ');
    assert.ok(Number(pid) > 0, child.stderr);
    assert.equal(await waitForExit(Number(pid)), true, `redis-server ${pid} outlived its process`);
    assert.equal(existsSync(dir as string), false);
  });

  it('reaps a server whose owning process was killed outright, and only that one', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'serbench-redis-orphan-'));
    const deadOwner = spawnSync('true').pid as number;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const orphan = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', ''], { cwd: dir, stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'owner.json'), JSON.stringify({ owner: deadOwner, server: orphan.pid }));
      // Wait until it runs in its directory (redis chdirs there), which is what the reaper checks.
      for (let i = 0; i < 100 && !(await ping(port)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      const survivor = await RedisServer.start();
      try {
        reapOrphanedServers();
        assert.equal(await waitForExit(orphan.pid as number), true, 'the orphan was killed');
        assert.equal(existsSync(dir), false);
        assert.equal(processAlive(survivor.pid as number), true, 'a server whose owner lives is left alone');
      } finally {
        await survivor.stop();
      }
    } finally {
      orphan.kill('SIGKILL');
    }
  });

  it('says how to install redis-server when it is missing', async () => {
    await assert.rejects(RedisServer.start({ executable: 'redis-server-that-is-not-there' }), (error: unknown) => {
      assert.ok(error instanceof RedisServerError);
      assert.match(error.message, /^redis-server-that-is-not-there not found on PATH: install it \(Debian: apt-get install redis-server\) or give --redis-url$/);
      return true;
    });
  });
});
