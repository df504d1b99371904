import { randomBytes } from 'node:crypto';
import { backendConfigFrom } from '@herald/config';
import { clockCheck } from './clock.check';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const config = (extra: Record<string, string> = {}) =>
  backendConfigFrom({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/herald',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_SECRET: 'x'.repeat(32),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...extra,
  });
const X = { X_API_KEY: 'key', X_API_SECRET: 'secret' };

function deps(offsetMs: number | undefined) {
  return {
    now: () => NOW,
    httpGet: jest.fn((_url: string) =>
      Promise.resolve({ status: 404, body: '', ...(offsetMs === undefined ? {} : { date: new Date(NOW + offsetMs).toUTCString() }) }),
    ),
  };
}

describe('clock check', () => {
  it('agrees within a few seconds', async () => {
    const d = deps(2000);
    await expect(clockCheck(config(X), d).run()).resolves.toEqual({ status: 'ok', message: 'agrees with api.x.com' });
    expect(d.httpGet).toHaveBeenCalledWith('https://api.x.com/');
  });

  it('warns above 30 seconds', async () => {
    const result = await clockCheck(config(X), deps(-90_000)).run();
    expect(result).toMatchObject({ status: 'warn', message: 'this server is 89 s ahead of api.x.com' });
    expect(result.fix).toMatch(/NTP|timedatectl/);
  });

  it('fails above 5 minutes when X is configured, because OAuth 1.0a signatures are refused', async () => {
    const result = await clockCheck(config(X), deps(10 * 60_000)).run();
    expect(result.status).toBe('fail');
    expect(result.message).toBe('this server is 599 s behind api.x.com; X refuses signatures more than 5 minutes off');
  });

  it('only warns about a large skew when X is not configured', async () => {
    const result = await clockCheck(config(), deps(10 * 60_000)).run();
    expect(result.status).toBe('warn');
    expect(result.message).toContain('the backend (localhost:3000)');
  });

  it('says it could not compare when no host sends a Date header', async () => {
    await expect(clockCheck(config(X), deps(undefined)).run()).resolves.toMatchObject({ status: 'skip' });
  });
});
