import { minimalJpeg } from '../core/media-sniff';
import { type SandboxHandle } from '../sandbox';
import { type XCredentials, xCall, xConnect } from '../test-support/flows';
import { httpsRequest, multipartBody } from '../test-support/http-client';
import { oauth1Header } from '../test-support/oauth1-client';
import { X_APP, startTestSandbox } from '../test-support/test-sandbox';

/**
 * What X does with the options of a post (docs/platforms.md, "X: the options of a post"), written from X's docs:
 * POST /2/tweets (https://docs.x.com/x-api/posts/create-posts), GET /2/users/me `subscription_type`
 * (https://docs.x.com/x-api/users/get-my-user), POST /2/media/metadata (https://docs.x.com/x-api/media/create-media-metadata).
 * Each case is a leniency the sandbox no longer has.
 */
describe('X post options', () => {
  let sb: SandboxHandle;
  let alice: XCredentials;
  let carol: XCredentials;
  beforeEach(async () => {
    sb = await startTestSandbox();
    alice = await xConnect(sb, 'alice');
    carol = await xConnect(sb, 'carol');
  });
  afterEach(async () => {
    await sb.close();
  });

  const me = async (who: XCredentials) => (await xCall(sb, who, 'GET', '/2/users/me?user.fields=subscription_type,verified')).json() as { data: Record<string, unknown> };

  it('GET /2/users/me answers subscription_type when asked: None for Alice, Premium for Carol', async () => {
    expect((await me(alice)).data).toMatchObject({ subscription_type: 'None', verified: false });
    expect((await me(carol)).data).toMatchObject({ subscription_type: 'Premium', verified: true });
    const plain = (await xCall(sb, alice, 'GET', '/2/users/me')).json() as { data: Record<string, unknown> };
    expect(plain.data).not.toHaveProperty('subscription_type');
  });

  it('lets a subscriber post up to 25,000 weighted characters; without one, 281 is too long', async () => {
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'a'.repeat(281) })).status).toBe(400);
    expect((await xCall(sb, carol, 'POST', '/2/tweets', { text: 'a'.repeat(25_000) })).status).toBe(201);
    const over = await xCall(sb, carol, 'POST', '/2/tweets', { text: 'b'.repeat(25_001) });
    expect(over.status).toBe(400);
    expect(JSON.stringify(over.json())).toContain('Your Tweet text is too long');
  });

  it('records the body exactly as received, options under X names', async () => {
    const body = { text: 'With options', reply_settings: 'following', community_id: '1493446837214187523', made_with_ai: true, paid_partnership: true };
    expect((await xCall(sb, alice, 'POST', '/2/tweets', body)).status).toBe(201);
    expect(sb.ledger.published[0]?.request).toEqual(body);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown field', { text: 'a', replySettings: 'following' }, '$.replySettings: is not defined in the schema'],
    ['who_can_reply_post, our name for reply_settings', { text: 'a', who_can_reply_post: 'following' }, '$.who_can_reply_post: is not defined in the schema'],
    ['reply_settings outside its enum', { text: 'a', reply_settings: 'everyone' }, '$.reply_settings'],
    ['a community URL where X wants its id', { text: 'a', community_id: 'https://x.com/i/communities/1493446837214187523' }, '$.community_id'],
    ['made_with_ai as a string', { text: 'a', made_with_ai: 'yes' }, '$.made_with_ai'],
    ['a poll with one choice', { text: 'a', poll: { options: ['Rye'], duration_minutes: 60 } }, '$.poll.options'],
    ['a poll open 4 minutes', { text: 'a', poll: { options: ['Rye', 'Spelt'], duration_minutes: 4 } }, '$.poll.duration_minutes'],
  ])('refuses %s with 400 invalid-request, publishing nothing', async (_case, body, message) => {
    const res = await xCall(sb, alice, 'POST', '/2/tweets', body);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ type: 'https://api.x.com/2/problems/invalid-request', title: 'Invalid Request' });
    expect(JSON.stringify(res.json())).toContain(message);
    expect(sb.ledger.published).toHaveLength(0);
  });

  describe('alt text', () => {
    const upload = async (data: Buffer, mediaType: string): Promise<string> => {
      const url = `${sb.urls.X_API_URL}/2/media/upload`;
      const authorization = oauth1Header({ method: 'POST', url, consumerKey: X_APP.consumerKey, consumerSecret: X_APP.consumerSecret, token: alice.token, tokenSecret: alice.secret });
      const mp = multipartBody([{ name: 'media', value: data, contentType: 'application/octet-stream' }, { name: 'media_type', value: mediaType }]);
      const res = await httpsRequest(url, sb.caCertPem, { method: 'POST', headers: { ...mp.headers, authorization }, body: mp.body });
      expect(res.status).toBe(200);
      return (res.json() as { data: { id: string } }).data.id;
    };

    it('stores the alt text of an image and shows it with the tweet', async () => {
      const id = await upload(minimalJpeg(40, 30), 'image/jpeg');
      const res = await xCall(sb, alice, 'POST', '/2/media/metadata', { id, metadata: { alt_text: { text: 'A loaf on a board' } } });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ data: { id, associated_metadata: { alt_text: { text: 'A loaf on a board' } } } });
      expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'bread', media: { media_ids: [id] } })).status).toBe(201);
      expect(sb.ledger.published[0]?.media).toEqual([expect.objectContaining({ url: `x-media:${id}`, alt: 'A loaf on a board' })]);
    });

    it('refuses alt text over 1,000 characters, an unknown metadata member, and alt text on a video', async () => {
      const id = await upload(minimalJpeg(40, 30), 'image/jpeg');
      expect((await xCall(sb, alice, 'POST', '/2/media/metadata', { id, metadata: { alt_text: { text: 'x'.repeat(1001) } } })).status).toBe(400);
      expect((await xCall(sb, alice, 'POST', '/2/media/metadata', { id, metadata: { alt: 'short' } })).status).toBe(400);
      const init = await xCall(sb, alice, 'POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 2000, media_category: 'tweet_video' });
      const video = (init.json() as { data: { id: string } }).data.id;
      const res = await xCall(sb, alice, 'POST', '/2/media/metadata', { id: video, metadata: { alt_text: { text: 'a clip' } } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.json())).toContain('images and GIFs only');
    });
  });
});
