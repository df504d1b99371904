import { verifyOAuth1 } from '../testing/oauth1';
import { startXFixture, X_SECRET, type XFixture } from '../testing/x-fixture';
import { XProvider } from './x.provider';

const tokens = { accessToken: '6253282-eWudHldSbIaelX7swmsiHImEL4KinwaGloHANdrY', accessSecret: '2EEfA6BG5ly3sR3XjE0IBSnlQu4ZrUzPiYTmrkVU' };
const channel = { id: '6253282', username: 'xapi' };
/** A library file: its bytes come from Herald's storage (`open`), never from its URL. */
const file = (name: string, mimeType: string, bytes: Buffer) => ({
  url: `https://herald.example/uploads/${name}`,
  mimeType,
  open: () =>
    Promise.resolve({
      size: bytes.length,
      async *chunks(part: number) {
        for (let offset = 0; offset < bytes.length; offset += part) yield await Promise.resolve(bytes.subarray(offset, offset + part));
      },
    }),
});

/**
 * A generated file of `size` bytes (byte i is i % 97, ASCII so that the fixture's text form keeps it) that counts the parts read from it: nothing is ever held
 * whole, and `read()` tells how far the reading has gone.
 */
function streamedFile(name: string, mimeType: string, size: number) {
  let read = 0;
  async function* chunks(part: number): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < size; offset += part) {
      const length = Math.min(part, size - offset);
      const chunk = Buffer.alloc(length);
      for (let i = 0; i < length; i += 1) chunk[i] = (offset + i) % 97;
      read += 1;
      yield await Promise.resolve(chunk);
    }
  }
  return { media: { url: `https://herald.example/uploads/${name}`, mimeType, open: () => Promise.resolve({ size, chunks }) }, partsRead: () => read };
}
const created = (id: string, text: string) => ({ status: 201, json: { data: { id, text, edit_history_tweet_ids: [id] } } });

describe('XProvider publishing', () => {
  let fx: XFixture;
  let provider: XProvider;

  beforeEach(async () => {
    fx = await startXFixture();
    provider = new XProvider(fx.config, fx.deps);
  });
  afterEach(async () => {
    await fx.server.close();
  });

  it('posts a text tweet as JSON, signed without the body, and links to it', async () => {
    fx.server.route('POST', '/2/tweets', created('1445880548472328192', 'Hello from Herald'));

    const post = await provider.publish({ channel, tokens, text: 'Hello from Herald', media: [] });

    expect(post).toEqual({ id: '1445880548472328192', url: 'https://x.com/xapi/status/1445880548472328192' });
    const [request] = fx.server.find('POST', '/2/tweets');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(request?.json()).toEqual({ text: 'Hello from Herald' });
    const check = verifyOAuth1(request!, { baseUrl: `${fx.server.url}/2/tweets`, consumerSecret: X_SECRET, tokenSecret: tokens.accessSecret });
    expect(check).toMatchObject({ valid: true, oauth: { oauth_token: tokens.accessToken } });
  });

  it('does not send the tweet once the publishing lease’s signal fired, and throws its reason as is', async () => {
    fx.server.route('POST', '/2/tweets', created('1445880548472328195', 'late'));
    const lost = new Error('lease lost');

    await expect(provider.publish({ channel, tokens, text: 'late', media: [], signal: AbortSignal.abort(lost) })).rejects.toBe(lost);
    expect(fx.server.find('POST', '/2/tweets')).toHaveLength(0);
  });

  it('cuts the tweet in flight when the lease’s signal fires: the outcome is unknown', async () => {
    const controller = new AbortController();
    fx.server.route('POST', '/2/tweets', () => {
      controller.abort(new Error('lease lost'));
      return new Promise((resolve) => setTimeout(() => resolve(created('1445880548472328196', 'cut')), 300));
    });

    await expect(provider.publish({ channel, tokens, text: 'cut', media: [], signal: controller.signal })).rejects.toMatchObject({ kind: 'unknown_outcome', requestSent: true });
  });

  it('replies in a thread with reply.in_reply_to_tweet_id; the labels follow, who may reply and the Community stay on the first tweet', async () => {
    fx.server.route('POST', '/2/tweets', created('1445880548472328193', 'second'));

    const settings = { __type: 'x', who_can_reply_post: 'following', community: 'https://x.com/i/communities/1493446837214187523', made_with_ai: true, paid_partnership: false };
    await provider.comment({ channel, tokens, text: 'second', media: [], parentId: '1445880548472328192', settings });

    expect(fx.server.find('POST', '/2/tweets')[0]?.json()).toEqual({
      text: 'second',
      reply: { in_reply_to_tweet_id: '1445880548472328192' },
      made_with_ai: true,
    });
  });

  it('sends the stored settings under X names: reply_settings, community_id, made_with_ai, paid_partnership', async () => {
    fx.server.route('POST', '/2/tweets', created('1445880548472328194', 'first'));

    const settings = { __type: 'x', who_can_reply_post: 'mentionedUsers', community: 'https://x.com/i/communities/1493446837214187523', made_with_ai: true, paid_partnership: true };
    await provider.publish({ channel, tokens, text: 'first', media: [], settings });

    expect(fx.server.find('POST', '/2/tweets')[0]?.json()).toEqual({
      text: 'first',
      reply_settings: 'mentionedUsers',
      community_id: '1493446837214187523',
      made_with_ai: true,
      paid_partnership: true,
    });
  });

  it('sends a poll under X names on the first tweet only', async () => {
    fx.server.route('POST', '/2/tweets', created('1445880548472328196', 'poll'));
    const settings = { who_can_reply_post: 'everyone', poll: { options: ['Rye', 'Spelt'], duration_minutes: 1440 } };

    await provider.publish({ channel, tokens, text: 'Which bread?', media: [], settings });
    await provider.comment({ channel, tokens, text: 'Vote above', media: [], parentId: '1445880548472328196', settings });

    const [first, reply] = fx.server.find('POST', '/2/tweets').map((r) => r.json());
    expect(first).toEqual({ text: 'Which bread?', poll: { options: ['Rye', 'Spelt'], duration_minutes: 1440 } });
    expect(reply).toEqual({ text: 'Vote above', reply: { in_reply_to_tweet_id: '1445880548472328196' } });
  });

  it('sends nothing for the defaults (everyone may reply, no Community, no labels)', async () => {
    fx.server.route('POST', '/2/tweets', created('1445880548472328195', 'plain'));

    await provider.publish({ channel, tokens, text: 'plain', media: [], settings: { __type: 'x', who_can_reply_post: 'everyone', community: '', made_with_ai: false, paid_partnership: false } });

    expect(fx.server.find('POST', '/2/tweets')[0]?.json()).toEqual({ text: 'plain' });
  });

  it('fails the post, sending nothing, for a setting X cannot carry or does not know', async () => {
    await expect(provider.publish({ channel, tokens, text: 'a', media: [], settings: { post_type: 'article', article_title: 'T' } })).rejects.toMatchObject({ kind: 'bad_content', message: expect.stringContaining('post_type') });
    await expect(provider.publish({ channel, tokens, text: 'a', media: [], settings: { replySettings: 'following' } })).rejects.toMatchObject({ kind: 'bad_content', message: expect.stringContaining('replySettings') });
    expect(fx.server.find('POST', '/2/tweets')).toHaveLength(0);
  });

  it('uploads an image through initialize, append and finalize, then attaches it', async () => {
    const jpeg = Buffer.alloc(2048, 'j');
    fx.server.route('POST', '/2/media/upload/initialize', {
      json: { data: { id: '1880028106020515840', media_key: '3_1880028106020515840', expires_after_secs: 1295999 } },
    });
    fx.server.route('POST', '/2/media/upload/1880028106020515840/append', { json: { data: { expires_at: 1767225600 } } });
    fx.server.route('POST', '/2/media/upload/1880028106020515840/finalize', {
      json: { data: { id: '1880028106020515840', media_key: '3_1880028106020515840', size: 2048, expires_after_secs: 86400 } },
    });
    fx.server.route('POST', '/2/tweets', created('1', 'pic'));

    await provider.publish({ channel, tokens, text: 'pic', media: [file('a.jpg', 'image/jpeg', jpeg)] });

    expect(fx.server.find('POST', '/2/media/upload/initialize')[0]?.json()).toEqual({
      media_type: 'image/jpeg',
      total_bytes: 2048,
      media_category: 'tweet_image',
    });
    const append = fx.server.find('POST', '/2/media/upload/1880028106020515840/append')[0];
    expect(append?.headers['content-type']).toMatch(/^multipart\/form-data/);
    // twitter-api-v2 sends the chunk as an unnamed octet-stream part, which parses as a plain field.
    await expect(append!.multipart()).resolves.toEqual({ segment_index: '0', media: 'j'.repeat(2048) });
    expect(append?.text()).toContain('Content-Type: application/octet-stream');
    expect(fx.server.find('POST', '/2/tweets')[0]?.json()).toEqual({ text: 'pic', media: { media_ids: ['1880028106020515840'] } });
  });

  it('describes an image with its alt text through POST /2/media/metadata before the tweet', async () => {
    fx.server.route('POST', '/2/media/upload/initialize', { json: { data: { id: '1880028106020515841' } } });
    fx.server.route('POST', '/2/media/upload/1880028106020515841/append', { json: { data: {} } });
    fx.server.route('POST', '/2/media/upload/1880028106020515841/finalize', { json: { data: { id: '1880028106020515841' } } });
    fx.server.route('POST', '/2/media/metadata', { json: { data: { id: '1880028106020515841', associated_metadata: { alt_text: { text: 'A loaf' } } } } });
    fx.server.route('POST', '/2/tweets', created('2', 'pic'));

    await provider.publish({ channel, tokens, text: 'pic', media: [{ ...file('a.jpg', 'image/jpeg', Buffer.from('jpeg')), alt: 'A loaf' }] });

    expect(fx.server.find('POST', '/2/media/metadata')[0]?.json()).toEqual({ id: '1880028106020515841', metadata: { alt_text: { text: 'A loaf' } } });
    expect(fx.server.find('POST', '/2/tweets')[0]?.json()).toEqual({ text: 'pic', media: { media_ids: ['1880028106020515841'] } });
  });

  it('waits for video processing with STATUS, sleeping as X asks', async () => {
    const video = Buffer.alloc(4 * 1024 * 1024 + 10, 1);
    fx.server.route('POST', '/2/media/upload/initialize', { json: { data: { id: '77' } } });
    fx.server.route('POST', '/2/media/upload/77/append', { json: { data: { expires_at: 1767225600 } } });
    fx.server.route('POST', '/2/media/upload/77/finalize', { json: { data: { id: '77', processing_info: { state: 'pending', check_after_secs: 2 } } } });
    const states = [
      { state: 'in_progress', check_after_secs: 3, progress_percent: 40 },
      { state: 'succeeded', progress_percent: 100 },
    ];
    fx.server.route('GET', '/2/media/upload', () => ({ json: { data: { id: '77', processing_info: states.shift() } } }));
    fx.server.route('POST', '/2/tweets', created('2', 'clip'));

    await provider.publish({ channel, tokens, text: 'clip', media: [file('v.mp4', 'video/mp4', video)] });

    expect(fx.server.find('POST', '/2/media/upload/initialize')[0]?.json()).toMatchObject({ media_category: 'tweet_video' });
    expect(fx.server.find('POST', '/2/media/upload/77/append')).toHaveLength(2);
    expect(fx.server.find('GET', '/2/media/upload').map((r) => r.query)).toEqual([
      { command: 'STATUS', media_id: '77' },
      { command: 'STATUS', media_id: '77' },
    ]);
    expect(fx.sleeps).toEqual([2000, 3000]);
  });

  it('turns failed media processing into bad content', async () => {
    fx.server.route('POST', '/2/media/upload/initialize', { json: { data: { id: '78' } } });
    fx.server.route('POST', '/2/media/upload/78/append', { json: { data: {} } });
    fx.server.route('POST', '/2/media/upload/78/finalize', {
      json: { data: { id: '78', processing_info: { state: 'failed', error: { code: 1, name: 'InvalidMedia', message: 'Invalid or Unsupported media' } } } },
    });

    await expect(
      provider.publish({ channel, tokens, text: 'clip', media: [file('v.mp4', 'video/mp4', Buffer.from('x'))] }),
    ).rejects.toMatchObject({ kind: 'bad_content', message: 'Invalid or Unsupported media' });
    expect(fx.server.find('POST', '/2/tweets')).toHaveLength(0);
  });

  it('streams a large video to X one 4 MB segment at a time, reading each from storage only as it is sent', async () => {
    const size = 22 * 1024 * 1024 + 123;
    const video = streamedFile('big.mp4', 'video/mp4', size);
    const readAtAppend: number[] = [];
    const received: Buffer[] = [];
    fx.server.route('POST', '/2/media/upload/initialize', { json: { data: { id: '79' } } });
    fx.server.route('POST', '/2/media/upload/79/append', () => {
      readAtAppend.push(video.partsRead());
      return { json: { data: { expires_at: 1767225600 } } };
    });
    fx.server.route('POST', '/2/media/upload/79/finalize', { json: { data: { id: '79', size } } });
    fx.server.route('POST', '/2/tweets', created('3', 'big'));

    await provider.publish({ channel, tokens, text: 'big', media: [video.media] });

    expect(fx.server.find('POST', '/2/media/upload/initialize')[0]?.json()).toEqual({ media_type: 'video/mp4', total_bytes: size, media_category: 'tweet_video' });
    const appends = fx.server.find('POST', '/2/media/upload/79/append');
    expect(appends).toHaveLength(6);
    for (const [index, append] of appends.entries()) {
      const form = (await append.multipart()) as { segment_index: string; media: string };
      expect(form.segment_index).toBe(String(index));
      received.push(Buffer.from(form.media, 'latin1'));
    }
    // Segments of 4 MB (X takes at most 5 MB), the last one the rest; in order, they are the file.
    expect(received.map((r) => r.length)).toEqual([...Array<number>(5).fill(4 * 1024 * 1024), 2 * 1024 * 1024 + 123]);
    const whole = Buffer.concat(received);
    expect(whole.length).toBe(size);
    expect([0, 1, 96, 97, size - 1].map((i) => whole[i])).toEqual([0, 1, 96, 0, (size - 1) % 97]);
    // When segment n reached X, only segment n had been read: the file was never read ahead, let alone whole.
    expect(readAtAppend).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fx.server.find('POST', '/2/tweets')[0]?.json()).toEqual({ text: 'big', media: { media_ids: ['79'] } });
  });

  it('refuses a video over X’s 512 MB before sending anything, naming both sizes', async () => {
    const video = streamedFile('huge.mp4', 'video/mp4', 600 * 1024 * 1024);
    await expect(provider.publish({ channel, tokens, text: 'huge', media: [video.media] })).rejects.toMatchObject({
      kind: 'bad_content',
      message: 'This file is 600 MB; X takes videos of at most 512 MB. Use a smaller file and edit the post.',
    });
    expect(video.partsRead()).toBe(0);
    expect(fx.server.requests).toHaveLength(0);
  });

  it('refuses more than four media before calling X', async () => {
    const four = Array.from({ length: 5 }, (_, i) => file(`${i}.jpg`, 'image/jpeg', Buffer.from('j')));
    await expect(provider.publish({ channel, tokens, text: 't', media: four })).rejects.toMatchObject({ kind: 'bad_content' });
    expect(fx.server.requests).toHaveLength(0);
  });

  it('turns an unreadable media file into bad content before calling X, with the reader\'s own words', async () => {
    const missing = { url: 'https://herald.example/uploads/gone.jpg', mimeType: 'image/jpeg', open: () => Promise.reject(new Error('This media file is no longer in Herald’s uploads')) };
    await expect(provider.publish({ channel, tokens, text: 't', media: [missing] })).rejects.toMatchObject({
      kind: 'bad_content',
      message: 'This media file is no longer in Herald’s uploads',
    });
    expect(fx.server.requests).toHaveLength(0);
  });

  describe('failures of POST /2/tweets', () => {
    it.each([
      ['duplicate text (perhaps our own tweet)', 403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 }, 'unknown_outcome'],
      ['not permitted', 403, { detail: 'You are not permitted to perform this action.', type: 'about:blank', title: 'Forbidden', status: 403 }, 'bad_content'],
      ['invalid request', 400, { title: 'Invalid Request', type: 'https://api.x.com/2/problems/invalid-request', detail: 'One or more parameters to your request was invalid.', errors: [{ message: 'text too long' }] }, 'bad_content'],
      ['revoked token', 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }, 'reconnect'],
      ['app cannot write', 403, { errors: [{ code: 261, message: 'Your App cannot perform write actions.' }] }, 'misconfigured'],
      ['client not enrolled', 403, { title: 'Client Forbidden', type: 'https://api.x.com/2/problems/client-forbidden', reason: 'client-not-enrolled' }, 'misconfigured'],
      ['server error', 503, { title: 'Service Unavailable', type: 'about:blank', status: 503 }, 'unknown_outcome'],
    ])('%s → %s', async (_name, status, json, kind) => {
      fx.server.route('POST', '/2/tweets', { status, json });
      await expect(provider.publish({ channel, tokens, text: 'again', media: [] })).rejects.toMatchObject({ kind, platform: { httpStatus: status } });
    });

    it('retries at the 15-minute window reset on 429', async () => {
      fx.server.route('POST', '/2/tweets', {
        status: 429,
        headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1772367300' },
        json: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      });
      await expect(provider.publish({ channel, tokens, text: 't', media: [] })).rejects.toMatchObject({
        kind: 'retry_later',
        retryAt: new Date(1772367300 * 1000),
      });
    });

    it('waits for the 24-hour user cap when that is what ran out', async () => {
      fx.server.route('POST', '/2/tweets', {
        status: 429,
        headers: {
          'x-rate-limit-limit': '100',
          'x-rate-limit-remaining': '57',
          'x-rate-limit-reset': '1772367300',
          'x-user-limit-24hour-limit': '17',
          'x-user-limit-24hour-remaining': '0',
          'x-user-limit-24hour-reset': '1772420000',
        },
        json: { title: 'Too Many Requests', type: 'about:blank', status: 429 },
      });
      await expect(provider.publish({ channel, tokens, text: 't', media: [] })).rejects.toMatchObject({ retryAt: new Date(1772420000 * 1000) });
    });

    it('reports an unknown outcome when the connection drops after sending', async () => {
      fx.server.route('POST', '/2/tweets', { hangUp: true });
      await expect(provider.publish({ channel, tokens, text: 't', media: [] })).rejects.toMatchObject({ kind: 'unknown_outcome', requestSent: true });
    });

    it('says retry (nothing sent) when X cannot be reached', async () => {
      await fx.server.close();
      await expect(provider.publish({ channel, tokens, text: 't', media: [] })).rejects.toMatchObject({ kind: 'retry_later', requestSent: false });
    });
  });

  it('finds a tweet as X renders it (escaped, links through t.co, a media link) from the attempt’s start, page after page', async () => {
    const sent = 'Fish & chips <today> https://example.com/menu?a=1&b=2';
    fx.server.route('GET', '/2/users/6253282/tweets', (req) =>
      req.query.pagination_token
        ? {
            json: {
              data: [
                {
                  id: '11',
                  text: 'Fish &amp; chips &lt;today&gt; https://t.co/AbCdEf1234 https://t.co/Media12345',
                  created_at: '2026-03-01T12:00:02.000Z',
                  entities: {
                    urls: [
                      { url: 'https://t.co/AbCdEf1234', expanded_url: 'https://example.com/menu?a=1&b=2' },
                      { url: 'https://t.co/Media12345', expanded_url: 'https://x.com/xapi/status/11/photo/1', media_key: '3_1' },
                    ],
                  },
                },
              ],
              meta: { result_count: 1 },
            },
          }
        : { json: { data: [{ id: '12', text: 'Fish &amp; chips', created_at: '2026-03-01T12:00:09.000Z' }], meta: { result_count: 1, next_token: 'n2' } } },
    );

    const outcome = await provider.checkOutcome({ channel, tokens, text: sent, since: new Date('2026-03-01T12:00:00.700Z') });

    expect(outcome).toEqual({ status: 'published', id: '11', url: 'https://x.com/xapi/status/11' });
    expect(fx.server.find('GET', '/2/users/6253282/tweets').map((r) => r.query)).toEqual([
      { max_results: '100', start_time: '2026-03-01T11:59:00Z', 'tweet.fields': 'created_at,entities,note_tweet,display_text_range' },
      { max_results: '100', start_time: '2026-03-01T11:59:00Z', 'tweet.fields': 'created_at,entities,note_tweet,display_text_range', pagination_token: 'n2' },
    ]);
    await expect(provider.checkOutcome({ channel, tokens, text: 'Fish & chips <tomorrow>', since: new Date('2026-03-01T12:00:00Z') })).resolves.toEqual({ status: 'not_found' });
  });
});
