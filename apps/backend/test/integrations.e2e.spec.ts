import request from 'supertest';
import { FRONTEND, signUp, startTestBackend } from './harness';
import { consent, type PlatformHarness, startPlatformHarness } from './platform-harness';

type Agent = Awaited<ReturnType<typeof signUp>>['agent'];

async function authorizationUrl(agent: Agent, provider: string, refresh?: string): Promise<string> {
  const res = await agent.get(`/integrations/social/${provider}${refresh ? `?refresh=${refresh}` : ''}`).expect(200);
  return (res.body as { url: string }).url;
}

async function connect(h: PlatformHarness, agent: Agent, provider: string, choice: Parameters<typeof consent>[2] = {}, refresh?: string) {
  const query = await consent(h, await authorizationUrl(agent, provider, refresh), choice);
  return agent.post(`/integrations/social/${provider}/connect`).send(query);
}

describe('channels over OAuth against the strict sandbox', () => {
  let h: PlatformHarness;

  beforeAll(async () => {
    h = await startPlatformHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists the catalogue with what each platform needs', async () => {
    const { agent } = await signUp(h.backend, 'cat');
    const res = await agent.get('/integrations').expect(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ identifier: 'x', name: 'X', configured: true, isBetweenSteps: false, redirectUri: `${FRONTEND}/integrations/social/x` }),
        expect.objectContaining({ identifier: 'instagram', configured: true, isBetweenSteps: true }),
        expect.objectContaining({ identifier: 'instagram-standalone', configured: true, isBetweenSteps: false }),
        expect.objectContaining({ identifier: 'facebook', configured: true, isBetweenSteps: true }),
      ]),
    );
  });

  describe('X (OAuth 1.0a)', () => {
    it('connects, stores the tokens encrypted and never returns them', async () => {
      const { agent, organization } = await signUp(h.backend, 'x');
      const url = await authorizationUrl(agent, 'x');
      expect(url).toContain(`${h.sandbox.urls.X_API_URL}/oauth/authenticate?oauth_token=`);
      const query = await consent(h, url, { persona: 'alice' });
      const res = await agent.post('/integrations/social/x/connect').send(query).expect(200);
      expect(res.body).toEqual({ id: expect.any(String), name: 'Sandbox Alice', identifier: 'x', picture: expect.any(String), inBetweenSteps: false });

      const row = await h.backend.db.integration.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(row).toMatchObject({ organizationId: organization.id, internalId: '1790000000000000001', profile: 'sandbox_alice', providerIdentifier: 'x' });
      const issued = h.sandbox.ledger.tokens.filter((t) => t.sensitive).map((t) => t.value);
      expect(issued.length).toBeGreaterThan(0);
      expect(row.token).toMatch(/^v2\./);
      expect(row.tokenSecret).toMatch(/^v2\./);
      for (const token of issued) {
        expect(row.token).not.toContain(token);
        expect(row.tokenSecret ?? '').not.toContain(token);
      }

      const list = await agent.get('/integrations/list').expect(200);
      expect(list.body.integrations).toEqual([
        { id: res.body.id, name: 'Sandbox Alice', identifier: 'x', picture: expect.any(String), username: 'sandbox_alice', disabled: false, refreshNeeded: false, inBetweenSteps: false, premium: false, type: 'social', customer: null },
      ]);
      const text = JSON.stringify(list.body);
      for (const token of issued) expect(text).not.toContain(token);
    });

    it('answers a denial with 400 access_denied', async () => {
      const { agent } = await signUp(h.backend, 'xdeny');
      const res = await connect(h, agent, 'x', { decision: 'deny' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('access_denied');
      expect((await agent.get('/integrations/list')).body.integrations).toEqual([]);
    });

    it('refuses a reused request token and one issued to another organization', async () => {
      const a = await signUp(h.backend, 'xa');
      const b = await signUp(h.backend, 'xb');
      const query = await consent(h, await authorizationUrl(a.agent, 'x'));
      const stolen = await b.agent.post('/integrations/social/x/connect').send(query).expect(400);
      expect(stolen.body.code).toBe('invalid_state');
      // The state was consumed by the refused attempt: single use, whoever presents it.
      const again = await a.agent.post('/integrations/social/x/connect').send(query).expect(400);
      expect(again.body.code).toBe('invalid_state');
    });

    it('reconnects in place: same channel, refreshNeeded cleared, no duplicate', async () => {
      const { agent, organization } = await signUp(h.backend, 'xre');
      const first = (await connect(h, agent, 'x')).body as { id: string };
      await h.backend.db.integration.update({ where: { id: first.id }, data: { refreshNeeded: true } });
      const second = await connect(h, agent, 'x', {}, first.id);
      expect(second.status).toBe(200);
      expect(second.body.id).toBe(first.id);
      const rows = await h.backend.db.integration.findMany({ where: { organizationId: organization.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]?.refreshNeeded).toBe(false);
    });

    it('refuses a reconnect that signs in as another account', async () => {
      const { agent } = await signUp(h.backend, 'xwrong');
      const first = (await connect(h, agent, 'x', { persona: 'alice' })).body as { id: string };
      const res = await connect(h, agent, 'x', { persona: 'bob' }, first.id);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('wrong_account');
    });
  });

  describe('OAuth state', () => {
    it('refuses an expired state', async () => {
      const { agent } = await signUp(h.backend, 'expired');
      const url = new URL(await authorizationUrl(agent, 'instagram-standalone'));
      const state = url.searchParams.get('state') ?? '';
      expect(Buffer.from(state, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(await h.backend.redis.ttl(`herald:oauth:${state}`)).toBeGreaterThan(290);
      const query = await consent(h, url.toString());
      await h.backend.redis.del(`herald:oauth:${state}`); // what the 300 s TTL does
      const res = await agent.post('/integrations/social/instagram-standalone/connect').send(query).expect(400);
      expect(res.body.code).toBe('invalid_state');
    });

    it('refuses a reused state and a state for another provider', async () => {
      const { agent } = await signUp(h.backend, 'reuse');
      const query = await consent(h, await authorizationUrl(agent, 'instagram-standalone'));
      await agent.post('/integrations/social/instagram-standalone/connect').send(query).expect(200);
      const reused = await agent.post('/integrations/social/instagram-standalone/connect').send(query).expect(400);
      expect(reused.body.code).toBe('invalid_state');

      const other = await consent(h, await authorizationUrl(agent, 'instagram-standalone'));
      const res = await agent.post('/integrations/social/facebook/connect').send(other).expect(400);
      expect(res.body.code).toBe('invalid_state');
    });

    it('refuses a state issued to another organization of the same person', async () => {
      const a = await signUp(h.backend, 'orgswitch');
      const other = await h.backend.db.organization.create({ data: { name: 'Second org' } });
      await h.backend.db.userOrganization.create({ data: { userId: a.user.id, organizationId: other.id, role: 'OWNER' } });
      const query = await consent(h, await authorizationUrl(a.agent, 'instagram-standalone'));
      const res = await a.agent.post('/integrations/social/instagram-standalone/connect').set('showorg', other.id).send(query).expect(400);
      expect(res.body.code).toBe('invalid_state');
    });

    it('refuses a malformed callback body', async () => {
      const { agent } = await signUp(h.backend, 'badbody');
      const res = await agent.post('/integrations/social/x/connect').send({ oauth_token: 42 }).expect(400);
      expect(res.body.code).toBe('validation_failed');
      await agent.post('/integrations/social/myspace/connect').send({}).expect(404);
    });
  });

  describe('Instagram Login (standalone)', () => {
    it('connects with a long-lived token and refreshes it after 24 hours', async () => {
      const { agent } = await signUp(h.backend, 'ig');
      const res = await connect(h, agent, 'instagram-standalone');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ identifier: 'instagram-standalone', name: 'Sandbox Alice', inBetweenSteps: false });
      const row = await h.backend.db.integration.findUniqueOrThrow({ where: { id: res.body.id } });
      const days = ((row.tokenExpiration?.getTime() ?? 0) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(59);
      expect(days).toBeLessThan(61);

      const early = await agent.post(`/integrations/${res.body.id}/refresh`);
      expect(early.status).toBeGreaterThanOrEqual(400);

      h.sandbox.clock.advance(25 * 3600 * 1000);
      try {
        const refreshed = await agent.post(`/integrations/${res.body.id}/refresh`).expect(200);
        expect(refreshed.body).toMatchObject({ id: res.body.id, refreshNeeded: false });
        const after = await h.backend.db.integration.findUniqueOrThrow({ where: { id: res.body.id } });
        expect(after.token).not.toBe(row.token);
      } finally {
        h.sandbox.clock.advance(-25 * 3600 * 1000);
      }
    });

    it('marks the channel refreshNeeded when the platform says the token is revoked (190)', async () => {
      const { agent } = await signUp(h.backend, 'ig190');
      const res = await connect(h, agent, 'instagram-standalone', { persona: 'carol' });
      expect(res.status).toBe(200);
      h.sandbox.tokens.deauthorize('carol', 'instagram');
      const refused = await agent.post(`/integrations/${res.body.id}/refresh`).expect(409);
      expect(refused.body.code).toBe('reconnect_needed');
      const list = await agent.get('/integrations/list').expect(200);
      expect(list.body.integrations[0]).toMatchObject({ id: res.body.id, refreshNeeded: true });
      // The channel-token manager's notice, as when publishing or the cron finds the grant gone: once, not per try.
      await agent.post(`/integrations/${res.body.id}/refresh`).expect(409);
      const notices = await h.backend.db.notification.findMany({ where: { integrationId: res.body.id, type: 'channel.refresh_needed' } });
      expect(notices).toHaveLength(1);
    });
  });

  describe('Facebook Pages and Instagram via Facebook (in-between step)', () => {
    it('connects a Facebook Page through the page picker', async () => {
      const { agent, organization } = await signUp(h.backend, 'fb');
      const res = await connect(h, agent, 'facebook');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ identifier: 'facebook', inBetweenSteps: true });
      const pages = await agent.get(`/integrations/${res.body.id}/pages`).expect(200);
      expect(pages.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: '110000000000101', name: "Sandbox Alice's Bakery" }), expect.objectContaining({ id: '110000000000103' })]),
      );
      const done = await agent.post(`/integrations/${res.body.id}/pages`).send({ pageId: '110000000000101' }).expect(200);
      expect(done.body).toMatchObject({ id: res.body.id, name: "Sandbox Alice's Bakery", identifier: 'facebook', inBetweenSteps: false });
      const row = await h.backend.db.integration.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(row).toMatchObject({ internalId: '110000000000101', rootInternalId: '100000000000101', inBetweenSteps: false, organizationId: organization.id });
      expect(row.token).toMatch(/^v2\./);

      // Connecting the same Page again leaves one channel.
      const again = await connect(h, agent, 'facebook');
      await agent.post(`/integrations/${again.body.id}/pages`).send({ pageId: '110000000000101' }).expect(200);
      const rows = await h.backend.db.integration.findMany({ where: { organizationId: organization.id, deletedAt: null } });
      expect(rows).toHaveLength(1);
    });

    it('lists only Pages with a linked Instagram account and stores the Instagram identity', async () => {
      const { agent } = await signUp(h.backend, 'igfb');
      const res = await connect(h, agent, 'instagram');
      expect(res.status).toBe(200);
      const pages = await agent.get(`/integrations/${res.body.id}/pages`).expect(200);
      const ids = (pages.body as Array<{ id: string }>).map((p) => p.id);
      expect(ids).toEqual(expect.arrayContaining(['17841400000000101', '17841400000000102']));
      expect(ids).toHaveLength(2);
      const done = await agent.post(`/integrations/${res.body.id}/pages`).send({ pageId: '17841400000000101' }).expect(200);
      expect(done.body).toMatchObject({ identifier: 'instagram', inBetweenSteps: false });
      const row = await h.backend.db.integration.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(row).toMatchObject({ internalId: '17841400000000101', profile: 'sandbox.alice' });
      expect(row.settings).toMatchObject({ pageId: '110000000000101' });
    });

    it('follows pagination for a person with many Pages', async () => {
      const { agent } = await signUp(h.backend, 'bob');
      const res = await connect(h, agent, 'facebook', { persona: 'bob' });
      const pages = await agent.get(`/integrations/${res.body.id}/pages`).expect(200);
      expect((pages.body as unknown[]).length).toBe(27);
    });

    it('names a permission the person did not grant', async () => {
      const { agent } = await signUp(h.backend, 'perm');
      const res = await connect(h, agent, 'facebook', { grantScopes: ['pages_show_list', 'pages_read_engagement', 'business_management'] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('missing_permission');
      expect(res.body.message).toContain('pages_manage_posts');
    });

    it('refuses a page the account cannot manage', async () => {
      const { agent } = await signUp(h.backend, 'badpage');
      const res = await connect(h, agent, 'facebook');
      const refused = await agent.post(`/integrations/${res.body.id}/pages`).send({ pageId: '999' }).expect(400);
      expect(refused.body.code).toBe('unknown_page');
    });
  });

  describe('managing channels', () => {
    it('disables, enables and deletes (revoking at the platform), scoped to the organization', async () => {
      const a = await signUp(h.backend, 'mgr');
      const b = await signUp(h.backend, 'intruder');
      const channel = (await connect(h, a.agent, 'x', { persona: 'carol' })).body as { id: string };

      for (const [method, path] of [
        ['post', `/integrations/${channel.id}/disable`],
        ['post', `/integrations/${channel.id}/enable`],
        ['post', `/integrations/${channel.id}/refresh`],
        ['get', `/integrations/${channel.id}/pages`],
        ['post', `/integrations/${channel.id}/pages`],
        ['delete', `/integrations/${channel.id}`],
      ] as const) {
        const res = await b.agent[method](path).send(method === 'post' && path.endsWith('pages') ? { pageId: '1' } : {});
        expect([403, 404]).toContain(res.status);
      }
      expect((await b.agent.get('/integrations/list')).body.integrations).toEqual([]);

      await a.agent.post(`/integrations/${channel.id}/disable`).expect(200);
      expect((await a.agent.get('/integrations/list')).body.integrations[0]).toMatchObject({ disabled: true });
      await a.agent.post(`/integrations/${channel.id}/enable`).expect(200);
      expect((await a.agent.get('/integrations/list')).body.integrations[0]).toMatchObject({ disabled: false });

      const revokes = () => h.sandbox.ledger.requests.filter((r) => r.path.endsWith('/oauth/invalidate_token') && r.status === 200).length;
      const revokedBefore = revokes();
      const deleted = await a.agent.delete(`/integrations/${channel.id}`).expect(200);
      expect(deleted.body).toMatchObject({ deleted: true, revoked: true });
      expect(revokes()).toBe(revokedBefore + 1);
      expect((await a.agent.get('/integrations/list')).body.integrations).toEqual([]);
      await a.agent.post(`/integrations/${channel.id}/disable`).expect(404);
    });

    it('answers 404 for ids that are not UUIDs', async () => {
      const { agent } = await signUp(h.backend, 'uuid');
      await agent.post('/integrations/not-a-uuid/disable').expect(404);
      await agent.get('/integrations/social/x?refresh=nope').expect(404);
    });

    it('requires a session and a same-origin request', async () => {
      await request(h.backend.server).get('/integrations/list').expect(401);
      const { agent } = await signUp(h.backend, 'csrfint');
      await agent.post('/integrations/social/x/connect').set('Origin', 'https://evil.example').send({}).expect(403);
    });
  });
});

describe('a server without platform credentials', () => {
  it('shows platforms as not configured and names the variables to set', async () => {
    const backend = await startTestBackend();
    try {
      const { agent } = await signUp(backend, 'nocreds');
      const catalogue = await agent.get('/integrations').expect(200);
      expect(catalogue.body.every((c: { configured: boolean }) => !c.configured)).toBe(true);
      const res = await agent.get('/integrations/social/facebook').expect(400);
      expect(res.body.code).toBe('provider_not_configured');
      expect(res.body.message).toContain('FACEBOOK_APP_ID');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'FACEBOOK_APP_SECRET' })]));
    } finally {
      await backend.close();
    }
  });
});
