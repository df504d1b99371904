import { minimalJpeg } from '../core/media-sniff';
import { type SandboxHandle } from '../sandbox';
import { type XCredentials, xCall, xConnect } from '../test-support/flows';
import { httpsRequest, multipartBody } from '../test-support/http-client';
import { oauth1Header } from '../test-support/oauth1-client';
import { X_APP, startTestSandbox } from '../test-support/test-sandbox';

interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
  media_key?: string;
}
interface TweetOut {
  id: string;
  text: string;
  created_at?: string;
  entities?: { urls: UrlEntity[] };
  note_tweet?: { text: string };
}
interface TimelineOut {
  data?: TweetOut[];
  meta: { result_count: number; newest_id?: string; oldest_id?: string; next_token?: string; previous_token?: string };
}

// What X really hands back when a client reads tweets (docs/platforms.md, "X: reading tweets back"). Each case was
// a leniency of the sandbox: it used to return the text exactly as posted and ignore the time window.
describe('X reads tweets back as X renders them', () => {
  let sb: SandboxHandle;
  let alice: XCredentials;
  beforeEach(async () => {
    sb = await startTestSandbox();
    alice = await xConnect(sb, 'alice');
  });
  afterEach(async () => {
    await sb.close();
  });

  const tweet = async (text: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await xCall(sb, alice, 'POST', '/2/tweets', { text, ...extra });
    expect(res.status).toBe(201);
    return (res.json() as { data: { id: string } }).data.id;
  };
  const timeline = async (query: string): Promise<TimelineOut> => {
    const res = await xCall(sb, alice, 'GET', `/2/users/${alice.userId}/tweets?${query}`);
    expect(res.status).toBe(200);
    return res.json() as TimelineOut;
  };
  const uploadImage = async (): Promise<string> => {
    const jpeg = minimalJpeg(800, 600);
    const init = await xCall(sb, alice, 'POST', '/2/media/upload/initialize', { media_type: 'image/jpeg', total_bytes: jpeg.length, media_category: 'tweet_image' });
    const id = (init.json() as { data: { id: string } }).data.id;
    const url = `${sb.urls.X_API_URL}/2/media/upload/${id}/append`;
    const authorization = oauth1Header({ method: 'POST', url, consumerKey: X_APP.consumerKey, consumerSecret: X_APP.consumerSecret, token: alice.token, tokenSecret: alice.secret });
    const mp = multipartBody([{ name: 'segment_index', value: '0' }, { name: 'media', value: jpeg, contentType: 'application/octet-stream' }]);
    expect((await httpsRequest(url, sb.caCertPem, { method: 'POST', headers: { ...mp.headers, authorization }, body: mp.body })).status).toBe(200);
    expect((await xCall(sb, alice, 'POST', `/2/media/upload/${id}/finalize`, {})).status).toBe(200);
    return id;
  };

  it('escapes &, < and > and wraps every link in t.co, described in entities.urls', async () => {
    const posted = 'Fish & chips <today> at https://example.com/menu?a=1&b=2 and example.org 🐟';
    const id = await tweet(posted);
    const [read] = (await timeline('tweet.fields=entities,created_at')).data ?? [];
    expect(read?.id).toBe(id);
    expect(read?.text).toMatch(/^Fish &amp; chips &lt;today&gt; at https:\/\/t\.co\/[A-Za-z0-9]{10} and https:\/\/t\.co\/[A-Za-z0-9]{10} 🐟$/);
    const urls = read?.entities?.urls ?? [];
    expect(urls.map((u) => [u.expanded_url, u.display_url])).toEqual([
      ['https://example.com/menu?a=1&b=2', 'example.com/menu?a=1&b=2'],
      ['http://example.org', 'example.org'],
    ]);
    // start/end count code points of the text as returned.
    for (const u of urls) expect(Array.from(read?.text ?? '').slice(u.start, u.end).join('')).toBe(u.url);
    // A lookup by id agrees with the timeline.
    const single = await xCall(sb, alice, 'GET', `/2/tweets/${id}?tweet.fields=entities`);
    expect((single.json() as { data: TweetOut }).data.text).toBe(read?.text);
    expect(sb.ledger.published[0]?.text).toBe(posted);
  });

  it('ends a tweet with media with one more t.co link, to the photo, with its media_key', async () => {
    const media = await uploadImage();
    const id = await tweet('Look & see', { media: { media_ids: [media] } });
    const res = await xCall(sb, alice, 'GET', `/2/tweets?ids=${id},1234567890123456789&tweet.fields=entities,attachments&expansions=attachments.media_keys`);
    const body = res.json() as { data: Array<TweetOut & { attachments: { media_keys: string[] } }>; includes: { media: Array<{ media_key: string; type: string }> }; errors: Array<{ resource_id: string }> };
    const [read] = body.data;
    expect(read?.text).toMatch(/^Look &amp; see https:\/\/t\.co\/[A-Za-z0-9]{10}$/);
    const link = read?.entities?.urls[0];
    expect(link).toMatchObject({ expanded_url: `https://x.com/sandbox_alice/status/${id}/photo/1`, display_url: expect.stringMatching(/^pic\.x\.com\//), media_key: read?.attachments.media_keys[0] });
    expect(body.includes.media).toEqual([{ media_key: read?.attachments.media_keys[0], type: 'photo' }]);
    expect(body.errors.map((e) => e.resource_id)).toEqual(['1234567890123456789']);
  });

  it('honours start_time and end_time at second granularity, and since_id/until_id before them', async () => {
    const first = await tweet('first');
    sb.clock.advance(10 * 60_000);
    const second = await tweet('second');
    sb.clock.advance(10 * 60_000);
    const third = await tweet('third');
    const createdAt = (await timeline('tweet.fields=created_at')).data?.map((t) => t.created_at);
    expect(createdAt?.every((at) => at?.endsWith('.000Z'))).toBe(true);
    const secondAt = createdAt?.[1] ?? '';
    const ids = async (query: string) => ((await timeline(query)).data ?? []).map((t) => t.id);
    expect(await ids(`start_time=${secondAt}`)).toEqual([third, second]);
    expect(await ids(`end_time=${secondAt}`)).toEqual([second, first]);
    expect(await ids(`start_time=${secondAt}&end_time=${new Date(Date.parse(secondAt) + 1000).toISOString()}`)).toEqual([second]);
    expect(await ids(`since_id=${first}`)).toEqual([third, second]);
    expect(await ids(`until_id=${third}`)).toEqual([second, first]);
    // since_id takes precedence over start_time when both are given.
    expect(await ids(`since_id=${first}&start_time=2030-01-01T00:00:00Z`)).toEqual([third, second]);
  });

  it('pages with max_results, next_token and previous_token', async () => {
    const posted: string[] = [];
    for (let i = 0; i < 12; i++) posted.unshift(await tweet(`page ${i}`));
    const one = await timeline('max_results=5');
    expect(one.data?.map((t) => t.id)).toEqual(posted.slice(0, 5));
    expect(one.meta).toMatchObject({ result_count: 5, newest_id: posted[0], oldest_id: posted[4] });
    expect(one.meta.previous_token).toBeUndefined();
    const two = await timeline(`max_results=5&pagination_token=${one.meta.next_token}`);
    expect(two.data?.map((t) => t.id)).toEqual(posted.slice(5, 10));
    const three = await timeline(`max_results=5&pagination_token=${two.meta.next_token}`);
    expect(three.data?.map((t) => t.id)).toEqual(posted.slice(10));
    expect(three.meta.next_token).toBeUndefined();
    const back = await timeline(`max_results=5&pagination_token=${three.meta.previous_token}`);
    expect(back.data?.map((t) => t.id)).toEqual(posted.slice(5, 10));
    expect(await timeline('start_time=2030-01-01T00:00:00Z')).toEqual({ meta: { result_count: 0 } });
  });

  it.each([
    ['an unknown query parameter', 'since=2026-01-01', 'The query parameter [since] is not one of'],
    ['max_results under 5', 'max_results=4', 'is not between 5 and 100'],
    ['a start_time that is not RFC 3339', 'start_time=yesterday', 'is not a valid RFC 3339 date-time'],
    ['a start_time before 2010-11-06', 'start_time=2009-01-01T00:00:00Z', 'must be on or after 2010-11-06'],
    ['a start_time after the end_time', 'start_time=2026-02-01T00:00:00Z&end_time=2026-01-01T00:00:00Z', "'start_time' must be before 'end_time'"],
    ['a malformed since_id', 'since_id=abc', 'does not match ^[0-9]{1,19}$'],
    ['an unknown exclude value', 'exclude=quotes', 'is not one of [replies,retweets]'],
    ['a pagination token X never gave', 'pagination_token=%21%21', 'is not a valid pagination token'],
    ['an unknown tweet field', 'tweet.fields=created_at,mood', 'query parameter value [mood]'],
  ])('refuses %s with an invalid-request problem', async (_label, query, message) => {
    const res = await xCall(sb, alice, 'GET', `/2/users/${alice.userId}/tweets?${query}`);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ type: 'https://api.x.com/2/problems/invalid-request' });
    expect(JSON.stringify(res.json())).toContain(message);
  });

  it('accepts post.fields, the name the newest specification gives tweet.fields', async () => {
    await tweet('named either way');
    const [read] = (await timeline('post.fields=created_at')).data ?? [];
    expect(read?.created_at).toMatch(/Z$/);
  });

  it('returns a long post cut in text and whole in note_tweet', async () => {
    await sb.close();
    sb = await startTestSandbox({ limits: { tweetMaxWeightedLength: 25_000 } });
    alice = await xConnect(sb, 'alice');
    const long = `${'Premium words & more. '.repeat(20)}the end`;
    await tweet(long);
    const [read] = (await timeline('tweet.fields=note_tweet')).data ?? [];
    expect(read?.text.endsWith('…')).toBe(true);
    expect(read?.text.replace(/&amp;/g, '&').length).toBeLessThanOrEqual(280);
    expect(read?.note_tweet?.text).toBe(long.replace(/&/g, '&amp;'));
  });
});

describe('X timelines lag behind writes, as an option', () => {
  it('shows a new tweet on the timeline only after the lag, while a lookup by id and the duplicate check see it at once', async () => {
    const sb = await startTestSandbox({ timing: { xTimelineLagMs: 5_000 } });
    try {
      const alice = await xConnect(sb, 'alice');
      const created = await xCall(sb, alice, 'POST', '/2/tweets', { text: 'not yet' });
      const id = (created.json() as { data: { id: string } }).data.id;
      expect((await xCall(sb, alice, 'GET', `/2/users/${alice.userId}/tweets`)).json()).toEqual({ meta: { result_count: 0 } });
      expect((await xCall(sb, alice, 'GET', `/2/tweets/${id}`)).status).toBe(200);
      expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'not yet' })).status).toBe(403);
      sb.clock.advance(5_000);
      expect(((await xCall(sb, alice, 'GET', `/2/users/${alice.userId}/tweets`)).json() as TimelineOut).data?.map((t) => t.id)).toEqual([id]);
    } finally {
      await sb.close();
    }
  });
});

describe('duplicate refusal, as an option', () => {
  it('can be turned off, so that a text sent twice is published twice (benchmarks and chaos count it)', async () => {
    const sb = await startTestSandbox({ behaviour: { refuseDuplicates: false } });
    try {
      const alice = await xConnect(sb, 'alice');
      expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'twice' })).status).toBe(201);
      expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'twice' })).status).toBe(201);
      expect(sb.ledger.published.map((p) => p.text)).toEqual(['twice', 'twice']);
    } finally {
      await sb.close();
    }
  });
});
