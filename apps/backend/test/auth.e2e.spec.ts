import request from 'supertest';
import { FRONTEND, signUp, startTestBackend, type TestBackend, uniqueEmail } from './harness';

describe('accounts (real Postgres and Redis)', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('registers, sets an HttpOnly session cookie and answers /user/self', async () => {
    const agent = backend.agent();
    const email = uniqueEmail('reg');
    const res = await agent.post('/auth/register').send({ email: email.toUpperCase(), password: 'long enough', company: 'Acme' }).expect(201);
    expect(res.body).toEqual({ user: { id: expect.any(String), email }, organization: { id: expect.any(String), name: 'Acme' } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^auth=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Expires=/);
    expect(cookie).not.toMatch(/Secure/);

    const self = await agent.get('/user/self').expect(200);
    expect(self.body).toEqual({
      id: res.body.user.id,
      email,
      name: null,
      timezone: 'UTC',
      organizations: [{ id: res.body.organization.id, name: 'Acme', role: 'OWNER' }],
      currentOrganizationId: res.body.organization.id,
      emailNotifications: { failures: true, channels: true },
      emailConfigured: false,
    });
    const stored = await backend.db.user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a duplicate email with 409 email_taken and writes nothing', async () => {
    const { email } = await signUp(backend, 'dup');
    const company = `Other ${email}`;
    const res = await backend.agent().post('/auth/register').send({ email, password: 'another password', company }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'email_taken', message: expect.any(String) });
    expect(await backend.db.organization.count({ where: { name: company } })).toBe(0);
  });

  it.each([
    [{ email: 'not-an-email', password: 'long enough', company: 'A' }, 'email'],
    [{ email: 'a@b.co', password: 'short', company: 'A' }, 'password'],
    [{ email: 'a@b.co', password: 'long enough', company: '' }, 'company'],
    [{ email: 'a@b.co', password: 12345678, company: 'A' }, 'password'],
    [{ email: 'a@b.co', password: 'long enough', company: 'A', role: 'OWNER' }, 'role'],
    [{ email: 'a@b.co', password: 'long enough', company: 'A', timezone: 'Mars/Olympus' }, 'timezone'],
  ])('refuses invalid registration %j naming the field', async (body, field) => {
    const res = await backend.agent().post('/auth/register').send(body).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('answers bad JSON with 400 invalid_json', async () => {
    const res = await backend.agent().post('/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'invalid_json', message: expect.any(String) });
  });

  it('logs in and out; the old cookie stops working after logout', async () => {
    const { email, password } = await signUp(backend, 'login');
    const agent = backend.agent();
    await agent.post('/auth/login').send({ email, password }).expect(200);
    const self = await agent.get('/user/self').expect(200);
    expect(self.body.email).toBe(email);
    const cookie = String((await agent.post('/auth/login').send({ email, password })).headers['set-cookie']).split(';')[0] ?? '';
    await request(backend.server).post('/auth/logout').set('Origin', FRONTEND).set('Cookie', cookie).expect(204);
    await request(backend.server).get('/user/self').set('Cookie', cookie).expect(401);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const { email } = await signUp(backend, 'wrong');
    const a = await backend.agent().post('/auth/login').send({ email, password: 'not the password' }).expect(401);
    const b = await backend.agent().post('/auth/login').send({ email: uniqueEmail('nobody'), password: 'whatever1' }).expect(401);
    expect(a.body).toEqual(b.body);
    expect(a.body.code).toBe('invalid_credentials');
  });

  it('throttles repeated failures with 429 and Retry-After, even for the right password', async () => {
    const { email, password } = await signUp(backend, 'throttle');
    for (let i = 0; i < 5; i += 1) await backend.agent().post('/auth/login').send({ email, password: 'wrong password' }).expect(401);
    const res = await backend.agent().post('/auth/login').send({ email, password }).expect(429);
    expect(res.body.code).toBe('too_many_attempts');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('requires a session for /user/self', async () => {
    const res = await request(backend.server).get('/user/self').expect(401);
    expect(res.body.code).toBe('unauthorized');
    await request(backend.server).get('/user/self').set('Cookie', 'auth=forged.jwt.value').expect(401);
  });

  it('updates the name and timezone, refusing a non-IANA timezone', async () => {
    const { agent } = await signUp(backend, 'tz');
    const res = await agent.put('/user/self').send({ timezone: 'Europe/Paris', name: 'Ada' }).expect(200);
    expect(res.body).toMatchObject({ timezone: 'Europe/Paris', name: 'Ada' });
    await agent.put('/user/self').send({ timezone: 'Europe/Nowhere' }).expect(400);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await request(backend.server).get('/no/such/route').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'not_found', message: expect.any(String) });
  });
});
