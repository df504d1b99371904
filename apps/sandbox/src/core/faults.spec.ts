import { type SandboxHandle } from '../sandbox';
import { fbConnect, graph, igConnect, xCall, xConnect } from '../test-support/flows';
import { httpsRequest } from '../test-support/http-client';
import { startMediaServer } from '../test-support/media-server';
import { startTestSandbox } from '../test-support/test-sandbox';

describe('fault injection', () => {
  let sb: SandboxHandle;
  afterEach(async () => {
    await sb.close();
  });

  const tweet = async (text: string) => {
    const creds = await xConnect(sb, 'alice');
    return { creds, call: () => xCall(sb, creds, 'POST', '/2/tweets', { text }) };
  };

  it('answers X a 429 with a reset time for the next N matches, then behaves again', async () => {
    sb = await startTestSandbox();
    const { creds } = await tweet('unused');
    const rule = sb.faults.add({ platform: 'x', method: 'POST', path: '/2/tweets', action: { type: 'rate-limit', resetInSec: 120 }, count: 2 });
    for (const text of ['a', 'b']) {
      const res = await xCall(sb, creds, 'POST', '/2/tweets', { text });
      expect(res.status).toBe(429);
      expect(Number(res.headers['x-rate-limit-reset'])).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 119);
    }
    expect((await xCall(sb, creds, 'POST', '/2/tweets', { text: 'c' })).status).toBe(201);
    expect(sb.faults.list().find((r) => r.id === rule.id)).toMatchObject({ hits: 2, remaining: 0 });
    expect(sb.ledger.published.map((p) => p.text)).toEqual(['c']);
  });

  it('times out BEFORE processing: the connection dies and nothing is published', async () => {
    sb = await startTestSandbox();
    const { call } = await tweet('never lands');
    sb.faults.add({ path: '/2/tweets', action: { type: 'timeout' }, phase: 'before', count: 1 });
    await expect(call()).rejects.toThrow();
    expect(sb.ledger.published).toHaveLength(0);
  });

  it('times out AFTER processing: the tweet exists but the answer never arrives', async () => {
    sb = await startTestSandbox();
    const { creds, call } = await tweet('lands silently');
    sb.faults.add({ path: '/2/tweets', action: { type: 'timeout' }, phase: 'after', count: 1 });
    await expect(call()).rejects.toThrow();
    expect(sb.ledger.published.map((p) => p.text)).toEqual(['lands silently']);
    const timeline = await xCall(sb, creds, 'GET', `/2/users/${creds.userId}/tweets`);
    expect(JSON.stringify(timeline.json())).toContain('lands silently');
  });

  it('answers a 5xx after processing (a gateway error on a request that took effect)', async () => {
    sb = await startTestSandbox();
    const { call } = await tweet('half known');
    sb.faults.add({ path: '/2/tweets', action: { type: 'server-error', status: 503 }, phase: 'after', count: 1 });
    const res = await call();
    expect(res.status).toBe(503);
    expect(sb.ledger.published).toHaveLength(1);
  });

  it('loses the answers of Meta publishes and of X media uploads that took effect (500 or a reset after success)', async () => {
    sb = await startTestSandbox();
    const media = await startMediaServer();
    try {
      const user = await fbConnect(sb, 'alice');
      const page = ((await graph(sb, 'fb', 'GET', '/110000000000101', { fields: 'access_token', access_token: user })).json() as { access_token: string }).access_token;
      sb.faults.add({ platform: 'facebook', method: 'POST', path: '*/feed', phase: 'after', action: { type: 'server-error', status: 500 }, count: 1 });
      expect((await graph(sb, 'fb', 'POST', '/110000000000101/feed', { message: 'feed, answer lost', access_token: page })).status).toBe(500);
      sb.faults.add({ platform: 'facebook', method: 'POST', path: '*/photos', phase: 'after', action: { type: 'timeout', mode: 'destroy' }, count: 1 });
      await expect(graph(sb, 'fb', 'POST', '/110000000000101/photos', { url: media.url('/square.jpg'), message: 'photo, answer lost', access_token: page })).rejects.toThrow();
      const ig = await igConnect(sb, 'alice');
      const container = ((await graph(sb, 'ig', 'POST', `/${ig.userId}/media`, { image_url: media.url('/square.jpg'), caption: 'IG, answer lost', access_token: ig.token })).json() as { id: string }).id;
      sb.faults.add({ platform: 'instagram', method: 'POST', path: '*/media_publish', phase: 'after', action: { type: 'timeout', mode: 'destroy' }, count: 1 });
      await expect(graph(sb, 'ig', 'POST', `/${ig.userId}/media_publish`, { creation_id: container, access_token: ig.token })).rejects.toThrow();
      expect((await graph(sb, 'ig', 'GET', `/${container}`, { fields: 'status_code', access_token: ig.token })).json()).toMatchObject({ status_code: 'PUBLISHED' });
      expect(sb.ledger.published.map((p) => p.text)).toEqual(['feed, answer lost', 'photo, answer lost', 'IG, answer lost']);

      const x = await xConnect(sb, 'bob');
      const init = (await xCall(sb, x, 'POST', '/2/media/upload/initialize', { media_type: 'image/jpeg', total_bytes: 10 })).json() as { data: { id: string } };
      sb.faults.add({ platform: 'x', path: '/2/media/upload/*/finalize', phase: 'after', action: { type: 'server-error', status: 500 }, count: 1 });
      expect((await xCall(sb, x, 'POST', `/2/media/upload/${init.data.id}/finalize`)).status).toBe(500);
      expect(sb.ledger.requests.filter((r) => r.fault !== undefined).map((r) => [r.path, r.status])).toEqual([
        ['/v25.0/110000000000101/feed', 500],
        ['/v25.0/110000000000101/photos', 0],
        [`/v25.0/${ig.userId}/media_publish`, 0],
        [`/2/media/upload/${init.data.id}/finalize`, 500],
      ]);
    } finally {
      await media.close();
    }
  });

  it('slows an answer down without changing it', async () => {
    sb = await startTestSandbox();
    const { call } = await tweet('slow');
    sb.faults.add({ path: '/2/tweets', action: { type: 'delay', ms: 50 }, count: 1 });
    expect((await call()).status).toBe(201);
  });

  it('fires probabilistic rules from the injected random source', async () => {
    const rolls = [0.01, 0.9, 0.02];
    sb = await startTestSandbox({ random: () => rolls.shift() ?? 0.99 });
    const creds = await xConnect(sb, 'alice');
    sb.faults.add({ path: '/2/tweets', action: { type: 'server-error' }, probability: 0.05 });
    const statuses = [];
    for (const text of ['p1', 'p2', 'p3', 'p4']) statuses.push((await xCall(sb, creds, 'POST', '/2/tweets', { text })).status);
    expect(statuses).toEqual([503, 201, 503, 201]);
  });

  it('matches rules bound to one account only', async () => {
    sb = await startTestSandbox();
    const alice = await igConnect(sb, 'alice');
    const bob = await igConnect(sb, 'bob');
    sb.faults.add({ platform: 'instagram', accountId: bob.userId, action: { type: 'token-revoked' } });
    expect((await graph(sb, 'ig', 'GET', '/me', { fields: 'user_id', access_token: alice.token })).status).toBe(200);
    const res = await graph(sb, 'ig', 'GET', '/me', { fields: 'user_id', access_token: bob.token });
    expect(res.json()).toMatchObject({ error: { code: 190, error_subcode: 460 } });
  });

  it('answers Graph throttling with BUC headers counted in minutes', async () => {
    sb = await startTestSandbox();
    const token = await fbConnect(sb, 'alice');
    sb.faults.add({ service: 'facebook-graph', path: '*/feed', action: { type: 'rate-limit', resetInSec: 600 } });
    const res = await graph(sb, 'fb', 'POST', '/110000000000101/feed', { message: 'x', access_token: token });
    expect(res.json()).toMatchObject({ error: { code: 80001, is_transient: true } });
    const buc = JSON.parse(String(res.headers['x-business-use-case-usage'])) as Record<string, Array<{ estimated_time_to_regain_access: number }>>;
    expect(buc['110000000000101']?.[0]?.estimated_time_to_regain_access).toBe(10);
  });

  it('is driven over the admin port too: add a rule, read the ledger, revoke a token, reset', async () => {
    sb = await startTestSandbox();
    const creds = await xConnect(sb, 'alice');
    const json = (method: string, path: string, body?: unknown) =>
      httpsRequest(`${sb.adminUrl}${path}`, sb.caCertPem, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    expect((await json('POST', '/faults', { path: '/2/users/me', action: { type: 'server-error' }, count: 1 })).status).toBe(201);
    expect((await json('POST', '/faults', { action: { type: 'explode' } })).status).toBe(400);
    expect((await xCall(sb, creds, 'GET', '/2/users/me')).status).toBe(503);
    await xCall(sb, creds, 'POST', '/2/tweets', { text: 'ledgered' });
    const ledger = (await json('GET', '/ledger')).json() as { published: Array<{ text: string }>; tokens: Array<{ value: string }> };
    expect(ledger.published.map((p) => p.text)).toEqual(['ledgered']);
    expect(ledger.tokens.map((t) => t.value)).toContain(creds.token);
    expect((await json('POST', '/tokens/revoke', { token: creds.token })).json()).toMatchObject({ found: true, platform: 'x' });
    expect((await xCall(sb, creds, 'GET', '/2/users/me')).status).toBe(401);
    expect((await json('POST', '/reset')).status).toBe(204);
    expect(((await json('GET', '/ledger')).json() as { published: unknown[] }).published).toEqual([]);
    const avatar = await httpsRequest(`${sb.adminUrl}/avatars/x/1790000000000000001_normal.png`, sb.caCertPem);
    expect(avatar.headers['content-type']).toBe('image/png');
  });

  it('deauthorizes a person on every platform and expires a Graph token', async () => {
    sb = await startTestSandbox();
    const x = await xConnect(sb, 'carol');
    const ig = await igConnect(sb, 'carol');
    const fb = await fbConnect(sb, 'carol');
    expect(sb.tokens.deauthorize('carol')).toBeGreaterThanOrEqual(3);
    expect((await xCall(sb, x, 'GET', '/2/users/me')).status).toBe(401);
    expect((await graph(sb, 'ig', 'GET', '/me', { access_token: ig.token })).json()).toMatchObject({ error: { code: 190 } });
    expect((await graph(sb, 'fb', 'GET', '/me', { access_token: fb })).json()).toMatchObject({ error: { code: 190, error_subcode: 458 } });
    const fresh = await igConnect(sb, 'alice');
    sb.tokens.expire(fresh.token);
    expect((await graph(sb, 'ig', 'GET', '/me', { access_token: fresh.token })).json()).toMatchObject({ error: { code: 190, error_subcode: 463 } });
  });
});
