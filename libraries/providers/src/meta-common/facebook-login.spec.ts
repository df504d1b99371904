import { describeConnectError } from '../describe-connect-error';
import { FacebookProvider } from '../facebook/facebook.provider';
import { InstagramProvider } from '../instagram/instagram.provider';
import { graphError, NOW, startMetaFixture, type MetaFixture } from '../testing/meta-fixture';

const FACEBOOK_GRANTS = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'pages_manage_engagement', 'business_management', 'public_profile'];

describe('Facebook Login (facebook and instagram providers)', () => {
  let fx: MetaFixture;
  let facebook: FacebookProvider;

  beforeEach(async () => {
    fx = await startMetaFixture();
    facebook = new FacebookProvider(fx.config, fx.deps);
  });
  afterEach(() => fx.close());

  const answerLogin = (granted: string[]): void => {
    fx.graph.route('GET', '/v23.0/oauth/access_token', (req) =>
      req.query.grant_type === 'fb_exchange_token'
        ? { json: { access_token: 'EAAlong', token_type: 'bearer', expires_in: 5183944 } }
        : { json: { access_token: 'EAAshort', token_type: 'bearer', expires_in: 5400 } },
    );
    fx.graph.route('GET', '/v23.0/me/permissions', {
      json: { data: [...granted.map((permission) => ({ permission, status: 'granted' })), { permission: 'user_posts', status: 'declined' }] },
    });
    fx.graph.route('GET', '/v23.0/me', { json: { id: '10158', name: 'Ada Lovelace', picture: { data: { url: 'https://fb.test/ada.jpg' } } } });
  };

  it('builds the dialog URL with the Facebook Page scopes', async () => {
    const { url } = await facebook.startAuthorization({ state: 'st4te' });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe('https://www.facebook.test/v23.0/dialog/oauth');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      client_id: '1234',
      redirect_uri: 'https://herald.example/integrations/social/facebook',
      state: 'st4te',
      response_type: 'code',
      scope: 'pages_show_list,pages_manage_posts,pages_read_engagement,pages_manage_engagement,business_management,read_insights',
    });
  });

  it('asks for the Instagram scopes on the instagram provider', async () => {
    const { url } = await new InstagramProvider(fx.config, fx.deps).startAuthorization({ state: 's' });
    expect(new URL(url).searchParams.get('scope')).toBe(
      'instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement,business_management,instagram_manage_comments,instagram_manage_insights',
    );
    expect(new URL(url).searchParams.get('redirect_uri')).toBe('https://herald.example/integrations/social/instagram');
  });

  it('exchanges the code, makes it long-lived, checks permissions and returns the user in between steps', async () => {
    answerLogin(FACEBOOK_GRANTS);

    const channel = await facebook.authenticate({ query: { code: 'AQD-code', state: 's' } });

    expect(channel).toEqual({
      identity: { id: '10158', name: 'Ada Lovelace', picture: 'https://fb.test/ada.jpg' },
      tokens: { accessToken: 'EAAlong', expiresAt: new Date(NOW.getTime() + 5183944 * 1000) },
      inBetweenSteps: true,
      permissions: FACEBOOK_GRANTS,
    });
    const [code, exchange] = fx.graph.find('GET', '/v23.0/oauth/access_token');
    expect(code?.query).toEqual({
      client_id: '1234',
      redirect_uri: 'https://herald.example/integrations/social/facebook',
      client_secret: 'fb-secret',
      code: 'AQD-code',
    });
    expect(exchange?.query).toEqual({ grant_type: 'fb_exchange_token', client_id: '1234', client_secret: 'fb-secret', fb_exchange_token: 'EAAshort' });
    const permissions = fx.graph.find('GET', '/v23.0/me/permissions')[0];
    expect(permissions?.headers.authorization).toBe('Bearer EAAlong');
    expect(permissions?.query).toEqual({});
  });

  it('names the permission the person unchecked', async () => {
    answerLogin(FACEBOOK_GRANTS.filter((p) => p !== 'pages_manage_posts'));

    const error = await facebook.authenticate({ query: { code: 'c' } }).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'reconnect', missingPermissions: ['pages_manage_posts'] });
    expect(describeConnectError(error, { callbackUrl: 'x' })).toBe(
      'The permission pages_manage_posts was not granted: reconnect and keep every requested permission checked.',
    );
  });

  it('reports the person declining without calling Facebook', async () => {
    const query = { error: 'access_denied', error_reason: 'user_denied', error_description: 'Permissions error', error_code: '200' };
    await expect(facebook.authenticate({ query })).rejects.toMatchObject({ kind: 'access_denied' });
    expect(fx.graph.requests).toHaveLength(0);
  });

  it('explains a redirect URI mismatch', async () => {
    fx.graph.route('GET', '/v23.0/oauth/access_token', {
      status: 400,
      json: graphError(100, 36008, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request'),
    });
    const error = await facebook.authenticate({ query: { code: 'c' } }).catch((e: unknown) => e);
    expect(describeConnectError(error, { callbackUrl: 'https://herald.example/integrations/social/facebook' })).toContain(
      'add https://herald.example/integrations/social/facebook exactly to "Valid OAuth Redirect URIs"',
    );
  });

  it('lists every Page, following paging.next onto the configured host', async () => {
    fx.graph.route('GET', '/v23.0/me/accounts', (req) =>
      req.query.after === 'QVFI'
        ? { json: { data: [{ id: '2', name: 'Second', access_token: 'EAApage2' }], paging: { cursors: { before: 'QVFI', after: 'END' } } } }
        : {
            json: {
              data: [{ id: '1', name: 'Acme', access_token: 'EAApage1', category: 'Brand', tasks: ['MANAGE'], picture: { data: { url: 'https://fb.test/p1.jpg' } } }],
              paging: { cursors: { after: 'QVFI' }, next: 'https://graph.facebook.com/v23.0/me/accounts?limit=100&after=QVFI' },
            },
          },
    );

    const pages = await facebook.pages.list({ accessToken: 'EAAlong' });

    expect(pages).toEqual([
      { id: '1', pageId: '1', name: 'Acme', picture: 'https://fb.test/p1.jpg' },
      { id: '2', pageId: '2', name: 'Second', picture: undefined },
    ]);
    expect(fx.graph.find('GET', '/v23.0/me/accounts').map((r) => r.query)).toEqual([
      { fields: 'id,name,access_token,instagram_business_account,picture.type(large)', limit: '100' },
      { limit: '100', after: 'QVFI' },
    ]);
  });

  it('selects a Page: its token becomes the channel token', async () => {
    fx.graph.route('GET', '/v23.0/me/accounts', { json: { data: [{ id: '134895793791914', name: 'Acme', access_token: 'EAApage' }] } });
    await expect(facebook.pages.select({ accessToken: 'EAAlong' }, '134895793791914')).resolves.toEqual({
      identity: { id: '134895793791914', name: 'Acme', picture: undefined },
      tokens: { accessToken: 'EAApage' },
      inBetweenSteps: false,
    });
  });

  describe('instagram pages', () => {
    let instagram: InstagramProvider;
    beforeEach(() => {
      instagram = new InstagramProvider(fx.config, fx.deps);
      fx.graph.route('GET', '/v23.0/me/accounts', {
        json: {
          data: [
            { id: '134895793791914', name: 'Acme', access_token: 'EAApage', instagram_business_account: { id: '17841405822304914' } },
            { id: '999', name: 'No Instagram', access_token: 'EAAother' },
          ],
        },
      });
      fx.graph.route('GET', '/v23.0/17841405822304914', {
        json: { id: '17841405822304914', name: 'Acme IG', username: 'acme', profile_picture_url: 'https://ig.test/acme.jpg' },
      });
    });

    it('lists only Pages with a linked Instagram business account, as that account', async () => {
      await expect(instagram.pages.list({ accessToken: 'EAAlong' })).resolves.toEqual([
        { id: '17841405822304914', pageId: '134895793791914', name: 'Acme IG', username: 'acme', picture: 'https://ig.test/acme.jpg' },
      ]);
    });

    it('selects by Page id and returns the IG identity with the Page token', async () => {
      const channel = await instagram.pages.select({ accessToken: 'EAAlong' }, '134895793791914');
      expect(channel).toEqual({
        identity: { id: '17841405822304914', name: 'Acme IG', username: 'acme', picture: 'https://ig.test/acme.jpg' },
        tokens: { accessToken: 'EAApage' },
        inBetweenSteps: false,
      });
      expect(fx.graph.find('GET', '/v23.0/17841405822304914')[0]?.headers.authorization).toBe('Bearer EAApage');
    });

    it('refuses a Page without Instagram', async () => {
      await expect(instagram.pages.select({ accessToken: 'EAAlong' }, '999')).rejects.toMatchObject({ kind: 'platform_error' });
    });
  });

  it('revokes the granting user with the app token, never the Page token', async () => {
    fx.graph.route('DELETE', '/v23.0/10001/permissions', { json: { success: true } });
    await facebook.revoke({ accessToken: 'EAApage' }, '10001');
    expect(fx.graph.find('DELETE', '/v23.0/10001/permissions')[0]?.headers.authorization).toBe('Bearer 1234|fb-secret');
    expect(fx.graph.find('DELETE', '/v23.0/me/permissions')).toHaveLength(0);
  });

  it('cannot revoke without knowing the granting user', async () => {
    await expect(facebook.revoke({ accessToken: 'EAApage' })).rejects.toMatchObject({ kind: 'platform_error' });
  });

  describe('checkCredentials', () => {
    it('passes when an app token is issued', async () => {
      fx.graph.route('GET', '/v23.0/oauth/access_token', { json: { access_token: '1234|abc', token_type: 'bearer' } });
      await expect(facebook.checkCredentials()).resolves.toEqual({ status: 'ok' });
      expect(fx.graph.requests[0]?.query).toEqual({ client_id: '1234', client_secret: 'fb-secret', grant_type: 'client_credentials' });
    });

    it.each([
      [101, 'invalid_client_id', 'Error validating application. Invalid application ID.'],
      [1, 'invalid_client_secret', 'Error validating client secret.'],
    ])('code %i → %s', async (code, problem, message) => {
      fx.graph.route('GET', '/v23.0/oauth/access_token', { status: 400, json: graphError(code, undefined, message) });
      await expect(facebook.checkCredentials()).resolves.toEqual({ status: 'failed', problem, message });
    });
  });
});
