import request from 'supertest';
import { signUp, startTestBackend, type TestBackend } from './harness';

describe('sessions: CSRF, organizations and health', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  function sessionCookie(agent: { jar: { getCookie: (name: string, access: unknown) => { value: string } | undefined } }): string {
    const cookie = agent.jar.getCookie('auth', { domain: '127.0.0.1', path: '/', secure: false, script: false });
    return `auth=${cookie?.value ?? ''}`;
  }

  describe('CSRF', () => {
    it('refuses a cookie-authenticated mutation from another origin', async () => {
      const { agent } = await signUp(backend, 'csrf');
      const cookie = sessionCookie(agent as never);
      const res = await request(backend.server).put('/user/self').set('Cookie', cookie).set('Origin', 'https://evil.example').send({ name: 'x' }).expect(403);
      expect(res.body.code).toBe('csrf_rejected');
    });

    it('refuses a cookie-authenticated mutation with no Origin or Referer', async () => {
      const { agent } = await signUp(backend, 'csrf2');
      const res = await request(backend.server).put('/user/self').set('Cookie', sessionCookie(agent as never)).send({ name: 'x' }).expect(403);
      expect(res.body.code).toBe('csrf_rejected');
    });

    it('accepts the dashboard origin through Referer too', async () => {
      const { agent } = await signUp(backend, 'csrf3');
      await request(backend.server)
        .put('/user/self')
        .set('Cookie', sessionCookie(agent as never))
        .set('Referer', 'http://localhost:4200/settings')
        .send({ name: 'Ok' })
        .expect(200);
    });

    it('refuses a cross-site login attempt even without a cookie', async () => {
      const res = await request(backend.server).post('/auth/login').set('Origin', 'https://evil.example').send({ email: 'a@b.co', password: 'whatever1' }).expect(403);
      expect(res.body.code).toBe('csrf_rejected');
    });

    it('lets reads through from anywhere (CORS decides what the browser may read)', async () => {
      const { agent } = await signUp(backend, 'csrf4');
      await request(backend.server).get('/user/self').set('Cookie', sessionCookie(agent as never)).set('Origin', 'https://evil.example').expect(200);
    });
  });

  describe('organizations', () => {
    it('selects the organization with the showorg header and refuses non-members with 403', async () => {
      const a = await signUp(backend, 'orga');
      const b = await signUp(backend, 'orgb');
      const own = await a.agent.get('/user/self').set('showorg', a.organization.id).expect(200);
      expect(own.body.currentOrganizationId).toBe(a.organization.id);
      for (const value of [b.organization.id, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
        const res = await a.agent.get('/user/self').set('showorg', value).expect(403);
        expect(res.body.code).toBe('not_a_member');
      }
      await a.agent.put('/user/self').set('showorg', b.organization.id).send({ name: 'x' }).expect(403);
    });

    it('uses the first organization without the header', async () => {
      const a = await signUp(backend, 'first');
      const res = await a.agent.get('/user/self').expect(200);
      expect(res.body.currentOrganizationId).toBe(a.organization.id);
    });
  });

  describe('health', () => {
    it('answers 200 with both checks up', async () => {
      const res = await request(backend.server).get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    });

    it('answers 503 naming redis when Redis is unreachable', async () => {
      const broken = await startTestBackend({ REDIS_URL: 'redis://127.0.0.1:1' });
      try {
        const res = await request(broken.server).get('/health').expect(503);
        expect(res.body).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
      } finally {
        await broken.close();
      }
    });

    it('answers 503 naming the database when Postgres is unreachable', async () => {
      const broken = await startTestBackend({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/herald_test' });
      try {
        const res = await request(broken.server).get('/health').expect(503);
        expect(res.body).toEqual({ status: 'error', checks: { database: 'down', redis: 'up' } });
      } finally {
        await broken.close();
      }
    });
  });
});
