import request from 'supertest';
import { signUp, startTestBackend, type TestBackend } from './harness';

describe('settings: the organization API key', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  const isConnected = (key: string) => request(backend.server).get('/public/v1/is-connected').set('Authorization', key);

  it('has none at first, then shows the whole key once and afterwards only its prefix', async () => {
    const { agent } = await signUp(backend, 'key');
    await agent.get('/settings/api-key').expect(404);

    const created = await agent.post('/settings/api-key').expect(201);
    const body = created.body as { apiKey: string; prefix: string; createdAt: string };
    expect(Object.keys(body).sort()).toEqual(['apiKey', 'createdAt', 'prefix']);
    expect(body.apiKey.startsWith(body.prefix)).toBe(true);
    expect(body.apiKey.length).toBeGreaterThan(40);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);

    const shown = await agent.get('/settings/api-key').expect(200);
    expect(shown.body).toEqual({ prefix: body.prefix, createdAt: body.createdAt });
  });

  it('stores only a hash of the key', async () => {
    const { agent, organization } = await signUp(backend, 'key-hash');
    const { apiKey } = (await agent.post('/settings/api-key').expect(201)).body as { apiKey: string };
    const row = await backend.db.apiKey.findUniqueOrThrow({ where: { organizationId: organization.id } });
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(apiKey);
  });

  it('authenticates the public API raw and as a Bearer token', async () => {
    const { agent } = await signUp(backend, 'key-use');
    const { apiKey } = (await agent.post('/settings/api-key').expect(201)).body as { apiKey: string };
    expect((await isConnected(apiKey).expect(200)).body).toEqual({ connected: true });
    expect((await isConnected(`Bearer ${apiKey}`).expect(200)).body).toEqual({ connected: true });
  });

  it('rotating invalidates the old key at once', async () => {
    const { agent } = await signUp(backend, 'key-rotate');
    const first = (await agent.post('/settings/api-key').expect(201)).body as { apiKey: string; prefix: string };
    await isConnected(first.apiKey).expect(200);
    const second = (await agent.post('/settings/api-key').expect(201)).body as { apiKey: string; prefix: string };
    expect(second.apiKey).not.toBe(first.apiKey);
    expect((await isConnected(first.apiKey).expect(401)).body).toEqual({ msg: 'Invalid API key' });
    await isConnected(second.apiKey).expect(200);
    expect((await agent.get('/settings/api-key').expect(200)).body.prefix).toBe(second.prefix);
  });

  it('is for owners and admins only', async () => {
    const owner = await signUp(backend, 'key-owner');
    const member = await signUp(backend, 'key-member');
    const admin = await signUp(backend, 'key-admin');
    await backend.db.userOrganization.create({ data: { userId: member.user.id, organizationId: owner.organization.id, role: 'MEMBER' } });
    await backend.db.userOrganization.create({ data: { userId: admin.user.id, organizationId: owner.organization.id, role: 'ADMIN' } });

    await member.agent.post('/settings/api-key').set('showorg', owner.organization.id).expect(403);
    await member.agent.get('/settings/api-key').set('showorg', owner.organization.id).expect(403);
    await admin.agent.post('/settings/api-key').set('showorg', owner.organization.id).expect(201);
    await owner.agent.get('/settings/api-key').expect(200);
  });

  it('needs a session', async () => {
    await request(backend.server).get('/settings/api-key').expect(401);
    await request(backend.server).post('/settings/api-key').set('Origin', 'http://localhost:4200').expect(401);
  });

  it("a deleted organization's key stops working", async () => {
    const a = await signUp(backend, 'key-a');
    const { apiKey } = (await a.agent.post('/settings/api-key').expect(201)).body as { apiKey: string };
    await backend.db.organization.update({ where: { id: a.organization.id }, data: { deletedAt: new Date() } });
    expect((await isConnected(apiKey).expect(401)).body).toEqual({ msg: 'Invalid API key' });
  });
});
