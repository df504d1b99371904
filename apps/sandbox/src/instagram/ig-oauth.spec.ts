import { type SandboxHandle } from '../sandbox';
import { IG_REDIRECT, codeFrom, graph, igAuthorizeUrl, igConnect, igExchange, metaConsent } from '../test-support/flows';
import { httpsRequest } from '../test-support/http-client';
import { IG_APP, startTestSandbox } from '../test-support/test-sandbox';

const HOUR = 3600_000;

describe('Instagram Login', () => {
  let sb: SandboxHandle;
  beforeEach(async () => {
    sb = await startTestSandbox();
  });
  afterEach(async () => {
    await sb.close();
  });

  const approve = async (persona = 'alice', extra: Array<[string, string]> = []) =>
    metaConsent(sb, igAuthorizeUrl(sb), [['persona', persona], ['decision', 'approve'], ...extra]);

  it('redirects an approval to the exact redirect URI with code, state and #_', async () => {
    const res = await approve();
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(new RegExp(`^${IG_REDIRECT}\\?code=[A-Za-z0-9]+&state=st-123#_$`));
  });

  it('redirects a denial with Meta\'s error parameters', async () => {
    const res = await metaConsent(sb, igAuthorizeUrl(sb), [['persona', 'alice'], ['decision', 'deny']]);
    const url = new URL(res.headers.location ?? '');
    expect(Object.fromEntries(url.searchParams)).toEqual({ error: 'access_denied', error_reason: 'user_denied', error_description: 'The user denied your request', state: 'st-123' });
  });

  it.each([`${IG_REDIRECT}/`, IG_REDIRECT.replace('https:', 'http:'), `${IG_REDIRECT}?x=1`])('refuses the unregistered redirect URI %s', async (redirectUri) => {
    const res = await httpsRequest(igAuthorizeUrl(sb, { redirectUri }), sb.caCertPem);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error_type: 'OAuthException', code: 400, error_message: 'Invalid redirect_uri' });
  });

  it('refuses deprecated scope names', async () => {
    const res = await httpsRequest(igAuthorizeUrl(sb, { scopes: ['business_basic'] }), sb.caCertPem);
    expect(res.status).toBe(400);
  });

  it('exchanges a code once, in the documented wrapped shape', async () => {
    const code = codeFrom((await approve('bob')).headers.location);
    const res = await igExchange(sb, code);
    expect(res.status).toBe(200);
    const body = res.json() as { data: Array<{ access_token: string; user_id: string; permissions: string }> };
    expect(body.data[0]).toMatchObject({ user_id: '17841400000000201', permissions: 'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_comments' });
    const again = await igExchange(sb, code);
    expect(again.status).toBe(400);
    expect(again.json()).toEqual({ error_type: 'OAuthException', code: 400, error_message: 'Matching code was not found or was already used' });
  });

  it('answers the flat shape when configured', async () => {
    await sb.close();
    sb = await startTestSandbox({ behaviour: { instagramTokenResponseShape: 'flat' } });
    const code = codeFrom((await approve()).headers.location);
    const res = await igExchange(sb, code);
    expect(res.text).toMatch(/^\{"user_id":17841400000000101,"access_token":"IG/);
    expect((res.json() as { permissions: string[] }).permissions).toContain('instagram_business_basic');
  });

  it('refuses an expired code (1 h) and a redirect URI that differs at exchange', async () => {
    const late = codeFrom((await approve()).headers.location);
    sb.clock.advance(HOUR + 1000);
    expect((await igExchange(sb, late)).status).toBe(400);
    const code = codeFrom((await approve()).headers.location);
    const mismatch = await igExchange(sb, code, `${IG_REDIRECT}/`);
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.json())).toContain('redirect_uri is identical');
  });

  it('grants only the scopes left checked', async () => {
    const res = await approve('alice', [['scopes_listed', '1'], ['scope', 'instagram_business_basic']]);
    const body = (await igExchange(sb, codeFrom(res.headers.location))).json() as { data: Array<{ permissions: string }> };
    expect(body.data[0]?.permissions).toBe('instagram_business_basic');
  });

  it('exchanges for a 60-day token, refuses a refresh before 24 h and allows it after', async () => {
    const { token } = await igConnect(sb, 'alice');
    const long = await graph(sb, 'ig', 'GET', '/access_token', { grant_type: 'ig_exchange_token', client_secret: IG_APP.appSecret, access_token: token });
    expect(long.json()).toEqual({ access_token: expect.stringMatching(/^IGAA/), token_type: 'bearer', expires_in: 5_184_000 });
    const longToken = (long.json() as { access_token: string }).access_token;
    const early = await graph(sb, 'ig', 'GET', '/refresh_access_token', { grant_type: 'ig_refresh_token', access_token: longToken });
    expect(early.status).toBe(400);
    expect(early.json()).toMatchObject({ error: { code: 190, type: 'OAuthException' } });
    sb.clock.advance(24 * HOUR + 1000);
    const refreshed = await graph(sb, 'ig', 'GET', '/refresh_access_token', { grant_type: 'ig_refresh_token', access_token: longToken });
    expect(refreshed.status).toBe(200);
    expect((refreshed.json() as { access_token: string }).access_token).not.toBe(longToken);
  });

  it('refuses the long-lived exchange with a wrong secret, and short-lived tokens expire after 1 h', async () => {
    const { token } = await igConnect(sb, 'alice');
    const bad = await graph(sb, 'ig', 'GET', '/access_token', { grant_type: 'ig_exchange_token', client_secret: 'wrong', access_token: token });
    expect(bad.json()).toMatchObject({ error: { code: 1 } });
    sb.clock.advance(HOUR);
    const expired = await graph(sb, 'ig', 'GET', '/me', { fields: 'user_id', access_token: token });
    expect(expired.status).toBe(400);
    expect(expired.json()).toMatchObject({ error: { code: 190, error_subcode: 463 } });
    expect(expired.headers['www-authenticate']).toContain('invalid_token');
  });

  it('serves the profile with user_id distinct from the app-scoped id, and refuses unknown fields', async () => {
    const { token } = await igConnect(sb, 'alice');
    const me = await graph(sb, 'ig', 'GET', '/me', { fields: 'user_id,username,name,profile_picture_url', access_token: token });
    expect(me.json()).toMatchObject({ user_id: '17841400000000101', username: 'sandbox.alice', name: 'Sandbox Alice', id: expect.not.stringMatching(/^17841400000000101$/) });
    const bad = await graph(sb, 'ig', 'GET', '/me', { fields: 'user_id,password', access_token: token });
    expect(bad.json()).toMatchObject({ error: { code: 100, message: expect.stringContaining('nonexisting field (password)') } });
    expect(me.headers['x-app-usage']).toBeDefined();
  });

  it('answers 190 for a revoked token and for garbage', async () => {
    const { token } = await igConnect(sb, 'alice');
    sb.tokens.revoke(token);
    const revoked = await graph(sb, 'ig', 'GET', '/me', { access_token: token });
    expect(revoked.json()).toMatchObject({ error: { code: 190, error_subcode: 460 } });
    const garbage = await graph(sb, 'ig', 'GET', '/me', { access_token: 'IGQnot-a-token' });
    expect(garbage.json()).toMatchObject({ error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' } });
  });
});
