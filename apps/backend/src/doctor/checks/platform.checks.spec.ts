import { randomBytes } from 'node:crypto';
import { backendConfigFrom } from '@herald/config';
import { type CredentialsCheck, ProviderRegistry, type SocialProvider } from '@herald/providers';
import { platformChecks } from './platform.checks';

const baseEnv = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/herald',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  FRONTEND_URL: 'https://herald.example.com',
};

function provider(answer: CredentialsCheck): SocialProvider {
  return { checkCredentials: jest.fn(() => Promise.resolve(answer)) } as unknown as SocialProvider;
}

describe('platform checks', () => {
  it('asks each configured app once and lists the others with the variables to set', async () => {
    const env = { ...baseEnv, X_API_KEY: 'key', X_API_SECRET: 'secret' };
    const x = provider({ status: 'failed', problem: 'callback_not_approved', message: 'Callback URL not approved' });
    const checks = platformChecks(backendConfigFrom(env), env, () => new ProviderRegistry({ x }));
    const results = await Promise.all(checks.map(async (c) => [c.name, (await c.run()).message]));
    expect(results).toEqual([
      ['X app', 'X does not have https://herald.example.com/integrations/social/x as a callback URL (code 415)'],
      ['Facebook app', 'not configured: set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET to offer Facebook Pages and Instagram via Facebook (see docs/credentials.md#facebook-app)'],
      ['Instagram app', 'not configured: set INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET to offer Instagram (Standalone) (see docs/credentials.md#instagram-login)'],
    ]);
    expect(x.checkCredentials).toHaveBeenCalledTimes(1);
  });

  it('fails a half-configured app, naming the missing variable', async () => {
    const env = { ...baseEnv, FACEBOOK_APP_ID: '990000000000201' };
    const checks = platformChecks(backendConfigFrom(env), env, () => new ProviderRegistry({}));
    const result = await checks.find((c) => c.name === 'Facebook app')!.run();
    expect(result).toMatchObject({ status: 'fail', message: 'FACEBOOK_APP_ID is set but FACEBOOK_APP_SECRET is not, so Facebook Pages and Instagram via Facebook stays off' });
  });
});
