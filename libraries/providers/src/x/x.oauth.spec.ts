import { ProviderError } from '../contracts/provider-error';
import { verifyOAuth1 } from '../testing/oauth1';
import { startXFixture, X_SECRET, type XFixture } from '../testing/x-fixture';
import { XProvider } from './x.provider';

const REQUEST_TOKEN = 'Z6eEdO8MOmk394WozF5oKyuAv855l4Mlqo7hhlSLik';
const REQUEST_SECRET = 'Kd75W4OQfb2oJTV0vzGzeXftVAwgMnEK9MumzYcM';
const ACCESS_TOKEN = '6253282-eWudHldSbIaelX7swmsiHImEL4KinwaGloHANdrY';
const ACCESS_SECRET = '2EEfA6BG5ly3sR3XjE0IBSnlQu4ZrUzPiYTmrkVU';

describe('XProvider OAuth 1.0a', () => {
  let fx: XFixture;
  let provider: XProvider;

  beforeEach(async () => {
    fx = await startXFixture();
    provider = new XProvider(fx.config, fx.deps);
  });
  afterEach(() => fx.server.close());

  const answerRequestToken = (): void => {
    fx.server.route('POST', '/oauth/request_token', {
      text: `oauth_token=${REQUEST_TOKEN}&oauth_token_secret=${REQUEST_SECRET}&oauth_callback_confirmed=true`,
    });
  };

  it('gets a request token signed for the configured host and returns a rewritten authenticate link', async () => {
    answerRequestToken();

    const start = await provider.startAuthorization({ state: 'ignored-by-x' });

    expect(start).toEqual({
      url: `${fx.server.url}/oauth/authenticate?oauth_token=${REQUEST_TOKEN}`,
      requestToken: { token: REQUEST_TOKEN, secret: REQUEST_SECRET },
    });
    const [request] = fx.server.find('POST', '/oauth/request_token');
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.form()).toEqual({ oauth_callback: 'https://herald.example/integrations/social/x', x_auth_access_type: 'write' });
    const check = verifyOAuth1(request!, { baseUrl: `${fx.server.url}/oauth/request_token`, consumerSecret: X_SECRET });
    expect(check.valid).toBe(true);
    expect(check.oauth.oauth_token).toBeUndefined();
    expect(check.oauth.oauth_signature_method).toBe('HMAC-SHA1');
  });

  it('exchanges the verifier with the request-token secret, then reads /2/users/me', async () => {
    fx.server.route('POST', '/oauth/access_token', {
      text: `oauth_token=${ACCESS_TOKEN}&oauth_token_secret=${ACCESS_SECRET}&user_id=6253282&screen_name=xapi`,
    });
    fx.server.route('GET', '/2/users/me', {
      json: { data: { id: '6253282', name: 'X Dev', username: 'xapi', profile_image_url: 'https://pbs.twimg.com/a_normal.jpg', verified: false, subscription_type: 'Premium' } },
    });

    const channel = await provider.authenticate({
      query: { oauth_token: REQUEST_TOKEN, oauth_verifier: 'uw7NjWHT6OJ1MpJOXsHfNxoAhPKpgI8BlYDhxEjIBY' },
      requestTokenSecret: REQUEST_SECRET,
    });

    expect(channel).toEqual({
      identity: { id: '6253282', name: 'X Dev', username: 'xapi', picture: 'https://pbs.twimg.com/a_normal.jpg', verified: false, premium: true, subscriptionType: 'Premium' },
      tokens: { accessToken: ACCESS_TOKEN, accessSecret: ACCESS_SECRET },
      inBetweenSteps: false,
    });
    const [exchange] = fx.server.find('POST', '/oauth/access_token');
    expect(exchange?.form().oauth_verifier).toBe('uw7NjWHT6OJ1MpJOXsHfNxoAhPKpgI8BlYDhxEjIBY');
    const exchangeCheck = verifyOAuth1(exchange!, {
      baseUrl: `${fx.server.url}/oauth/access_token`,
      consumerSecret: X_SECRET,
      tokenSecret: REQUEST_SECRET,
    });
    expect(exchangeCheck).toMatchObject({ valid: true, oauth: { oauth_token: REQUEST_TOKEN } });
    const [me] = fx.server.find('GET', '/2/users/me');
    expect(me?.query['user.fields']).toBe('name,username,profile_image_url,verified,subscription_type');
    expect(verifyOAuth1(me!, { baseUrl: `${fx.server.url}/2/users/me`, consumerSecret: X_SECRET, tokenSecret: ACCESS_SECRET }).valid).toBe(true);
  });

  it('treats ?denied= as the person declining', async () => {
    await expect(provider.authenticate({ query: { denied: REQUEST_TOKEN } })).rejects.toMatchObject({ kind: 'access_denied' });
    expect(fx.server.requests).toHaveLength(0);
  });

  it('invalidates the token on revoke', async () => {
    fx.server.route('POST', '/1.1/oauth/invalidate_token', { json: { access_token: ACCESS_TOKEN } });

    await provider.revoke({ accessToken: ACCESS_TOKEN, accessSecret: ACCESS_SECRET });

    const [revoke] = fx.server.find('POST', '/1.1/oauth/invalidate_token');
    expect(
      verifyOAuth1(revoke!, { baseUrl: `${fx.server.url}/1.1/oauth/invalidate_token`, consumerSecret: X_SECRET, tokenSecret: ACCESS_SECRET })
        .valid,
    ).toBe(true);
  });

  describe('checkCredentials', () => {
    it('passes when X hands out a request token', async () => {
      answerRequestToken();
      await expect(provider.checkCredentials()).resolves.toEqual({ status: 'ok' });
    });

    it.each([
      [401, 32, 'invalid_credentials', 'Could not authenticate you.'],
      [403, 415, 'callback_not_approved', 'Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings.'],
      [401, 416, 'app_suspended', 'Invalid / suspended application'],
    ])('reports HTTP %i code %i as %s', async (status, code, problem, message) => {
      fx.server.route('POST', '/oauth/request_token', { status, json: { errors: [{ code, message }] } });
      await expect(provider.checkCredentials()).resolves.toEqual({ status: 'failed', problem, message });
    });

    it('reports an unreachable X without claiming the keys are wrong', async () => {
      await fx.server.close();
      await expect(provider.checkCredentials()).resolves.toMatchObject({ status: 'failed', problem: 'unreachable' });
    });
  });

  it('classifies a rejected callback as misconfigured with the platform code', async () => {
    fx.server.route('POST', '/oauth/request_token', {
      status: 403,
      json: { errors: [{ code: 415, message: 'Callback URL not approved for this client application.' }] },
    });
    const error = await provider.startAuthorization({ state: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'misconfigured', platform: { httpStatus: 403, code: 415 } });
  });
});
