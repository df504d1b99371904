import { randomBytes } from 'node:crypto';
import { backendConfigFrom, ConfigError, workersConfigFrom } from './index';

const validEnv = () => ({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/herald',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
});

describe('backend config', () => {
  it('applies the documented defaults', () => {
    const config = backendConfigFrom(validEnv());
    expect(config.port).toBe(3000);
    expect(config.frontendUrl).toBe('http://localhost:4200');
    expect(config.uploadsPublicUrl).toBe('http://localhost:3000/uploads');
    expect(config.platformUrls.xApi).toBe('https://api.x.com');
    expect(config.platformUrls.facebookGraph).toBe('https://graph.facebook.com');
    expect(config.apiLimitPerHour).toBe(30);
    expect(config.credentials.x).toBeUndefined();
    expect(config.secureCookies).toBe(false);
    expect(config.demoMode).toBe(false);
  });

  it('lists every problem at once', () => {
    let caught: unknown;
    try {
      backendConfigFrom({ JWT_SECRET: 'short', ENCRYPTION_KEY: 'bm90LTMyLWJ5dGVz', FRONTEND_URL: 'not a url', PORT: 'abc' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL is required/),
        expect.stringMatching(/^REDIS_URL is required/),
        expect.stringMatching(/^JWT_SECRET must be at least 32 characters/),
        expect.stringMatching(/^ENCRYPTION_KEY must be 32 random bytes/),
        expect.stringMatching(/^FRONTEND_URL must be a URL/),
        expect.stringMatching(/^PORT /),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('treats empty strings as unset and strips trailing slashes', () => {
    const config = backendConfigFrom({ ...validEnv(), X_API_KEY: '', X_API_URL: 'https://localhost:4301/', FRONTEND_URL: 'https://herald.example.com/' });
    expect(config.credentials.x).toBeUndefined();
    expect(config.platformUrls.xApi).toBe('https://localhost:4301');
    expect(config.frontendUrl).toBe('https://herald.example.com');
    expect(config.secureCookies).toBe(true);
  });

  it('configures a platform only when both of its credentials are set', () => {
    const config = backendConfigFrom({ ...validEnv(), X_API_KEY: 'key', INSTAGRAM_APP_ID: 'id', INSTAGRAM_APP_SECRET: 'secret' });
    expect(config.credentials.x).toBeUndefined();
    expect(config.credentials.instagram).toEqual({ appId: 'id', appSecret: 'secret' });
  });

  it('reads previous encryption keys for rotation', () => {
    const old = randomBytes(32).toString('base64');
    const config = workersConfigFrom({ ...validEnv(), ENCRYPTION_KEYS_PREVIOUS: ` ${old} ,` });
    expect(config.encryption.previousKeys).toEqual([old]);
  });

  it('does not need JWT_SECRET in the workers', () => {
    const { JWT_SECRET: _unused, ...env } = validEnv();
    expect(() => workersConfigFrom(env)).not.toThrow();
  });
});
