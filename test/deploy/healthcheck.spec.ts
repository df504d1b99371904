import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { createRedis } from '@herald/core';
import { ROOT } from './support';

const SCRIPT = path.join(ROOT, 'scripts/healthcheck.mjs');

function healthcheck(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('scripts/healthcheck.mjs heartbeat', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/5';
  const redis = createRedis(redisUrl, 'healthcheck-spec');
  // An app name of this run's own, so parallel runs never see each other's key.
  const app = `spec-${process.pid}`;
  const key = `herald:heartbeat:${app}:${hostname()}`;

  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('is healthy while the key the app refreshes exists, and unhealthy once it has expired', async () => {
    await redis.set(key, new Date().toISOString(), 'EX', 60);
    const alive = await healthcheck(['heartbeat', app], { REDIS_URL: redisUrl });
    expect(alive).toEqual({ code: 0, output: expect.stringContaining(`healthy: ${key}`) });
    await redis.del(key);
    const gone = await healthcheck(['heartbeat', app], { REDIS_URL: redisUrl });
    expect(gone).toEqual({ code: 1, output: expect.stringContaining('no heartbeat') });
  });

  it('is unhealthy when Redis cannot be reached or is not configured', async () => {
    expect((await healthcheck(['heartbeat', app], { REDIS_URL: 'redis://127.0.0.1:1/0' })).code).toBe(1);
    expect(await healthcheck(['heartbeat', app])).toEqual({ code: 1, output: expect.stringContaining('REDIS_URL is not set') });
  });
});

describe('scripts/healthcheck.mjs http', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/health' ? 200 : 503;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('passes on 2xx and fails on 5xx or no answer', async () => {
    expect((await healthcheck(['http', `${base}/health`])).code).toBe(0);
    expect(await healthcheck(['http', `${base}/down`])).toEqual({ code: 1, output: expect.stringContaining('answered 503') });
    expect((await healthcheck(['http', 'http://127.0.0.1:1/'])).code).toBe(1);
    expect((await healthcheck(['nonsense'])).code).toBe(1);
  });
});
