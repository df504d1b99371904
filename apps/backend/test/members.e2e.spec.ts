import type request from 'supertest';
import { FRONTEND, signUp, startTestBackend, type TestBackend, uniqueEmail } from './harness';

// Without EMAIL_SMTP_URL: invitation links are shown to copy, "forgot password" says no email is sent. And the rules
// of the team: admins manage the members below the owners, the last owner stays.
describe('teams without email, and the rules of members and owners', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  /** Invites by link (no SMTP) and accepts it as a new account; returns the new member's signed-in agent. */
  async function addMember(inviter: request.Agent, role: 'ADMIN' | 'MEMBER', label = 'teammate') {
    const email = uniqueEmail(label);
    const res = await inviter.post('/organization/invitations').send({ email, role }).expect(201);
    expect(res.body).toMatchObject({ email, role, emailed: false, link: expect.stringMatching(new RegExp(`^${FRONTEND}/invite/[A-Za-z0-9_-]{43}$`)) });
    const token = (res.body.link as string).split('/').pop() ?? '';
    const agent = backend.agent();
    const joined = await agent.post(`/auth/invitations/${token}/accept`).send({ password: 'teammate password' }).expect(201);
    return { agent, email, userId: joined.body.user.id as string };
  }

  it('shows the link to copy and says email is not configured', async () => {
    const owner = await signUp(backend, 'nosmtp');
    await addMember(owner.agent, 'MEMBER');
    expect((await owner.agent.get('/user/self').expect(200)).body).toMatchObject({ emailConfigured: false, emailNotifications: { failures: true, channels: true } });
    expect((await backend.agent().get('/auth/forgot').expect(200)).body).toEqual({ emailConfigured: false });
    expect((await backend.agent().post('/auth/forgot').send({ email: owner.email }).expect(202)).body).toEqual({ emailConfigured: false });
    expect(await backend.db.passwordReset.count({ where: { userId: owner.user.id } })).toBe(0);
  });

  it('lets admins manage members and admins, never owners', async () => {
    const owner = await signUp(backend, 'team');
    const admin = await addMember(owner.agent, 'ADMIN', 'admin');
    const member = await addMember(admin.agent.set('showorg', owner.organization.id), 'MEMBER', 'member');
    const asAdmin = (r: request.Test) => r.set('showorg', owner.organization.id);

    const promoted = await asAdmin(admin.agent.put(`/organization/members/${member.userId}`)).send({ role: 'ADMIN' }).expect(200);
    expect(promoted.body).toMatchObject({ userId: member.userId, email: member.email, role: 'ADMIN' });
    await asAdmin(admin.agent.put(`/organization/members/${member.userId}`)).send({ role: 'MEMBER' }).expect(200);
    for (const attempt of [
      asAdmin(admin.agent.put(`/organization/members/${member.userId}`)).send({ role: 'OWNER' }),
      asAdmin(admin.agent.put(`/organization/members/${owner.user.id}`)).send({ role: 'ADMIN' }),
      asAdmin(admin.agent.delete(`/organization/members/${owner.user.id}`)),
      asAdmin(admin.agent.post('/organization/transfer')).send({ userId: admin.userId }),
    ]) {
      const res = await attempt.expect(403);
      expect(res.body.code).toBe('forbidden');
    }
    const bad = await owner.agent.put(`/organization/members/${member.userId}`).send({ role: 'KING' }).expect(400);
    expect(bad.body.code).toBe('validation_failed');
    await owner.agent.put('/organization/members/00000000-0000-4000-8000-000000000000').send({ role: 'ADMIN' }).expect(404);

    await asAdmin(admin.agent.delete(`/organization/members/${member.userId}`)).expect(200);
    const gone = await member.agent.get('/user/self').set('showorg', owner.organization.id).expect(403);
    expect(gone.body.code).toBe('not_a_member');
    const list = await owner.agent.get('/organization/members').expect(200);
    expect(list.body.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
      [owner.user.id, 'OWNER'],
      [admin.userId, 'ADMIN'],
    ]);
  });

  it('never removes or demotes the last owner; a second owner may leave', async () => {
    const owner = await signUp(backend, 'lastowner');
    for (const attempt of [owner.agent.put(`/organization/members/${owner.user.id}`).send({ role: 'ADMIN' }), owner.agent.delete(`/organization/members/${owner.user.id}`)]) {
      const res = await attempt.expect(409);
      expect(res.body.code).toBe('last_owner');
    }
    const second = await addMember(owner.agent, 'ADMIN', 'coowner');
    await owner.agent.put(`/organization/members/${second.userId}`).send({ role: 'OWNER' }).expect(200);
    await owner.agent.delete(`/organization/members/${owner.user.id}`).expect(200);
    const left = await second.agent.get('/organization/members').set('showorg', owner.organization.id).expect(200);
    expect(left.body.map((m: { role: string }) => m.role)).toEqual(['OWNER']);
  });

  it('keeps an owner when two owners demote each other at the same time', async () => {
    const owner = await signUp(backend, 'race');
    const other = await addMember(owner.agent, 'ADMIN', 'racer');
    await owner.agent.put(`/organization/members/${other.userId}`).send({ role: 'OWNER' }).expect(200);
    const results = await Promise.all([
      owner.agent.put(`/organization/members/${other.userId}`).send({ role: 'ADMIN' }),
      other.agent.put(`/organization/members/${owner.user.id}`).set('showorg', owner.organization.id).send({ role: 'ADMIN' }),
    ]);
    // The second change is decided on what the first left: its author is no longer an owner (403), or the one it
    // demotes is the last owner (409).
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.map((r) => r.status).filter((s) => s !== 200)[0]).toBeGreaterThanOrEqual(403);
    const owners = await backend.db.userOrganization.count({ where: { organizationId: owner.organization.id, role: 'OWNER' } });
    expect(owners).toBe(1);
  });

  it('transfers the organization: the member becomes the owner, the giver an admin', async () => {
    const owner = await signUp(backend, 'giver');
    const heir = await addMember(owner.agent, 'MEMBER', 'heir');
    const self = await owner.agent.post('/organization/transfer').send({ userId: owner.user.id }).expect(400);
    expect(self.body.code).toBe('already_owner');
    await owner.agent.post('/organization/transfer').send({ userId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    const res = await owner.agent.post('/organization/transfer').send({ userId: heir.userId }).expect(200);
    expect(res.body.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
      [owner.user.id, 'ADMIN'],
      [heir.userId, 'OWNER'],
    ]);
    const refused = await owner.agent.post('/organization/transfer').send({ userId: heir.userId }).expect(403);
    expect(refused.body.code).toBe('forbidden');
  });

  it('keeps alert preferences per organization, over the role default', async () => {
    const owner = await signUp(backend, 'prefs');
    const member = await addMember(owner.agent, 'MEMBER', 'prefmember');
    const asMember = (r: request.Test) => r.set('showorg', owner.organization.id);
    expect((await asMember(member.agent.get('/user/self')).expect(200)).body.emailNotifications).toEqual({ failures: false, channels: false });
    const updated = await asMember(member.agent.put('/user/self')).send({ emailNotifications: { failures: true } }).expect(200);
    expect(updated.body.emailNotifications).toEqual({ failures: true, channels: false });
    const off = await owner.agent.put('/user/self').send({ emailNotifications: { failures: false, channels: false } }).expect(200);
    expect(off.body.emailNotifications).toEqual({ failures: false, channels: false });
    for (const body of [{ emailNotifications: { failures: 'yes' } }, { emailNotifications: { sms: true } }, { emailNotifications: 'on' }]) {
      const res = await owner.agent.put('/user/self').send(body).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });
});
