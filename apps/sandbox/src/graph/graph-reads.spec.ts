import { type SandboxHandle } from '../sandbox';
import { fbConnect, graph, igConnect } from '../test-support/flows';
import { type MediaServer, startMediaServer } from '../test-support/media-server';
import { startTestSandbox } from '../test-support/test-sandbox';

const PAGE = '110000000000101';

interface FeedPost {
  id: string;
  message?: string;
  created_time: string;
  attachments?: { data: Array<Record<string, unknown>> };
}
interface Listed<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

// What Graph hands back when a client reads posts (docs/platforms.md, "Meta: reading posts back"). Each case was a
// leniency of the sandbox: the feed ignored since/until and limits, answered removed fields, and /media listed Stories.
describe('Graph reads posts back as Meta does', () => {
  let sb: SandboxHandle;
  let media: MediaServer;
  beforeAll(async () => {
    media = await startMediaServer();
  });
  afterAll(async () => {
    await media.close();
  });
  beforeEach(async () => {
    sb = await startTestSandbox();
  });
  afterEach(async () => {
    await sb.close();
  });

  const pageToken = async (): Promise<string> => {
    const user = await fbConnect(sb, 'alice');
    return ((await graph(sb, 'fb', 'GET', `/${PAGE}`, { fields: 'access_token', access_token: user })).json() as { access_token: string }).access_token;
  };
  const feed = async (token: string, params: Record<string, string>) => {
    const res = await graph(sb, 'fb', 'GET', `/${PAGE}/feed`, { ...params, access_token: token });
    return { status: res.status, body: res.json() as Listed<FeedPost> & { error?: { code: number; message: string } } };
  };

  it('returns a Page post’s message as posted, its link and photos only under attachments', async () => {
    const token = await pageToken();
    const text = 'Fish & chips <today> 🐟 https://example.com/menu?a=1&b=2';
    await graph(sb, 'fb', 'POST', `/${PAGE}/feed`, { message: text, access_token: token });
    await graph(sb, 'fb', 'POST', `/${PAGE}/feed`, { message: 'See our site', link: 'https://example.com/site', access_token: token });
    await graph(sb, 'fb', 'POST', `/${PAGE}/photos`, { url: media.url('/square.jpg'), message: 'A loaf & a cake', access_token: token });
    const { body } = await feed(token, { fields: 'id,message,created_time,attachments{type,unshimmed_url,media}' });
    expect(body.data.map((p) => p.message)).toEqual(['A loaf & a cake', 'See our site', text]);
    expect(body.data[0]?.attachments?.data[0]).toMatchObject({ type: 'photo', media: { image: { src: media.url('/square.jpg') } } });
    expect(body.data[1]?.attachments?.data[0]).toEqual({ type: 'share', unshimmed_url: 'https://example.com/site' });
    // A link in the message becomes its preview, and stays in the message too.
    expect(body.data[2]?.attachments?.data[0]).toEqual({ type: 'share', unshimmed_url: 'https://example.com/menu?a=1&b=2' });
    expect(body.data[0]?.created_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
  });

  it('honours since and until (Unix seconds or a date) and pages with cursors', async () => {
    const token = await pageToken();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift(((await graph(sb, 'fb', 'POST', `/${PAGE}/feed`, { message: `post ${i}`, access_token: token })).json() as { id: string }).id);
      sb.clock.advance(60_000);
    }
    const now = Math.floor(sb.clock.now() / 1000);
    const since = (await feed(token, { since: String(now - 150) })).body;
    expect(since.data.map((p) => p.id)).toEqual(ids.slice(0, 2));
    const until = (await feed(token, { until: new Date((now - 150) * 1000).toISOString() })).body;
    expect(until.data.map((p) => p.id)).toEqual(ids.slice(2));
    const first = (await feed(token, { limit: '2' })).body;
    expect(first.data.map((p) => p.id)).toEqual(ids.slice(0, 2));
    expect(first.paging?.next).toContain('after=');
    const second = (await feed(token, { limit: '2', after: first.paging?.cursors.after ?? '' })).body;
    expect(second.data.map((p) => p.id)).toEqual(ids.slice(2, 4));
    expect(second.paging?.previous).toContain('before=');
  });

  it.each([
    ['a limit over 100', { limit: '101' }, 100, 'limit must be at most 100'],
    ['a since that is no time', { since: 'soon-ish' }, 100, 'since must be a unix timestamp'],
    ['the link field Meta removed in v3.3', { fields: 'id,link' }, 12, '(#12) link field is deprecated'],
  ])('refuses %s', async (_label, params, code, message) => {
    const { status, body } = await feed(await pageToken(), params);
    expect(status).toBe(400);
    expect(body.error?.code).toBe(code);
    expect(body.error?.message).toContain(message);
  });

  it('keeps Stories out of /media and lists them under /stories for 24 hours', async () => {
    await sb.close();
    sb = await startTestSandbox({ timing: { igShortTokenTtlSec: 3 * 86_400 } });
    const { token, userId } = await igConnect(sb, 'alice');
    const publish = async (params: Record<string, string>): Promise<string> => {
      const container = ((await graph(sb, 'ig', 'POST', `/${userId}/media`, { ...params, access_token: token })).json() as { id: string }).id;
      return ((await graph(sb, 'ig', 'POST', `/${userId}/media_publish`, { creation_id: container, access_token: token })).json() as { id: string }).id;
    };
    const post = await publish({ image_url: media.url('/square.jpg'), caption: 'Bread & butter #fresh' });
    const story = await publish({ image_url: media.url('/square.jpg'), media_type: 'STORIES' });
    const list = async (edge: string, params: Record<string, string> = {}) =>
      ((await graph(sb, 'ig', 'GET', `/${userId}/${edge}`, { fields: 'id,caption,timestamp,media_product_type', ...params, access_token: token })).json() as Listed<{ id: string; caption?: string; timestamp: string }>).data;
    expect((await list('media')).map((m) => [m.id, m.caption])).toEqual([[post, 'Bread & butter #fresh']]);
    expect((await list('stories')).map((m) => m.id)).toEqual([story]);
    const at = Date.parse((await list('media'))[0]?.timestamp ?? '');
    expect(await list('media', { since: String(Math.floor(at / 1000) + 1) })).toEqual([]);
    sb.clock.advance(24 * 3600_000 + 1);
    expect(await list('stories')).toEqual([]);
  });
});

describe('Facebook duplicate refusal, as an option', () => {
  it('can be turned off, so that a Page post sent twice is published twice', async () => {
    const sb = await startTestSandbox({ behaviour: { refuseDuplicates: false } });
    try {
      const user = await fbConnect(sb, 'alice');
      const token = ((await graph(sb, 'fb', 'GET', `/${PAGE}`, { fields: 'access_token', access_token: user })).json() as { access_token: string }).access_token;
      for (let i = 0; i < 2; i++) expect((await graph(sb, 'fb', 'POST', `/${PAGE}/feed`, { message: 'twice', access_token: token })).status).toBe(200);
      expect(sb.ledger.published.map((p) => p.text)).toEqual(['twice', 'twice']);
    } finally {
      await sb.close();
    }
  });
});
