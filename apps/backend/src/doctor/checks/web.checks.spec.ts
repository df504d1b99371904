import { randomBytes } from 'node:crypto';
import { backendConfigFrom } from '@herald/config';
import type { HttpAnswer } from '../doctor-deps';
import { databaseChecks, redisCheck } from './infrastructure.checks';
import { uploadsCheck } from './uploads.check';
import { webChecks } from './web.checks';

const config = (extra: Record<string, string> = {}) =>
  backendConfigFrom({
    DATABASE_URL: 'postgres://herald:s3cret-password@db.internal:5432/herald',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_SECRET: 'x'.repeat(32),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...extra,
  });
const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
const answer = (status: number, body = '') => (): Promise<HttpAnswer> => Promise.resolve({ status, body });

describe('database checks', () => {
  it('never shows the password, and says how to fix a refused connection', async () => {
    const [postgres] = databaseChecks(config(), { pendingMigrations: refused });
    const result = await postgres!.run();
    expect(result).toEqual({ status: 'fail', message: 'does not answer at db.internal:5432/herald (connection refused)', fix: 'Start Postgres, or fix the host and port in DATABASE_URL.' });
  });

  it('names pending migrations and the command that applies them', async () => {
    const [postgres, migrations] = databaseChecks(config(), { pendingMigrations: () => Promise.resolve(['20261201_posts']) });
    await postgres!.run();
    const result = await migrations!.run();
    expect(result).toMatchObject({ status: 'fail', message: '1 migration is not applied yet (20261201_posts)' });
    expect(result.fix).toContain('npm run migrate');
  });

  it('reports Redis refusing connections', async () => {
    await expect(redisCheck(config(), { pingRedis: refused }).run()).resolves.toMatchObject({ status: 'fail', message: 'does not answer at 127.0.0.1:6379 (connection refused)' });
  });
});

describe('web checks', () => {
  it('tells to start the dashboard when nothing answers at FRONTEND_URL', async () => {
    const [dashboard] = webChecks(config(), { httpGet: refused });
    const result = await dashboard!.run();
    expect(result.message).toBe('nothing answers at FRONTEND_URL http://localhost:4200 (connection refused)');
    expect(result.fix).toMatch(/npm run start:prod:frontend/);
  });

  it('names the dependency the backend reports down', async () => {
    const [, backend] = webChecks(config(), { httpGet: answer(503, '{"status":"error","checks":{"database":"up","redis":"down"}}') });
    await expect(backend!.run()).resolves.toMatchObject({ status: 'fail', message: 'http://localhost:3000/health says redis down' });
  });

  it('notices another service answering at NEXT_PUBLIC_BACKEND_URL', async () => {
    const [, backend] = webChecks(config(), { httpGet: answer(404, '<html>') });
    await expect(backend!.run()).resolves.toMatchObject({ status: 'fail', message: "http://localhost:3000/health answers HTTP 404, not Herald's health report" });
  });

  it('checks BACKEND_INTERNAL_URL too when it differs', () => {
    const names = webChecks(config({ BACKEND_INTERNAL_URL: 'http://backend:3000' }), { httpGet: refused }).map((c) => c.name);
    expect(names).toEqual(['Dashboard', 'Backend', 'Backend (internal)']);
  });
});

describe('uploads check', () => {
  const meta = { FACEBOOK_APP_ID: '1', FACEBOOK_APP_SECRET: 'secret' };

  it('warns that Meta cannot fetch media from a local address', async () => {
    const result = await uploadsCheck(config(meta), { httpGet: answer(404) }).run();
    expect(result.status).toBe('warn');
    expect(result.message).toBe('http://localhost:3000/uploads is not reachable from the internet, so Instagram and Facebook cannot fetch media from it');
  });

  it('accepts a local address while only X is configured', async () => {
    await expect(uploadsCheck(config({ X_API_KEY: 'k', X_API_SECRET: 's' }), { httpGet: answer(404) }).run()).resolves.toMatchObject({ status: 'ok' });
  });

  it('fails a public address that does not answer when Meta needs it', async () => {
    const result = await uploadsCheck(config({ ...meta, UPLOADS_PUBLIC_URL: 'https://media.example.com/uploads' }), { httpGet: refused }).run();
    expect(result).toMatchObject({ status: 'fail', message: 'nothing answers at https://media.example.com/uploads (connection refused)' });
  });
});
