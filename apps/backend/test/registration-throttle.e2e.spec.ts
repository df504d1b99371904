import { randomInt } from 'node:crypto';
import { freshDatabase } from '../../workers/test/support/harness';
import { signUp, startTestBackend, type TestBackend, uniqueEmail } from './harness';

/** A documentation address (RFC 5737) per test: the throttles count per client address, and specs share Redis. */
const clientAddress = () => `203.0.113.${randomInt(1, 255)}`;
const PASSWORD = 'correct horse battery';

describe('REGISTRATION=closed', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('herald_registration_closed');
    backend = await startTestBackend({ DATABASE_URL: databaseUrl, REGISTRATION: 'closed' });
  });
  afterAll(() => backend.close());

  it('lets exactly one of two concurrent first sign-ups in, as owner; later ones get 403 registration_closed', async () => {
    expect((await backend.agent().get('/auth/registration').expect(200)).body).toEqual({ open: true });
    const answers = await Promise.all(
      ['first', 'second'].map((label) =>
        backend.agent().set('X-Forwarded-For', clientAddress()).post('/auth/register').send({ email: uniqueEmail(label), password: PASSWORD, company: `${label} Inc` }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 403]);
    const refused = answers.find((a) => a.status === 403);
    expect(refused?.body).toMatchObject({ code: 'registration_closed', message: expect.any(String) });
    const owner = answers.find((a) => a.status === 201)?.body as { user: { id: string } };
    expect(await backend.db.userOrganization.findMany({ where: { userId: owner.user.id }, select: { role: true } })).toEqual([{ role: 'OWNER' }]);

    expect((await backend.agent().get('/auth/registration').expect(200)).body).toEqual({ open: false });
    const later = await backend.agent().post('/auth/register').send({ email: uniqueEmail('later'), password: PASSWORD, company: 'Later' }).expect(403);
    expect(later.body.code).toBe('registration_closed');
  });

  it('still lets an invited person join by their invitation', async () => {
    const owner = await backend.db.user.findFirstOrThrow({ select: { email: true } });
    const agent = backend.agent();
    await agent.post('/auth/login').send({ email: owner.email, password: PASSWORD }).expect(200);
    const invited = uniqueEmail('invited');
    const res = await agent.post('/organization/invitations').send({ email: invited, role: 'MEMBER' }).expect(201);
    const token = (res.body.link as string).split('/').pop() ?? '';
    const joined = await backend.agent().post(`/auth/invitations/${token}/accept`).send({ password: 'teammate password' }).expect(201);
    expect(joined.body).toMatchObject({ user: { email: invited } });
  });
});

describe('attempt throttles under concurrency', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.close());

  it('says sign-up is open when REGISTRATION=open', async () => {
    expect((await backend.agent().get('/auth/registration').expect(200)).body).toEqual({ open: true });
  });

  it('checks at most 5 of 30 parallel wrong passwords for one account; the rest get 429 with Retry-After', async () => {
    const { email } = await signUp(backend, 'parallel');
    const ip = clientAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => backend.agent().set('X-Forwarded-For', ip).post('/auth/login').send({ email, password: 'wrong password' })),
    );
    const checked = answers.filter((a) => a.status === 401);
    const refused = answers.filter((a) => a.status === 429);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(checked.length + refused.length).toBe(30);
    expect(refused[0]?.body.code).toBe('too_many_attempts');
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('gives a right password its attempt back, so only failures count', async () => {
    const { email, password } = await signUp(backend, 'rightpw');
    const ip = clientAddress();
    for (let i = 0; i < 8; i += 1) await backend.agent().set('X-Forwarded-For', ip).post('/auth/login').send({ email, password }).expect(200);
    for (let i = 0; i < 5; i += 1) await backend.agent().set('X-Forwarded-For', ip).post('/auth/login').send({ email, password: 'wrong password' }).expect(401);
    await backend.agent().set('X-Forwarded-For', ip).post('/auth/login').send({ email, password }).expect(429);
  });

  it('throttles failed sign-ups per client address (a taken email counts)', async () => {
    const { email } = await signUp(backend, 'taken');
    const ip = clientAddress();
    const answers = await Promise.all(
      Array.from({ length: 15 }, () => backend.agent().set('X-Forwarded-For', ip).post('/auth/register').send({ email, password: PASSWORD, company: 'Taken' })),
    );
    expect(answers.filter((a) => a.status === 409).length).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(5);
  });

  it('throttles the password that confirms deleting the account, counted before checking it', async () => {
    const { agent, password } = await signUp(backend, 'confirm');
    const ip = clientAddress();
    const answers = await Promise.all(Array.from({ length: 12 }, () => agent.delete('/user/self').set('X-Forwarded-For', ip).send({ password: 'wrong password' })));
    expect(answers.filter((a) => a.status === 403).length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(7);
    await agent.delete('/user/self').set('X-Forwarded-For', clientAddress()).send({ password }).expect(429);
  });

  it('throttles the password that confirms deleting the organization', async () => {
    const { agent } = await signUp(backend, 'confirm-org');
    const ip = clientAddress();
    for (let i = 0; i < 5; i += 1) expect((await agent.delete('/organization').set('X-Forwarded-For', ip).send({ password: 'wrong password' })).status).toBe(403);
    const res = await agent.delete('/organization').set('X-Forwarded-For', ip).send({ password: 'wrong password' }).expect(429);
    expect(res.body.code).toBe('too_many_attempts');
  });
});
