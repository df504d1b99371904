import { InstagramProvider } from '../instagram/instagram.provider';
import { InstagramStandaloneProvider } from '../instagram-standalone/instagram-standalone.provider';
import type { Reply } from '../testing/recording-server';
import { graphError, startMetaFixture, type MetaFixture } from '../testing/meta-fixture';

/** Meta fetches media from Herald's public URL itself: the bytes are never read here. */
const noBytes = () => Promise.reject(new Error('Meta fetches the file itself'));

const IG = '17841405822304914';
const tokens = { accessToken: 'IGtoken' };
const channel = { id: IG, username: 'acme' };
const jpeg = (n: number) => ({ url: `https://herald.example/uploads/${n}.jpg`, mimeType: 'image/jpeg', open: noBytes });
const mp4 = { url: 'https://herald.example/uploads/clip.mp4', mimeType: 'video/mp4', open: noBytes };

describe('Instagram content publishing', () => {
  let fx: MetaFixture;
  let provider: InstagramStandaloneProvider;
  let containers: Array<Record<string, unknown>>;
  let statuses: Map<string, string[]>;

  beforeEach(async () => {
    fx = await startMetaFixture();
    provider = new InstagramStandaloneProvider(fx.config, fx.deps);
    containers = [];
    statuses = new Map();
    fx.graph.route('POST', `/v23.0/${IG}/media`, (req) => {
      containers.push(req.json() as Record<string, unknown>);
      return { json: { id: `c${containers.length}` } };
    });
    fx.graph.route('POST', `/v23.0/${IG}/media_publish`, { json: { id: '17920238422030506' } });
    fx.graph.route('GET', '/v23.0/17920238422030506', { json: { permalink: 'https://www.instagram.com/p/DAbc/', id: '17920238422030506' } });
    for (let i = 1; i <= 12; i++) {
      fx.graph.route('GET', `/v23.0/c${i}`, (): Reply => {
        const queue = statuses.get(`c${i}`);
        return { json: { id: `c${i}`, status_code: queue?.shift() ?? 'FINISHED' } };
      });
    }
  });
  afterEach(() => fx.close());

  it('reads the publishing quota, with or without its config', async () => {
    expect(provider.quota).toMatchObject({ limit: 100, windowSeconds: 86_400 });
    fx.graph.route('GET', `/v23.0/${IG}/content_publishing_limit`, { json: { data: [{ quota_usage: 7, config: { quota_total: 50, quota_duration: 86400 } }] } });
    expect(await provider.quota.read({ channel, tokens })).toEqual({ used: 7, total: 50, windowSeconds: 86400 });
    expect(fx.graph.find('GET', `/v23.0/${IG}/content_publishing_limit`)[0]?.query).toMatchObject({ fields: 'quota_usage,config' });
    fx.graph.route('GET', `/v23.0/${IG}/content_publishing_limit`, { json: { data: [{ quota_usage: 3 }] } });
    expect(await provider.quota.read({ channel, tokens })).toEqual({ used: 3 });
    fx.graph.route('GET', `/v23.0/${IG}/content_publishing_limit`, { json: { data: [] } });
    await expect(provider.quota.read({ channel, tokens })).rejects.toMatchObject({ kind: 'platform_error' });
  });

  it('publishes one image: container, status, media_publish, permalink', async () => {
    const post = await provider.publish({ channel, tokens, text: 'Hello #herald', media: [{ ...jpeg(1), alt: 'a cat' }] });

    expect(post).toEqual({ id: '17920238422030506', url: 'https://www.instagram.com/p/DAbc/' });
    expect(containers).toEqual([{ image_url: 'https://herald.example/uploads/1.jpg', caption: 'Hello #herald', alt_text: 'a cat' }]);
    expect(fx.graph.find('GET', '/v23.0/c1')[0]?.query).toEqual({ fields: 'status_code,status' });
    const publish = fx.graph.find('POST', `/v23.0/${IG}/media_publish`)[0];
    expect(publish?.json()).toEqual({ creation_id: 'c1' });
    expect(publish?.headers.authorization).toBe('Bearer IGtoken');
    expect(publish?.headers['content-type']).toMatch(/^application\/json/);
    expect(fx.graph.find('GET', '/v23.0/17920238422030506')[0]?.query).toEqual({ fields: 'permalink' });
  });

  it('makes the container but does not publish it once the publishing lease’s signal fired', async () => {
    const lost = new Error('lease lost');
    await expect(provider.publish({ channel, tokens, text: 'late', media: [jpeg(1)], signal: AbortSignal.abort(lost) })).rejects.toBe(lost);
    // A container is invisible until media_publish: it is the one call held back.
    expect(containers).toHaveLength(1);
    expect(fx.graph.find('POST', `/v23.0/${IG}/media_publish`)).toHaveLength(0);
  });

  it('publishes a carousel: children, then the CAROUSEL parent', async () => {
    await provider.publish({ channel, tokens, text: 'two', media: [jpeg(1), mp4], settings: { post_type: 'post', collaborators: [{ label: '@friend' }] } });

    expect(containers).toEqual([
      { image_url: 'https://herald.example/uploads/1.jpg', is_carousel_item: true },
      { media_type: 'VIDEO', video_url: mp4.url, is_carousel_item: true },
      { media_type: 'CAROUSEL', children: 'c1,c2', caption: 'two', collaborators: ['friend'] },
    ]);
    expect(fx.graph.find('POST', `/v23.0/${IG}/media_publish`)[0]?.json()).toEqual({ creation_id: 'c3' });
  });

  it('publishes a single video as a Reel, polling with backoff until FINISHED', async () => {
    statuses.set('c1', ['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS']);

    await provider.publish({ channel, tokens, text: 'reel', media: [mp4], settings: { post_type: 'reel', share_to_feed: true } });

    expect(containers).toEqual([{ media_type: 'REELS', video_url: mp4.url, caption: 'reel', share_to_feed: true }]);
    expect(fx.sleeps).toEqual([1000, 2000, 4000]);
    expect(fx.graph.find('GET', '/v23.0/c1')).toHaveLength(4);
  });

  it('publishes a story from one image', async () => {
    await provider.publish({ channel, tokens, text: 'ignored', media: [jpeg(1)], settings: { post_type: 'story' } });
    expect(containers).toEqual([{ media_type: 'STORIES', image_url: 'https://herald.example/uploads/1.jpg' }]);
  });

  it.each([
    ['no media', []],
    ['more than 10 items', Array.from({ length: 11 }, (_, i) => jpeg(i))],
  ])('refuses %s before calling Instagram', async (_name, media) => {
    await expect(provider.publish({ channel, tokens, text: 't', media })).rejects.toMatchObject({ kind: 'bad_content' });
    expect(fx.graph.requests).toHaveLength(0);
  });

  it('turns a container ERROR into bad content with Instagram’s reason', async () => {
    fx.graph.route('GET', '/v23.0/c1', { json: { id: 'c1', status_code: 'ERROR', status: 'Error: Unsupported aspect ratio' } });
    await expect(provider.publish({ channel, tokens, text: 't', media: [jpeg(1)] })).rejects.toMatchObject({
      kind: 'bad_content',
      message: 'Error: Unsupported aspect ratio',
    });
    expect(fx.graph.find('POST', `/v23.0/${IG}/media_publish`)).toHaveLength(0);
  });

  it('gives up polling after the window and says retry later, remembering the container', async () => {
    statuses.set('c1', Array.from({ length: 50 }, () => 'IN_PROGRESS'));
    await expect(provider.publish({ channel, tokens, text: 't', media: [mp4] })).rejects.toMatchObject({
      kind: 'retry_later',
      outcomeHint: { containerId: 'c1' },
    });
    expect(fx.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  it('classifies the daily publishing limit from media_publish', async () => {
    fx.graph.route('POST', `/v23.0/${IG}/media_publish`, {
      status: 400,
      json: graphError(9, 2207042, 'Application request limit reached', { error_user_msg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.' }),
    });
    await expect(provider.publish({ channel, tokens, text: 't', media: [jpeg(1)] })).rejects.toMatchObject({
      kind: 'retry_later',
      platform: { code: 9, subcode: 2207042 },
      outcomeHint: { containerId: 'c1' },
    });
  });

  it('reports an unknown outcome (with the container) when media_publish gets no answer', async () => {
    fx.graph.route('POST', `/v23.0/${IG}/media_publish`, { hangUp: true });
    await expect(provider.publish({ channel, tokens, text: 't', media: [jpeg(1)] })).rejects.toMatchObject({
      kind: 'unknown_outcome',
      outcomeHint: { containerId: 'c1' },
    });
  });

  describe('checkOutcome', () => {
    it('is pending while the container is still processing', async () => {
      statuses.set('c7', ['IN_PROGRESS']);
      await expect(provider.checkOutcome({ channel, tokens, text: 't', since: new Date(), hint: { containerId: 'c7' } })).resolves.toEqual({
        status: 'pending',
      });
    });

    it('is not published when the container is FINISHED but unpublished', async () => {
      await expect(provider.checkOutcome({ channel, tokens, text: 't', since: new Date(), hint: { containerId: 'c7' } })).resolves.toEqual({
        status: 'not_published',
      });
    });

    it('finds the published media by caption', async () => {
      statuses.set('c7', ['PUBLISHED']);
      fx.graph.route('GET', `/v23.0/${IG}/media`, {
        json: { data: [{ id: '1790', caption: 'launch day', permalink: 'https://www.instagram.com/p/X/', timestamp: '2026-03-01T12:00:05+0000' }] },
      });
      await expect(
        provider.checkOutcome({ channel, tokens, text: 'launch day', since: new Date('2026-03-01T12:00:00Z'), hint: { containerId: 'c7' } }),
      ).resolves.toEqual({ status: 'published', id: '1790', url: 'https://www.instagram.com/p/X/' });
      expect(fx.graph.find('GET', `/v23.0/${IG}/media`)[0]?.query).toEqual({ fields: 'id,caption,permalink,timestamp', since: String(Date.parse('2026-03-01T11:59:00Z') / 1000), limit: '100' });
    });

    it('takes the earliest caption match in the window, over several pages', async () => {
      statuses.set('c7', ['PUBLISHED']);
      fx.graph.route('GET', `/v23.0/${IG}/media`, (req) =>
        req.query.after
          ? { json: { data: [{ id: '1789', caption: 'launch day ', timestamp: '2026-03-01T12:00:01+0000' }, { id: '1000', caption: 'launch day', timestamp: '2026-02-01T12:00:01+0000' }] } }
          : { json: { data: [{ id: '1791', caption: 'launch day', timestamp: '2026-03-01T12:00:09+0000' }], paging: { cursors: { after: 'A1' }, next: 'https://graph/next' } } },
      );
      await expect(provider.checkOutcome({ channel, tokens, text: 'launch day', since: new Date('2026-03-01T12:00:00Z'), hint: { containerId: 'c7' } })).resolves.toEqual({
        status: 'published',
        id: '1789',
      });
    });

    it('finds a published Story under /stories, since Stories have no caption and never show in /media', async () => {
      statuses.set('c7', ['PUBLISHED']);
      fx.graph.route('GET', `/v23.0/${IG}/media`, { json: { data: [] } });
      fx.graph.route('GET', `/v23.0/${IG}/stories`, { json: { data: [{ id: '1795', permalink: 'https://www.instagram.com/stories/acme/1795/', timestamp: '2026-03-01T12:00:05+0000' }] } });
      await expect(provider.checkOutcome({ channel, tokens, text: 'ignored on stories', since: new Date('2026-03-01T12:00:00Z'), hint: { containerId: 'c7' } })).resolves.toEqual({
        status: 'published',
        id: '1795',
        url: 'https://www.instagram.com/stories/acme/1795/',
      });
    });
  });

  it('comments on a media and links to its permalink', async () => {
    fx.graph.route('POST', '/v23.0/17920238422030506/comments', { json: { id: '17858893269000001' } });
    const comment = await provider.comment({ channel, tokens, text: 'first!', media: [], parentId: '17920238422030506' });
    expect(comment).toEqual({ id: '17858893269000001', url: 'https://www.instagram.com/p/DAbc/' });
    expect(fx.graph.find('POST', '/v23.0/17920238422030506/comments')[0]?.json()).toEqual({ message: 'first!' });
  });

  it('uses the same flow on graph.facebook.com for Instagram through a Page', async () => {
    const viaPage = new InstagramProvider(fx.config, fx.deps);
    await viaPage.publish({ channel, tokens: { accessToken: 'EAApage' }, text: 'x', media: [jpeg(1)] });
    expect(fx.graph.find('POST', `/v23.0/${IG}/media_publish`)[0]?.headers.authorization).toBe('Bearer EAApage');
  });

  it('maps an expired Instagram Login token to refresh_token', async () => {
    fx.graph.route('POST', `/v23.0/${IG}/media`, { status: 400, json: graphError(190, 463, 'Error validating access token: Session has expired') });
    await expect(provider.publish({ channel, tokens, text: 't', media: [jpeg(1)] })).rejects.toMatchObject({ kind: 'refresh_token' });
  });
});
