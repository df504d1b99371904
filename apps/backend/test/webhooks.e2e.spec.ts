import { webhookSecretContext } from '@herald/core';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedis, createWebhookEmitter, DeliverWebhook, type EmitWebhookEvent, verifyWebhookSignature } from '@herald/core';
import { createWebhookWorker, WebhookDeliveryQueue } from '@herald/queue';
import { TokenCipher } from '@herald/crypto';
import { WebhooksRepository } from '@herald/database';
import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel } from './posts-fixtures';

describe('webhooks: the dashboard routes', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ UPLOAD_FROM_URL_ALLOW_PRIVATE: 'false' });
  });
  afterAll(async () => {
    await backend.close();
  });

  it('creates a webhook, shows its secret once and stores it encrypted', async () => {
    const { agent, organization } = await signUp(backend, 'hooks');
    const channel = await addChannel(backend, organization.id, 'x');
    const res = await agent
      .post('/webhooks')
      .send({ name: 'Zapier', url: 'https://hooks.example.com/herald', integrations: [channel.id], events: ['post.published', 'post.failed'] })
      .expect(201);
    const { id, secret } = res.body as { id: string; secret: string };
    expect(Object.keys(res.body as object).sort()).toEqual(['id', 'secret']);
    expect(secret).toMatch(/^whsec_/);

    const row = await backend.db.webhook.findUniqueOrThrow({ where: { id } });
    expect(row.secret).not.toContain(secret);
    expect(new TokenCipher(backend.config.encryption.currentKey).decrypt(row.secret, webhookSecretContext(id))).toBe(secret);

    const list = (await agent.get('/webhooks').expect(200)).body as Record<string, unknown>[];
    expect(list).toEqual([{ id, name: 'Zapier', url: 'https://hooks.example.com/herald', integrations: [channel.id], events: ['post.published', 'post.failed'], createdAt: expect.any(String) }]);
    expect(JSON.stringify(list)).not.toContain(secret);
    expect((await agent.get(`/webhooks/${id}/deliveries`).expect(200)).body).toEqual([]);
  });

  it.each([
    ['an ftp URL', { name: 'a', url: 'ftp://example.com/x' }],
    ['cloud metadata', { name: 'a', url: 'http://169.254.169.254/latest' }],
    ['loopback', { name: 'a', url: 'http://127.0.0.1:9000/hook' }],
    ['10/8', { name: 'a', url: 'https://10.0.0.8/hook' }],
    ['localhost', { name: 'a', url: 'http://localhost:9000/hook' }],
    ['an unknown event', { name: 'a', url: 'https://example.com/h', events: ['post.deleted'] }],
    ['a channel of another organization', { name: 'a', url: 'https://example.com/h', integrations: ['00000000-0000-4000-8000-000000000000'] }],
    ['an empty name', { name: ' ', url: 'https://example.com/h' }],
    ['an unknown field', { name: 'a', url: 'https://example.com/h', secret: 'mine' }],
  ])('refuses %s with 400', async (_name, body) => {
    const { agent, organization } = await signUp(backend, 'hooks-bad');
    const res = await agent.post('/webhooks').send(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    expect(await backend.db.webhook.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  it('deletes a webhook; another organization can neither delete it nor read its deliveries', async () => {
    const a = await signUp(backend, 'hooks-a');
    const b = await signUp(backend, 'hooks-b');
    const { id } = (await a.agent.post('/webhooks').send({ name: 'A', url: 'https://example.com/a' }).expect(201)).body as { id: string };
    await b.agent.delete(`/webhooks/${id}`).expect(404);
    await b.agent.get(`/webhooks/${id}/deliveries`).expect(404);
    expect((await b.agent.get('/webhooks').expect(200)).body).toEqual([]);
    expect((await a.agent.delete(`/webhooks/${id}`).expect(200)).body).toEqual({ id, deleted: true });
    expect((await a.agent.get('/webhooks').expect(200)).body).toEqual([]);
    await a.agent.delete(`/webhooks/${id}`).expect(404);
    await a.agent.get('/webhooks/not-an-id/deliveries').expect(404);
  });

  it('lets only owners and admins see, create or delete webhooks', async () => {
    const owner = await signUp(backend, 'hooks-owner');
    const member = await signUp(backend, 'hooks-member');
    await backend.db.userOrganization.create({ data: { userId: member.user.id, organizationId: owner.organization.id, role: 'MEMBER' } });
    await member.agent.post('/webhooks').set('showorg', owner.organization.id).send({ name: 'M', url: 'https://example.com/m' }).expect(403);
    expect((await member.agent.get('/webhooks').set('showorg', owner.organization.id).expect(403)).body.code).toBe('forbidden');
  });
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('webhooks: delivery to a local receiver', () => {
  let backend: TestBackend;
  let receiver: Server;
  let receiverUrl: string;
  let queueRedis: Redis;
  let queue: WebhookDeliveryQueue;
  let worker: Worker;
  let emit: EmitWebhookEvent;
  const received: Received[] = [];
  /** Status codes the receiver answers, in order; 200 once they run out. */
  const script: number[] = [];

  beforeAll(async () => {
    backend = await startTestBackend({ UPLOAD_FROM_URL_ALLOW_PRIVATE: 'true' });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(script.shift() ?? 200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    // A prefix of its own, so that no other worker takes these jobs.
    const prefix = `herald-test-${randomBytes(4).toString('hex')}`;
    queueRedis = createRedis(backend.config.redisUrl, 'webhooks-test', { forQueue: true });
    queue = new WebhookDeliveryQueue(queueRedis, { prefix, retry: { attempts: 3, backoffMs: 50 } });
    const webhooks = new WebhooksRepository(backend.db);
    emit = createWebhookEmitter({ webhooks, jobs: queue });
    const deliver = new DeliverWebhook({ webhooks, cipher: new TokenCipher(backend.config.encryption.currentKey), now: () => new Date(), allowPrivate: true });
    worker = createWebhookWorker((payload, attempt) => deliver.run(payload.deliveryId, attempt), { connection: queueRedis, prefix });
    await worker.waitUntilReady();
  });
  afterAll(async () => {
    await worker.close();
    await queue.close();
    queueRedis.disconnect();
    await new Promise((resolve) => receiver.close(resolve));
    await backend.close();
  });

  async function settled(webhookId: string) {
    for (;;) {
      const rows = await backend.db.webhookDelivery.findMany({ where: { webhookId } });
      if (rows.length > 0 && rows.every((r) => r.status !== 'pending')) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function hook(label: string, body: Record<string, unknown> = {}) {
    const account = await signUp(backend, label);
    const channel = await addChannel(backend, account.organization.id, 'x');
    const res = await account.agent.post('/webhooks').send({ name: label, url: `${receiverUrl}?org=${label}`, ...body }).expect(201);
    return { ...account, channel, ...(res.body as { id: string; secret: string }) };
  }

  it('POSTs the event as signed JSON, and records the delivery', async () => {
    const { agent, organization, channel, id, secret } = await hook('deliver');
    const before = received.length;
    await emit(organization.id, 'post.published', { integrationId: channel.id, postId: 'p-1', releaseURL: 'https://x.com/acme/status/1' });
    const [delivery] = await settled(id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200, error: null });

    const request = received.slice(before).find((r) => r.body.includes(delivery!.id))!;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['herald-event']).toBe('post.published');
    expect(request.headers['herald-delivery']).toBe(delivery!.id);
    const signature = request.headers['herald-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, request.body, signature, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', request.body, signature, Math.floor(Date.now() / 1000))).toBe(false);
    expect(JSON.parse(request.body)).toEqual({
      id: delivery!.id,
      event: 'post.published',
      createdAt: delivery!.createdAt.toISOString(),
      data: { integrationId: channel.id, postId: 'p-1', releaseURL: 'https://x.com/acme/status/1' },
    });

    const listed = (await agent.get(`/webhooks/${id}/deliveries`).expect(200)).body as Record<string, unknown>[];
    expect(listed).toEqual([
      { id: delivery!.id, event: 'post.published', status: 'delivered', attempts: 1, responseStatus: 200, error: null, createdAt: expect.any(String), deliveredAt: expect.any(String) },
    ]);
  });

  it('retries after a failure (the receiver answers 500 first) and records both attempts', async () => {
    const { organization, channel, id } = await hook('retry');
    script.push(500);
    await emit(organization.id, 'post.failed', { integrationId: channel.id, postId: 'p-2', error: 'bad content' });
    const [delivery] = await settled(id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 200, error: null });
    expect(received.filter((r) => r.body.includes(delivery!.id))).toHaveLength(2);
  });

  it('gives up after the last attempt and says why', async () => {
    const { organization, channel, id } = await hook('give-up');
    script.push(500, 503, 500);
    await emit(organization.id, 'channel.refresh_needed', { integrationId: channel.id });
    const [delivery] = await settled(id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, responseStatus: 500, error: 'The receiver answered 500.' });
  });

  it('sends only the events and channels a webhook asked for', async () => {
    const { organization, channel, id } = await hook('filters', { events: ['post.failed'] });
    const other = await addChannel(backend, organization.id, 'facebook');
    const { id: otherOrgHook } = (await (await signUp(backend, 'unused')).agent.post('/webhooks').send({ name: 'x', url: receiverUrl }).expect(201)).body as { id: string };
    await emit(organization.id, 'post.published', { integrationId: channel.id });
    await emit(organization.id, 'post.failed', { integrationId: other.id });
    const rows = await settled(id);
    expect(rows.map((r) => r.event)).toEqual(['post.failed']);
    expect(await backend.db.webhookDelivery.count({ where: { webhookId: otherOrgHook } })).toBe(0);
  });
});
