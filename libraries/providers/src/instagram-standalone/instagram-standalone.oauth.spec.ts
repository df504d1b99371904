import { NOW, startMetaFixture, type MetaFixture } from '../testing/meta-fixture';
import { InstagramStandaloneProvider } from './instagram-standalone.provider';

const LONG_LIVED = { access_token: 'IGQlong', token_type: 'bearer', expires_in: 5183944 };
const PROFILE = { user_id: '17841400000000000', username: 'acme', name: 'Acme', profile_picture_url: 'https://ig.test/acme.jpg', id: '2590000000000001' };

describe('InstagramStandaloneProvider (Instagram Login)', () => {
  let fx: MetaFixture;
  let provider: InstagramStandaloneProvider;

  beforeEach(async () => {
    fx = await startMetaFixture();
    provider = new InstagramStandaloneProvider(fx.config, fx.deps);
    fx.graph.route('GET', '/access_token', { json: LONG_LIVED });
    fx.graph.route('GET', '/v23.0/me', { json: PROFILE });
  });
  afterEach(() => fx.close());

  it('builds the authorize URL with the four instagram_business_* scopes', async () => {
    const { url } = await provider.startAuthorization({ state: 'st' });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe('https://www.instagram.test/oauth/authorize');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      client_id: '5678',
      redirect_uri: 'https://herald.example/integrations/social/instagram-standalone',
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_comments,instagram_business_manage_insights',
      state: 'st',
      enable_fb_login: '0',
    });
  });

  it.each([
    [
      'documented {data:[…]} shape',
      { data: [{ access_token: 'IGQshort', user_id: '17841400000000000', permissions: 'instagram_business_basic,instagram_business_content_publish' }] },
    ],
    ['flat shape with numeric user_id and array permissions', { access_token: 'IGQshort', user_id: 17841400000000000, permissions: ['instagram_business_basic', 'instagram_business_content_publish'] }],
  ])('exchanges the code (%s), goes long-lived and reads the profile', async (_name, shortToken) => {
    fx.api.route('POST', '/oauth/access_token', { json: shortToken });

    const channel = await provider.authenticate({ query: { code: 'AQBx#_', state: 'st' } });

    expect(channel).toEqual({
      identity: { id: '17841400000000000', name: 'Acme', username: 'acme', picture: 'https://ig.test/acme.jpg' },
      tokens: { accessToken: 'IGQlong', refreshToken: 'IGQlong', expiresAt: new Date(NOW.getTime() + 5183944 * 1000) },
      inBetweenSteps: false,
      permissions: ['instagram_business_basic', 'instagram_business_content_publish'],
    });
    const exchange = fx.api.find('POST', '/oauth/access_token')[0];
    expect(exchange?.headers['content-type']).toMatch(/^multipart\/form-data/);
    await expect(exchange!.multipart()).resolves.toEqual({
      client_id: '5678',
      client_secret: 'ig-secret',
      grant_type: 'authorization_code',
      redirect_uri: 'https://herald.example/integrations/social/instagram-standalone',
      code: 'AQBx',
    });
    expect(fx.graph.find('GET', '/access_token')[0]?.query).toEqual({
      grant_type: 'ig_exchange_token',
      client_id: '5678',
      client_secret: 'ig-secret',
      access_token: 'IGQshort',
    });
    const me = fx.graph.find('GET', '/v23.0/me')[0];
    expect(me?.query).toEqual({ fields: 'user_id,username,name,profile_picture_url' });
    expect(me?.headers.authorization).toBe('Bearer IGQlong');
  });

  it('passes on Instagram’s own error for a used code', async () => {
    fx.api.route('POST', '/oauth/access_token', {
      status: 400,
      json: { error_type: 'OAuthException', code: 400, error_message: 'Matching code was not found or was already used' },
    });
    await expect(provider.authenticate({ query: { code: 'used' } })).rejects.toMatchObject({
      kind: 'platform_error',
      message: 'Matching code was not found or was already used',
      platform: { httpStatus: 400, code: 400, type: 'OAuthException' },
    });
  });

  it('reports the person cancelling', async () => {
    await expect(
      provider.authenticate({ query: { error: 'access_denied', error_reason: 'user_denied', error_description: 'The user denied your request' } }),
    ).rejects.toMatchObject({ kind: 'access_denied', message: 'The user denied your request' });
  });

  it('refreshes with ig_refresh_token', async () => {
    fx.graph.route('GET', '/refresh_access_token', { json: { access_token: 'IGQnew', token_type: 'bearer', expires_in: 5184000 } });

    const refreshed = await provider.refresh({ accessToken: 'IGQlong' });

    expect(refreshed).toEqual({ accessToken: 'IGQnew', refreshToken: 'IGQnew', expiresAt: new Date(NOW.getTime() + 5184000 * 1000) });
    expect(fx.graph.find('GET', '/refresh_access_token')[0]?.query).toEqual({ grant_type: 'ig_refresh_token', access_token: 'IGQlong' });
  });

  it('says skipped for the credentials check rather than guessing', async () => {
    await expect(provider.checkCredentials()).resolves.toMatchObject({ status: 'skipped' });
  });
});
