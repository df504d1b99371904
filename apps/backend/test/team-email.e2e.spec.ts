import { randomUUID } from 'node:crypto';
import { signRequest } from '@herald/crypto';
import request from 'supertest';
import { linkIn } from '../../../test/support/smtp-capture';
import { waitFor } from '../../workers/test/support/harness';
import { type EmailBackend, startEmailBackend } from './email-harness';
import { FRONTEND, signUp, uniqueEmail } from './harness';

const FACEBOOK_SECRET = 'facebook-app-secret-for-the-email-spec';

// Invitations and password resets against a real SMTP server: the link is read from the email the server received.
describe('teams and email: invitations and password resets by email', () => {
  let h: EmailBackend;

  beforeAll(async () => {
    h = await startEmailBackend({ FACEBOOK_APP_ID: '990000000000201', FACEBOOK_APP_SECRET: FACEBOOK_SECRET });
  });
  afterAll(async () => {
    await h?.close();
  });

  const tokenOf = (link: string, path: string) => link.slice(`${FRONTEND}/${path}/`.length);

  async function invite(owner: Awaited<ReturnType<typeof signUp>>, role: 'ADMIN' | 'MEMBER', email = uniqueEmail('invitee')) {
    const res = await owner.agent.post('/organization/invitations').send({ email, role }).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), email, role, expiresAt: expect.any(String), createdAt: expect.any(String), invitedBy: { email: owner.email, name: null }, emailed: true });
    const mail = await h.smtp.waitFor(email);
    return { email, id: res.body.id as string, mail, token: tokenOf(linkIn(mail, `${FRONTEND}/invite/`), 'invite') };
  }

  it('emails an invitation whose link, accepted without a session, creates the account, joins and signs in', async () => {
    const owner = await signUp(h.backend, 'inviter');
    const { email, mail, token } = await invite(owner, 'MEMBER');
    expect(mail.from).toBe('"Herald" <herald@example.test>');
    expect(mail.subject).toBe('Join inviter Inc on Herald');
    expect(mail.text).toContain(`${owner.email} invited you to join inviter Inc`);
    expect(mail.html).toContain(`href="${FRONTEND}/invite/${token}"`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expires = new Date((await owner.agent.get('/organization/invitations').expect(200)).body[0].expiresAt as string).getTime();
    expect(Math.round((expires - Date.now()) / 3600_000)).toBe(7 * 24);

    const anonymous = h.backend.agent();
    const preview = await anonymous.get(`/auth/invitations/${token}`).expect(200);
    expect(preview.body).toEqual({ organization: { name: 'inviter Inc' }, email, role: 'MEMBER', expiresAt: expect.any(String) });
    const accepted = await anonymous.post(`/auth/invitations/${token}/accept`).send({ password: 'a new member password', name: 'Nia' }).expect(201);
    expect(accepted.body).toEqual({ user: { id: expect.any(String), email }, organization: { id: owner.organization.id, name: 'inviter Inc' } });
    const self = await anonymous.get('/user/self').expect(200);
    expect(self.body).toMatchObject({ email, name: 'Nia', organizations: [{ id: owner.organization.id, role: 'MEMBER' }], emailConfigured: true, emailNotifications: { failures: false, channels: false } });
    // Single use: the link is gone, and so is the pending invitation.
    await h.backend.agent().get(`/auth/invitations/${token}`).expect(404);
    await h.backend.agent().post(`/auth/invitations/${token}/accept`).send({ password: 'another password' }).expect(404);
    expect((await owner.agent.get('/organization/invitations').expect(200)).body).toEqual([]);
    const members = await owner.agent.get('/organization/members').expect(200);
    expect(members.body.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, 'OWNER'],
      [email, 'MEMBER'],
    ]);
  });

  it('joins the signed-in account of the invited email, and refuses another signed-in account', async () => {
    const owner = await signUp(h.backend, 'host');
    const guest = await signUp(h.backend, 'guest');
    const stranger = await signUp(h.backend, 'stranger');
    const { token } = await invite(owner, 'ADMIN', guest.email);
    const refused = await stranger.agent.post(`/auth/invitations/${token}/accept`).send({}).expect(403);
    expect(refused.body.code).toBe('invitation_for_another_account');
    await guest.agent.post(`/auth/invitations/${token}/accept`).send({}).expect(201);
    const self = await guest.agent.get('/user/self').set('showorg', owner.organization.id).expect(200);
    expect(self.body.organizations).toEqual([
      { id: guest.organization.id, name: 'guest Inc', role: 'OWNER' },
      { id: owner.organization.id, name: 'host Inc', role: 'ADMIN' },
    ]);
    expect(self.body.emailNotifications).toEqual({ failures: true, channels: true });
  });

  it("joins an existing account without a session when the account's own password is given", async () => {
    const owner = await signUp(h.backend, 'agency');
    const existing = await signUp(h.backend, 'freelancer');
    const { token } = await invite(owner, 'MEMBER', existing.email);
    const wrong = await h.backend.agent().post(`/auth/invitations/${token}/accept`).send({ password: 'not the password' }).expect(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    const agent = h.backend.agent();
    const joined = await agent.post(`/auth/invitations/${token}/accept`).send({ password: existing.password }).expect(201);
    expect(joined.body.user.id).toBe(existing.user.id);
    await agent.get('/posts').query({ startDate: new Date().toISOString(), endDate: new Date(Date.now() + 86400_000).toISOString() }).set('showorg', owner.organization.id).expect(200);
  });

  it('resends on a second invitation (the first link dies), and a revoked invitation is gone', async () => {
    const owner = await signUp(h.backend, 'resender');
    const email = uniqueEmail('twice');
    const first = await invite(owner, 'MEMBER', email);
    await owner.agent.post('/organization/invitations').send({ email, role: 'ADMIN' }).expect(201);
    const second = await h.smtp.waitFor(email, 2);
    await h.backend.agent().get(`/auth/invitations/${first.token}`).expect(404);
    const token = tokenOf(linkIn(second, `${FRONTEND}/invite/`), 'invite');
    expect((await h.backend.agent().get(`/auth/invitations/${token}`).expect(200)).body.role).toBe('ADMIN');
    const [pending] = (await owner.agent.get('/organization/invitations').expect(200)).body as { id: string }[];
    await owner.agent.delete(`/organization/invitations/${pending?.id ?? ''}`).expect(200);
    await h.backend.agent().get(`/auth/invitations/${token}`).expect(404);
    await owner.agent.delete(`/organization/invitations/${pending?.id ?? ''}`).expect(404);
    const again = await owner.agent.post('/organization/invitations').send({ email: owner.email, role: 'MEMBER' }).expect(409);
    expect(again.body.code).toBe('already_member');
  });

  it('emails a one-hour reset link; using it sets the password and signs the account out everywhere', async () => {
    const person = await signUp(h.backend, 'forgetful');
    const other = h.backend.agent();
    await other.post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
    expect((await h.backend.agent().get('/auth/forgot').expect(200)).body).toEqual({ emailConfigured: true });
    const asked = await h.backend.agent().post('/auth/forgot').send({ email: person.email.toUpperCase() }).expect(202);
    expect(asked.body).toEqual({ emailConfigured: true });
    const mail = await h.smtp.waitFor(person.email);
    expect(mail.subject).toBe('Reset your Herald password');
    const token = tokenOf(linkIn(mail, `${FRONTEND}/reset/`), 'reset');
    expect(mail.html).toContain(`href="${FRONTEND}/reset/${token}"`);
    const reset = await h.backend.db.passwordReset.findFirstOrThrow({ where: { user: { email: person.email } } });
    expect(Math.round((reset.expiresAt.getTime() - reset.createdAt.getTime()) / 60_000)).toBe(60);

    await h.backend.agent().get(`/auth/reset/${token}`).expect(200);
    const short = await h.backend.agent().post('/auth/reset').send({ token, password: 'short' }).expect(400);
    expect(short.body.code).toBe('validation_failed');
    await h.backend.agent().post('/auth/reset').send({ token, password: 'my brand new password' }).expect(200);
    // Every session of the account is revoked: the registering one and the other login.
    await person.agent.get('/user/self').expect(401);
    await other.get('/user/self').expect(401);
    await h.backend.agent().post('/auth/login').send({ email: person.email, password: person.password }).expect(401);
    const fresh = h.backend.agent();
    await fresh.post('/auth/login').send({ email: person.email, password: 'my brand new password' }).expect(200);
    await fresh.get('/user/self').expect(200);
    // Single use.
    const reused = await h.backend.agent().post('/auth/reset').send({ token, password: 'yet another password' }).expect(400);
    expect(reused.body.code).toBe('invalid_token');
    await h.backend.agent().get(`/auth/reset/${token}`).expect(404);
  });

  it('answers 202 for an unknown email and sends nothing (no account enumeration), and throttles', async () => {
    const unknown = uniqueEmail('nobody');
    const res = await h.backend.agent().post('/auth/forgot').send({ email: unknown }).expect(202);
    expect(res.body).toEqual({ emailConfigured: true });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await h.backend.agent().post('/auth/forgot').send({ email: unknown })).status);
    expect(statuses.slice(0, 4)).toEqual([202, 202, 202, 202]);
    expect(statuses[5]).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.smtp.to(unknown)).toEqual([]);
  });

  it('signs out everywhere: every session of the account stops, this one too', async () => {
    const person = await signUp(h.backend, 'everywhere');
    const laptop = h.backend.agent();
    await laptop.post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
    await person.agent.post('/auth/logout-all').expect(204);
    await person.agent.get('/user/self').expect(401);
    await laptop.get('/user/self').expect(401);
    const again = h.backend.agent();
    await again.post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
    await again.get('/user/self').expect(200);
  });

  it('emails the owners when the platform disconnects a channel (Meta deauthorize), queued by the API and sent by the workers', async () => {
    const owner = await signUp(h.backend, 'deauthorized');
    const facebookUser = String(Date.now());
    const channel = await h.backend.db.integration.create({
      data: { organizationId: owner.organization.id, internalId: randomUUID(), rootInternalId: facebookUser, name: 'Corner Bakery', providerIdentifier: 'facebook', token: 'not-a-token' },
    });
    const signed = signRequest({ algorithm: 'HMAC-SHA256', user_id: facebookUser, issued_at: Math.floor(Date.now() / 1000) }, FACEBOOK_SECRET);
    await request(h.backend.server).post('/integrations/meta/deauthorize').type('form').send({ signed_request: signed }).expect(200);
    const mail = await h.smtp.waitFor(owner.email);
    expect(mail.subject).toBe('A channel was disconnected by the platform (deauthorized Inc)');
    expect(mail.text).toContain('Corner Bakery removed Herald');
    expect(mail.text).toContain('Channel: Corner Bakery on Facebook');
    expect(mail.text).toContain(`${FRONTEND}/channels?org=${owner.organization.id}`);
    // The worker marks the alert sent once the SMTP server accepted the mail: a moment after it arrived there.
    const sent = await waitFor('the alert marked sent', async () => (await h.backend.db.emailAlert.count({ where: { notification: { integrationId: channel.id }, sentAt: { not: null } } })) || false, 5_000);
    expect(sent).toBe(1);
  });
});
