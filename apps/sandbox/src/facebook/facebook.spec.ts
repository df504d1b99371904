import { type SandboxHandle } from '../sandbox';
import { FB_REDIRECT, FB_SCOPES, codeFrom, fbConnect, fbDialogUrl, graph, metaConsent } from '../test-support/flows';
import { httpsRequest } from '../test-support/http-client';
import { type MediaServer } from '../test-support/media-server';
import { FB_APP, useSandboxPerTest } from '../test-support/test-sandbox';

interface PageEntry {
  id: string;
  name: string;
  access_token: string;
  instagram_business_account?: { id: string };
}

describe('Facebook Login and Pages', () => {
  let sb: SandboxHandle;
  let media: MediaServer;
  useSandboxPerTest((h) => ({ sb, media } = h));

  const exchange = (code: string, redirectUri = FB_REDIRECT) =>
    graph(sb, 'fb', 'GET', '/oauth/access_token', { client_id: FB_APP.appId, client_secret: FB_APP.appSecret, redirect_uri: redirectUri, code });

  const pageToken = async (userToken: string, pageId: string): Promise<string> =>
    ((await graph(sb, 'fb', 'GET', `/${pageId}`, { fields: 'access_token', access_token: userToken })).json() as { access_token: string }).access_token;

  it('runs the dialog → code → short token → 60-day token', async () => {
    const approved = await metaConsent(sb, fbDialogUrl(sb), [['persona', 'alice'], ['decision', 'approve']]);
    expect(approved.headers.location).toMatch(new RegExp(`^${FB_REDIRECT}\\?code=\\w+&state=fb-state#_=_$`));
    const code = codeFrom(approved.headers.location);
    const short = await exchange(code);
    expect(short.json()).toEqual({ access_token: expect.stringMatching(/^EAA/), token_type: 'bearer', expires_in: 7200 });
    expect((await exchange(code)).json()).toMatchObject({ error: { code: 100, error_subcode: 36009 } });
    const long = await graph(sb, 'fb', 'GET', '/oauth/access_token', { grant_type: 'fb_exchange_token', client_id: FB_APP.appId, client_secret: FB_APP.appSecret, fb_exchange_token: (short.json() as { access_token: string }).access_token });
    expect(long.json()).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
  });

  it('refuses a redirect URI that differs at exchange (100/36008) and an unregistered one at the dialog', async () => {
    const code = codeFrom((await metaConsent(sb, fbDialogUrl(sb), [['persona', 'alice'], ['decision', 'approve']])).headers.location);
    expect((await exchange(code, `${FB_REDIRECT}/`)).json()).toMatchObject({ error: { code: 100, error_subcode: 36008 } });
    const blocked = await httpsRequest(fbDialogUrl(sb, { redirectUri: `${FB_REDIRECT}/` }), sb.caCertPem);
    expect(blocked.status).toBe(400);
    expect(blocked.text).toContain('URL blocked');
  });

  it('expires codes after 10 minutes', async () => {
    const code = codeFrom((await metaConsent(sb, fbDialogUrl(sb), [['persona', 'alice'], ['decision', 'approve']])).headers.location);
    sb.clock.advance(10 * 60_000 + 1);
    expect((await exchange(code)).json()).toMatchObject({ error: { code: 100, error_subcode: 36007 } });
  });

  it('redirects a denial with error=access_denied', async () => {
    const res = await metaConsent(sb, fbDialogUrl(sb), [['persona', 'alice'], ['decision', 'deny']]);
    const url = new URL(res.headers.location ?? '');
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('error_reason')).toBe('user_denied');
    expect(url.searchParams.get('state')).toBe('fb-state');
  });

  it('lists granted and declined permissions', async () => {
    const kept = FB_SCOPES.filter((s) => s !== 'instagram_content_publish');
    const token = await fbConnect(sb, 'alice', [['scopes_listed', '1'], ...kept.map((s): [string, string] => ['scope', s])]);
    const perms = (await graph(sb, 'fb', 'GET', '/me/permissions', { access_token: token })).json() as { data: Array<{ permission: string; status: string }> };
    expect(perms.data).toContainEqual({ permission: 'instagram_content_publish', status: 'declined' });
    expect(perms.data).toContainEqual({ permission: 'pages_show_list', status: 'granted' });
    expect(perms.data).toContainEqual({ permission: 'public_profile', status: 'granted' });
  });

  it('pages /me/accounts with cursors and next links (Sandbox Bob has 27 Pages)', async () => {
    const token = await fbConnect(sb, 'bob');
    const first = await graph(sb, 'fb', 'GET', '/me/accounts', { fields: 'id,name,access_token,instagram_business_account,picture.type(large)', access_token: token });
    const body = first.json() as { data: PageEntry[]; paging: { next?: string; cursors: { after: string } } };
    expect(body.data).toHaveLength(25);
    expect(body.paging.next).toContain(sb.urls.FACEBOOK_GRAPH_URL);
    const second = (await httpsRequest(body.paging.next ?? '', sb.caCertPem)).json() as { data: PageEntry[]; paging: { next?: string } };
    expect(second.data).toHaveLength(2);
    expect(second.paging.next).toBeUndefined();
    const all = [...body.data, ...second.data];
    expect(new Set(all.map((p) => p.id)).size).toBe(27);
    expect(all.filter((p) => p.instagram_business_account)).toHaveLength(9);
  });

  it('only lists the Pages the person shared', async () => {
    const token = await fbConnect(sb, 'alice', [['pages_listed', 'alice'], ['page', '110000000000102']]);
    const res = (await graph(sb, 'fb', 'GET', '/me/accounts', { access_token: token })).json() as { data: PageEntry[] };
    expect(res.data.map((p) => p.id)).toEqual(['110000000000102']);
    expect((await graph(sb, 'fb', 'GET', '/110000000000101', { fields: 'instagram_business_account', access_token: token })).json()).toMatchObject({ error: { code: 100, error_subcode: 33 } });
  });

  it('shows instagram_business_account only on linked Pages', async () => {
    const token = await fbConnect(sb, 'alice');
    const linked = await graph(sb, 'fb', 'GET', '/110000000000101', { fields: 'instagram_business_account', access_token: token });
    expect(linked.json()).toEqual({ instagram_business_account: { id: '17841400000000101' }, id: '110000000000101' });
    const unlinked = await graph(sb, 'fb', 'GET', '/110000000000103', { fields: 'instagram_business_account', access_token: token });
    expect(unlinked.json()).toEqual({ id: '110000000000103' });
  });

  it('posts to /feed with a Page token ({id}), refuses a user token and a duplicate status', async () => {
    const token = await fbConnect(sb, 'alice');
    expect((await graph(sb, 'fb', 'POST', '/110000000000101/feed', { message: 'as a user', access_token: token })).json()).toMatchObject({ error: { code: 200 } });
    const page = await pageToken(token, '110000000000101');
    const post = await graph(sb, 'fb', 'POST', '/110000000000101/feed', { message: 'Open today', access_token: page });
    expect(post.json()).toEqual({ id: expect.stringMatching(/^110000000000101_\d+$/) });
    expect((await graph(sb, 'fb', 'POST', '/110000000000101/feed', { message: 'Open today', access_token: page })).json()).toMatchObject({ error: { code: 506 } });
    expect(sb.ledger.published).toEqual([expect.objectContaining({ platform: 'facebook', accountId: '110000000000101', text: 'Open today', kind: 'post' })]);
  });

  it('posts photos ({id, post_id}), stages unpublished ones for attached_media, and comments', async () => {
    const page = await pageToken(await fbConnect(sb, 'alice'), '110000000000102');
    const photo = await graph(sb, 'fb', 'POST', '/110000000000102/photos', { url: media.url('/image.png'), caption: 'PNG is fine here', access_token: page });
    expect(photo.json()).toEqual({ id: expect.any(String), post_id: expect.stringMatching(/^110000000000102_/) });
    const staged = await graph(sb, 'fb', 'POST', '/110000000000102/photos', { url: media.url('/square.jpg'), published: 'false', access_token: page });
    const stagedId = (staged.json() as { id: string; post_id?: string }).id;
    expect(staged.json()).not.toHaveProperty('post_id');
    const multi = await graph(sb, 'fb', 'POST', '/110000000000102/feed', { message: 'two photos', 'attached_media[0]': JSON.stringify({ media_fbid: stagedId }), access_token: page });
    const postId = (multi.json() as { id: string }).id;
    expect(sb.ledger.published[1]).toMatchObject({ releaseId: postId, mediaUrls: [media.url('/square.jpg')] });
    const comment = await graph(sb, 'fb', 'POST', `/${postId}/comments`, { message: 'more soon', access_token: page });
    expect(comment.json()).toEqual({ id: expect.stringMatching(/_\d+$/) });
    expect(sb.ledger.published[2]).toMatchObject({ kind: 'comment', parentId: postId });
    expect((await graph(sb, 'fb', 'POST', '/110000000000102/photos', { url: media.url('/notes.txt'), access_token: page })).json()).toMatchObject({ error: { code: 324 } });
  });

  it('publishes to the linked Instagram account through the Page token', async () => {
    const page = await pageToken(await fbConnect(sb, 'alice'), '110000000000102');
    const container = await graph(sb, 'fb', 'POST', '/17841400000000102/media', { image_url: media.url('/square.jpg'), caption: 'via facebook', access_token: page });
    const published = await graph(sb, 'fb', 'POST', '/17841400000000102/media_publish', { creation_id: (container.json() as { id: string }).id, access_token: page });
    expect(published.status).toBe(200);
    expect(sb.ledger.published[0]).toMatchObject({ platform: 'instagram', via: 'facebook-login', accountId: '17841400000000102' });
    expect((await graph(sb, 'fb', 'POST', '/17841400000000101/media', { image_url: media.url('/square.jpg'), access_token: page })).json()).toMatchObject({ error: { error_subcode: 33 } });
  });

  it('revokes everything on DELETE /me/permissions: later calls get 190/458', async () => {
    const token = await fbConnect(sb, 'alice');
    const page = await pageToken(token, '110000000000101');
    expect((await graph(sb, 'fb', 'DELETE', '/me/permissions', { access_token: token })).json()).toEqual({ success: true });
    expect((await graph(sb, 'fb', 'GET', '/me', { access_token: token })).json()).toMatchObject({ error: { code: 190, error_subcode: 458 } });
    expect((await graph(sb, 'fb', 'POST', '/110000000000101/feed', { message: 'gone', access_token: page })).json()).toMatchObject({ error: { code: 190 } });
  });

  it('accepts any Graph version prefix and none, and names unknown paths', async () => {
    const token = await fbConnect(sb, 'carol');
    const versionless = await httpsRequest(`${sb.urls.FACEBOOK_GRAPH_URL}/me?access_token=${token}`, sb.caCertPem);
    expect(versionless.json()).toEqual({ name: 'Sandbox Carol', id: '100000000000301' });
    const old = await httpsRequest(`${sb.urls.FACEBOOK_GRAPH_URL}/v20.0/me?fields=id&access_token=${token}`, sb.caCertPem);
    expect(old.status).toBe(200);
    expect((await graph(sb, 'fb', 'GET', '/nonsense/path/here', { access_token: token })).json()).toMatchObject({ error: { code: 2500 } });
  });
});
