import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { PublishScheduler } from '@herald/queue';
import request from 'supertest';
import { signUp, startTestBackend, type TestBackend } from './harness';

/** Reads one sample (`name{labels} value`) from a Prometheus text exposition. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(/,(?=[a-z_]+=")/).filter(Boolean);
    if (want.every((pair) => have.includes(pair)) && have.length === want.length) return Number(match[3]);
  }
  return undefined;
}

async function channel(backend: TestBackend, organizationId: string, platform: string, refreshNeeded = false) {
  return backend.db.integration.create({
    data: { organizationId, internalId: randomUUID(), name: 'Metrics channel', providerIdentifier: platform, token: 'ciphertext', refreshNeeded },
  });
}

async function post(backend: TestBackend, organizationId: string, integrationId: string, state: 'QUEUE' | 'PUBLISHED' | 'ERROR', latenessSeconds?: number) {
  const publishDate = new Date(Date.now() - 10 * 60_000);
  return backend.db.post.create({
    data: {
      organizationId,
      integrationId,
      group: randomUUID(),
      content: 'metrics',
      state,
      publishDate,
      publishedAt: latenessSeconds === undefined ? null : new Date(publishDate.getTime() + latenessSeconds * 1000),
    },
  });
}

describe('GET /metrics (real Postgres and Redis)', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('answers a scraper on this machine in the Prometheus text format', async () => {
    const res = await request(backend.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;/);
    expect(res.headers['content-type']).toContain('version=0.0.4');
    expect(res.text).toContain('# TYPE herald_queue_jobs gauge');
    expect(res.text).toContain('# TYPE herald_publish_lateness_seconds histogram');
    expect(sample(res.text, 'herald_metrics_source_up', { source: 'postgres' })).toBe(1);
    expect(sample(res.text, 'herald_metrics_source_up', { source: 'redis' })).toBe(1);
    expect(res.text).toMatch(/^herald_backend_process_resident_memory_bytes \d+/m);
  });

  it('counts posts by platform and state, channels needing reconnection and refresh failures', async () => {
    const { organization } = await signUp(backend, 'metrics');
    // A platform name of its own keeps these series apart from what other specs write at the same time.
    const platform = `metrics-${randomBytes(4).toString('hex')}`;
    const healthy = await channel(backend, organization.id, platform);
    const broken = await channel(backend, organization.id, platform, true);
    await post(backend, organization.id, healthy.id, 'QUEUE');
    await post(backend, organization.id, healthy.id, 'ERROR');
    await post(backend, organization.id, healthy.id, 'PUBLISHED', 3);
    await post(backend, organization.id, broken.id, 'PUBLISHED', 40);
    await post(backend, organization.id, broken.id, 'PUBLISHED', 400);
    const deleted = await post(backend, organization.id, broken.id, 'ERROR');
    await backend.db.post.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    await backend.db.notification.create({
      data: { organizationId: organization.id, type: 'channel.refresh_needed', message: 'lost access', integrationId: broken.id },
    });

    const { text } = await request(backend.server).get('/metrics').expect(200);
    expect(sample(text, 'herald_posts', { platform, state: 'PUBLISHED' })).toBe(3);
    expect(sample(text, 'herald_posts', { platform, state: 'ERROR' })).toBe(1);
    expect(sample(text, 'herald_posts', { platform, state: 'QUEUE' })).toBe(1);
    expect(sample(text, 'herald_channels_refresh_needed', { platform })).toBe(1);
    expect(sample(text, 'herald_token_refresh_failures_24h', { platform })).toBe(1);

    const bucket = (le: string) => sample(text, 'herald_publish_lateness_seconds_bucket', { platform, le });
    expect([bucket('1'), bucket('5'), bucket('30'), bucket('60'), bucket('300'), bucket('600'), bucket('+Inf')]).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect(sample(text, 'herald_publish_lateness_seconds_count', { platform })).toBe(3);
    expect(sample(text, 'herald_publish_lateness_seconds_sum', { platform })).toBeCloseTo(443, 3);
  });

  it('reports the depth of the publish queue from Redis', async () => {
    const scheduler = new PublishScheduler(backend.redis);
    const ids = [randomUUID(), randomUUID()];
    try {
      for (const id of ids) await scheduler.schedule(id, randomUUID(), new Date(Date.now() + 3600_000));
      const { text } = await request(backend.server).get('/metrics').expect(200);
      // Other specs share this queue, so only a lower bound holds.
      expect(sample(text, 'herald_queue_jobs', { queue: 'publish', state: 'delayed' })).toBeGreaterThanOrEqual(2);
      for (const state of ['waiting', 'active', 'failed']) expect(sample(text, 'herald_queue_jobs', { queue: 'publish', state })).toEqual(expect.any(Number));
    } finally {
      for (const id of ids) await scheduler.cancel(id);
      await scheduler.close();
    }
  });
});

describe('GET /metrics when Redis is unreachable', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ REDIS_URL: 'redis://127.0.0.1:1/0' });
  });
  afterAll(async () => {
    await backend.close();
  });

  it('still answers, with the Postgres series and redis marked down', async () => {
    const { text } = await request(backend.server).get('/metrics').expect(200);
    expect(sample(text, 'herald_metrics_source_up', { source: 'redis' })).toBe(0);
    expect(sample(text, 'herald_metrics_source_up', { source: 'postgres' })).toBe(1);
    expect(text).not.toMatch(/^herald_queue_jobs\{/m);
  });
});

/** An IPv4 address of this machine that is not loopback (eth0's), when there is one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

describe('GET /metrics from elsewhere, without METRICS_TOKEN', () => {
  let backend: TestBackend;
  let listener: Server;

  beforeAll(async () => {
    backend = await startTestBackend();
    // A second listener on every interface, reached through the machine's own non-loopback address.
    listener = createServer(backend.app.getHttpAdapter().getInstance());
    await new Promise<void>((resolve) => listener.listen(0, '0.0.0.0', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => listener.close(resolve));
    await backend.close();
  });

  (outsideAddress ? it : it.skip)('refuses a peer whose socket address is not loopback with 403', async () => {
    const { port } = listener.address() as AddressInfo;
    const res = await fetch(`http://${outsideAddress}:${port}/metrics`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'metrics_local_only' });
  });

  it('refuses a remote client forwarded by a local reverse proxy (X-Forwarded-For through the trusted loopback)', async () => {
    const res = await request(backend.server).get('/metrics').set('X-Forwarded-For', '198.51.100.7').expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'metrics_local_only' });
  });

  (outsideAddress ? it : it.skip)('refuses a non-loopback peer that writes X-Forwarded-For: 127.0.0.1', async () => {
    const { port } = listener.address() as AddressInfo;
    const res = await fetch(`http://${outsideAddress}:${port}/metrics`, { headers: { 'X-Forwarded-For': '127.0.0.1' } });
    expect(res.status).toBe(403);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('hex');
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ METRICS_TOKEN: token });
  });
  afterAll(async () => {
    await backend.close();
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer not-the-token'],
    ['another scheme', `Basic ${token}`],
  ])('refuses %s from elsewhere with 401', async (_label, header) => {
    const req = request(backend.server).get('/metrics').set('X-Forwarded-For', '198.51.100.7');
    const res = await (header ? req.set('Authorization', header) : req).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
  });

  it('answers the right bearer token from elsewhere', async () => {
    const res = await request(backend.server).get('/metrics').set('X-Forwarded-For', '198.51.100.7').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.text).toContain('herald_posts');
  });
});
