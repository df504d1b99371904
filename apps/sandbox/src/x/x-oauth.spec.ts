import { type SandboxHandle } from '../sandbox';
import { xAccessToken, xApprove, xCall, xConnect, xRequestToken } from '../test-support/flows';
import { formBody, httpsRequest } from '../test-support/http-client';
import { oauth1Header } from '../test-support/oauth1-client';
import { FRONTEND, X_APP, startTestSandbox } from '../test-support/test-sandbox';

describe('X OAuth 1.0a', () => {
  let sb: SandboxHandle;
  beforeEach(async () => {
    sb = await startTestSandbox();
  });
  afterEach(async () => {
    await sb.close();
  });

  const signedRequestToken = (opts: { callback?: string; timestamp?: number; secret?: string; key?: string; mutate?: (s: string) => string; nonce?: string }) => {
    const url = `${sb.urls.X_API_URL}/oauth/request_token`;
    const bodyParams: Array<[string, string]> = [['oauth_callback', opts.callback ?? X_APP.callbackUrls[0] ?? '']];
    const authorization = oauth1Header({
      method: 'POST',
      url,
      consumerKey: opts.key ?? X_APP.consumerKey,
      consumerSecret: opts.secret ?? X_APP.consumerSecret,
      bodyParams,
      ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
      ...(opts.nonce !== undefined ? { nonce: opts.nonce } : {}),
      ...(opts.mutate ? { mutateSignature: opts.mutate } : {}),
    });
    const form = formBody(bodyParams);
    return httpsRequest(url, sb.caCertPem, { method: 'POST', headers: { ...form.headers, authorization }, body: form.body });
  };

  it('runs the three legs and answers form bodies as text/html', async () => {
    const rt = await xRequestToken(sb);
    expect(rt.status).toBe(200);
    expect(rt.headers['content-type']).toBe('text/html; charset=utf-8');
    const rtParams = new URLSearchParams(rt.text);
    expect(rtParams.get('oauth_callback_confirmed')).toBe('true');

    const approved = await xApprove(sb, rtParams.get('oauth_token') ?? '', 'bob');
    expect(approved.status).toBe(302);
    const location = new URL(approved.headers.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${FRONTEND}/integrations/social/x`);
    expect(location.searchParams.get('oauth_token')).toBe(rtParams.get('oauth_token'));

    const at = await xAccessToken(sb, rtParams.get('oauth_token') ?? '', rtParams.get('oauth_token_secret') ?? '', location.searchParams.get('oauth_verifier') ?? '');
    expect(at.status).toBe(200);
    expect(at.headers['content-type']).toBe('text/html; charset=utf-8');
    const access = new URLSearchParams(at.text);
    expect(access.get('screen_name')).toBe('sandbox_bob');
    expect(access.get('oauth_token')).toMatch(new RegExp(`^${access.get('user_id')}-`));
    expect(sb.ledger.tokens.map((t) => t.value)).toEqual(expect.arrayContaining([access.get('oauth_token'), access.get('oauth_token_secret')]));
  });

  it('refuses a bad signature with 401 code 32', async () => {
    const res = await signedRequestToken({ mutate: (s) => `x${s.slice(1)}` });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ errors: [{ code: 32, message: 'Could not authenticate you.' }] });
  });

  it('refuses a wrong consumer secret and an unknown consumer key with code 32', async () => {
    expect((await signedRequestToken({ secret: 'nope' })).json()).toEqual({ errors: [{ code: 32, message: 'Could not authenticate you.' }] });
    expect((await signedRequestToken({ key: 'unknown-key' })).status).toBe(401);
  });

  it('refuses a stale timestamp with 401 code 135', async () => {
    const res = await signedRequestToken({ timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ errors: [{ code: 135, message: 'Timestamp out of bounds.' }] });
  });

  it('refuses a replayed nonce', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await signedRequestToken({ nonce: 'samenonce123', timestamp })).status).toBe(200);
    expect((await signedRequestToken({ nonce: 'samenonce123', timestamp })).status).toBe(401);
  });

  it.each([
    ['a trailing slash', `${FRONTEND}/integrations/social/x/`],
    ['another path', `${FRONTEND}/integrations/social/instagram`],
    ['another host', 'https://evil.test/integrations/social/x'],
  ])('refuses a callback with %s (403 code 415)', async (_label, callback) => {
    const res = await signedRequestToken({ callback });
    expect(res.status).toBe(403);
    expect((res.json() as { errors: Array<{ code: number }> }).errors[0]?.code).toBe(415);
  });

  it('keeps request tokens single-use', async () => {
    const rt = new URLSearchParams((await xRequestToken(sb)).text);
    const token = rt.get('oauth_token') ?? '';
    const location = new URL((await xApprove(sb, token)).headers.location ?? '');
    const verifier = location.searchParams.get('oauth_verifier') ?? '';
    expect((await xAccessToken(sb, token, rt.get('oauth_token_secret') ?? '', verifier)).status).toBe(200);
    const again = await xAccessToken(sb, token, rt.get('oauth_token_secret') ?? '', verifier);
    expect(again.status).toBe(401);
    expect(again.json()).toEqual({ errors: [{ code: 89, message: 'Invalid or expired token.' }] });
    const page = await httpsRequest(`${sb.urls.X_API_URL}/oauth/authorize?oauth_token=${token}`, sb.caCertPem);
    expect(page.status).toBe(403);
  });

  it('binds the verifier to its request token', async () => {
    const a = new URLSearchParams((await xRequestToken(sb)).text);
    const b = new URLSearchParams((await xRequestToken(sb)).text);
    await xApprove(sb, a.get('oauth_token') ?? '');
    const bVerifier = new URL((await xApprove(sb, b.get('oauth_token') ?? '')).headers.location ?? '').searchParams.get('oauth_verifier') ?? '';
    const res = await xAccessToken(sb, a.get('oauth_token') ?? '', a.get('oauth_token_secret') ?? '', bVerifier);
    expect(res.status).toBe(401);
  });

  it('expires unused request tokens', async () => {
    const rt = new URLSearchParams((await xRequestToken(sb)).text);
    sb.clock.advance(16 * 60_000);
    const page = await httpsRequest(`${sb.urls.X_API_URL}/oauth/authorize?oauth_token=${rt.get('oauth_token')}`, sb.caCertPem);
    expect(page.status).toBe(403);
  });

  it('redirects a denial with denied=<request token>', async () => {
    const rt = new URLSearchParams((await xRequestToken(sb)).text);
    const token = rt.get('oauth_token') ?? '';
    const form = formBody([['oauth_token', token], ['persona', 'alice'], ['decision', 'deny']]);
    const res = await httpsRequest(`${sb.urls.X_API_URL}/oauth/authorize`, sb.caCertPem, { method: 'POST', ...form });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`${FRONTEND}/integrations/social/x?denied=${token}`);
  });

  it('renders a consent page a browser can submit', async () => {
    const rt = new URLSearchParams((await xRequestToken(sb)).text);
    const page = await httpsRequest(`${sb.urls.X_API_URL}/oauth/authenticate?oauth_token=${rt.get('oauth_token')}&screen_name=sandbox_carol`, sb.caCertPem);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sandbox Alice');
    expect(page.text).toMatch(/value="carol" checked/);
    expect(page.text).toContain('id="approve"');
    expect(page.text).toContain('name="scope" value="write" checked');
  });

  it('invalidates an access token; later calls get 89 (v1.1) and 401 problem (v2)', async () => {
    const creds = await xConnect(sb);
    const res = await xCall(sb, creds, 'POST', '/1.1/oauth/invalidate_token');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ access_token: creds.token });
    const again = await xCall(sb, creds, 'POST', '/1.1/oauth/invalidate_token');
    expect(again.json()).toEqual({ errors: [{ code: 89, message: 'Invalid or expired token.' }] });
    const me = await xCall(sb, creds, 'GET', '/2/users/me');
    expect(me.status).toBe(401);
    expect(me.json()).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
  });

  it('hands the same access token back when the same person re-authorizes', async () => {
    const first = await xConnect(sb, 'alice');
    const second = await xConnect(sb, 'alice');
    expect(second.token).toBe(first.token);
  });
});
