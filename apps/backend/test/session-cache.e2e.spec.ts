import { randomBytes } from 'node:crypto';
import { hashOneTimeToken } from '@herald/crypto';
import { AccountsRepository } from '@herald/database';
import type request from 'supertest';
import { startTestBackend, type TestBackend, uniqueEmail } from './harness';
import { startRedisServer } from './s3-server';

/**
 * The session guard reads a known session from Redis (`SessionUserCache`), with no database query; and whatever
 * takes a session away or changes what it may do, done through another backend instance, holds at once on this one,
 * not after the cache's TTL.
 */
describe('sessions cached in Redis, revoked at once across instances', () => {
  let one: TestBackend;
  let two: TestBackend;
  let redis: { url: string; close: () => Promise<void> };

  // A Redis of their own: the session generation is instance-wide, and other specs' logouts and role changes on the
  // shared test Redis would otherwise empty this spec's session cache while it counts database reads.
  beforeAll(async () => {
    redis = await startRedisServer();
    one = await startTestBackend({ REDIS_URL: redis.url });
    two = await startTestBackend({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    await redis.close();
  });

  /** Registers on instance one; the same cookie can be sent to instance two. */
  async function account(label: string) {
    const agent = one.agent();
    const email = uniqueEmail(label);
    const res = await agent.post('/auth/register').send({ email, password: 'correct horse battery', company: `${label} Inc` }).expect(201);
    const cookie = ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');
    const body = res.body as { user: { id: string }; organization: { id: string } };
    return { agent, email, cookie, userId: body.user.id, organizationId: body.organization.id, on: (b: TestBackend) => b.agent().set('Cookie', cookie) };
  }

  /** Invites by link and accepts as a new account on instance one. */
  async function member(owner: request.Agent, role: 'ADMIN' | 'MEMBER') {
    const res = await owner.post('/organization/invitations').send({ email: uniqueEmail('cached-member'), role }).expect(201);
    const token = (res.body.link as string).split('/').pop() ?? '';
    const agent = one.agent();
    const joined = await agent.post(`/auth/invitations/${token}/accept`).send({ password: 'teammate password' }).expect(201);
    const cookie = ((joined.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');
    return { agent, cookie, userId: joined.body.user.id as string };
  }

  it('answers a known session without reading the account from the database', async () => {
    const me = await account('cached');
    const accounts = one.app.get(AccountsRepository);
    await me.agent.get('/user/self').expect(200);
    const spy = jest.spyOn(accounts, 'findUserWithMemberships');
    try {
      for (let i = 0; i < 5; i += 1) await me.agent.get('/posts').query({ startDate: '2033-01-03T00:00:00Z', endDate: '2033-01-09T23:59:59Z' }).expect(200);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('logout and "sign out everywhere" on one instance hold at once on the other', async () => {
    const me = await account('logout-all');
    await me.on(one).get('/user/self').expect(200);
    await me.on(two).get('/user/self').expect(200);
    await me.on(two).post('/auth/logout-all').expect(204);
    await me.on(one).get('/user/self').expect(401);

    const other = await account('logout');
    await other.on(one).get('/user/self').expect(200);
    await other.on(two).post('/auth/logout').expect((res) => expect(res.status).toBeLessThan(300));
    await other.on(one).get('/user/self').expect(401);
  });

  it('a password reset on one instance ends the sessions on the other at once', async () => {
    const me = await account('reset');
    await me.on(one).get('/user/self').expect(200);
    const token = randomBytes(32).toString('base64url');
    await one.db.passwordReset.create({ data: { userId: me.userId, tokenHash: hashOneTimeToken(token), expiresAt: new Date(Date.now() + 3600_000) } });
    await two.agent().post('/auth/reset').send({ token, password: 'a brand new password' }).expect(200);
    await me.on(one).get('/user/self').expect(401);
  });

  it('a member removed or given another role on one instance is refused or limited at once on the other', async () => {
    const owner = await account('team-cache');
    const admin = await member(owner.agent, 'ADMIN');
    const asAdmin = () => one.agent().set('Cookie', admin.cookie).set('showorg', owner.organizationId);
    // An admin may invite; warm the cache on instance one.
    await asAdmin().get('/organization/invitations').expect(200);
    await owner.on(two).put(`/organization/members/${admin.userId}`).send({ role: 'MEMBER' }).expect(200);
    expect((await asAdmin().post('/organization/invitations').send({ email: uniqueEmail('nope'), role: 'MEMBER' }).expect(403)).body.code).toBe('forbidden');
    await owner.on(two).delete(`/organization/members/${admin.userId}`).expect(200);
    expect((await asAdmin().get('/user/self').expect(403)).body.code).toBe('not_a_member');
  });

  it('an organization deleted on one instance is gone for its sessions on the other at once', async () => {
    const owner = await account('org-delete');
    const week = { startDate: '2033-01-03T00:00:00Z', endDate: '2033-01-09T23:59:59Z' };
    await owner.on(one).get('/posts').query(week).set('showorg', owner.organizationId).expect(200);
    await owner.on(two).delete('/organization').send({ password: 'correct horse battery' }).expect((res) => expect(res.status).toBeLessThan(300));
    expect((await owner.on(one).get('/posts').query(week).set('showorg', owner.organizationId).expect(403)).body.code).toBe('not_a_member');
  });
});
