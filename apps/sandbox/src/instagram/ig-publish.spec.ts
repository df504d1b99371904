import { type SandboxHandle } from '../sandbox';
import { graph, igConnect } from '../test-support/flows';
import { type MediaServer, startMediaServer } from '../test-support/media-server';
import { IG_APP, startTestSandbox } from '../test-support/test-sandbox';

describe('Instagram content publishing (graph.instagram.com)', () => {
  let sb: SandboxHandle;
  let media: MediaServer;
  let token: string;
  let igUserId: string;
  beforeAll(async () => {
    media = await startMediaServer();
  });
  afterAll(async () => {
    await media.close();
  });
  beforeEach(async () => {
    sb = await startTestSandbox({ timing: { containerProcessingMs: 5000 } });
    ({ token, userId: igUserId } = await igConnect(sb, 'alice'));
  });
  afterEach(async () => {
    await sb.close();
  });

  const create = (params: Record<string, string>) => graph(sb, 'ig', 'POST', `/${igUserId}/media`, { ...params, access_token: token });
  const publish = (creationId: string) => graph(sb, 'ig', 'POST', `/${igUserId}/media_publish`, { creation_id: creationId, access_token: token });
  const status = (id: string) => graph(sb, 'ig', 'GET', `/${id}`, { fields: 'status_code,status', access_token: token });
  const idOf = (body: unknown): string => (body as { id: string }).id;

  it('fetches the image, goes IN_PROGRESS → FINISHED, refuses an early publish, then publishes once', async () => {
    const created = await create({ image_url: media.url('/square.jpg'), caption: 'Fresh bread #sandbox' });
    expect(created.status).toBe(200);
    const containerId = idOf(created.json());
    expect(media.hits('/square.jpg')).toBe(1);
    expect((await status(containerId)).json()).toMatchObject({ status_code: 'IN_PROGRESS', id: containerId });

    const early = await publish(containerId);
    expect(early.status).toBe(400);
    expect(early.json()).toMatchObject({ error: { code: 9007, error_subcode: 2207027, message: 'Media ID is not available', is_transient: false } });
    expect(sb.ledger.published).toHaveLength(0);

    sb.clock.advance(5000);
    expect((await status(containerId)).json()).toMatchObject({ status_code: 'FINISHED' });
    const published = await publish(containerId);
    expect(published.status).toBe(200);
    const mediaId = idOf(published.json());
    expect((await status(containerId)).json()).toMatchObject({ status_code: 'PUBLISHED' });
    expect((await publish(containerId)).status).toBe(400);

    const permalink = await graph(sb, 'ig', 'GET', `/${mediaId}`, { fields: 'permalink,media_type,media_product_type', access_token: token });
    expect(permalink.json()).toMatchObject({ id: mediaId, permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[\w-]+\/$/), media_type: 'IMAGE', media_product_type: 'FEED' });
    expect(sb.ledger.published).toEqual([
      expect.objectContaining({ platform: 'instagram', via: 'instagram-login', accountId: igUserId, releaseId: mediaId, text: 'Fresh bread #sandbox', mediaUrls: [media.url('/square.jpg')], kind: 'image' }),
    ]);
  });

  it.each([
    ['a PNG', '/image.png'],
    ['a PNG named .jpg', '/fake.jpg'],
    ['a text file', '/notes.txt'],
  ])('refuses %s with the unsupported-format error', async (_label, path) => {
    const res = await create({ image_url: media.url(path) });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 36001, error_subcode: 2207005 } });
  });

  it('refuses an unreachable image URL and an out-of-range aspect ratio', async () => {
    expect((await create({ image_url: media.url('/missing.jpg') })).json()).toMatchObject({ error: { code: 9004, error_subcode: 2207052 } });
    expect((await create({ image_url: media.url('/banner.jpg') })).json()).toMatchObject({ error: { code: 36003, error_subcode: 2207009 } });
    expect((await create({ image_url: media.url('/portrait.jpg') })).status).toBe(200);
  });

  it('refuses captions over 2200 characters or 30 hashtags', async () => {
    expect((await create({ image_url: media.url('/square.jpg'), caption: 'x'.repeat(2201) })).status).toBe(400);
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    expect((await create({ image_url: media.url('/square.jpg'), caption: tags })).status).toBe(400);
  });

  it('builds carousels of 2–10 items only, without Reels', async () => {
    const item = async () => idOf((await create({ image_url: media.url('/square.jpg'), is_carousel_item: 'true' })).json());
    const one = await create({ media_type: 'CAROUSEL', children: await item() });
    expect(one.json()).toMatchObject({ error: { error_subcode: 2207028 } });
    const eleven = await Promise.all(Array.from({ length: 11 }, item));
    expect((await create({ media_type: 'CAROUSEL', children: eleven.join(',') })).status).toBe(400);
    const reel = idOf((await create({ media_type: 'REELS', video_url: media.url('/clip.mp4') })).json());
    expect((await create({ media_type: 'CAROUSEL', children: [eleven[0], reel].join(',') })).status).toBe(400);
    expect((await create({ media_type: 'REELS', video_url: media.url('/clip.mp4'), is_carousel_item: 'true' })).status).toBe(400);

    const carousel = await create({ media_type: 'CAROUSEL', children: eleven.slice(0, 3).join(','), caption: 'three' });
    expect(carousel.status).toBe(200);
    sb.clock.advance(5000);
    const published = await publish(idOf(carousel.json()));
    expect(published.status).toBe(200);
    expect(sb.ledger.published[0]).toMatchObject({ kind: 'carousel', mediaUrls: [media.url('/square.jpg'), media.url('/square.jpg'), media.url('/square.jpg')] });
  });

  it('publishes Reels and Stories; a non-video Reel ends in ERROR', async () => {
    const reel = idOf((await create({ media_type: 'REELS', video_url: media.url('/clip.mp4'), caption: 'reel' })).json());
    const story = idOf((await create({ media_type: 'STORIES', image_url: media.url('/banner.jpg') })).json());
    const broken = idOf((await create({ media_type: 'REELS', video_url: media.url('/notes.txt') })).json());
    sb.clock.advance(5000);
    expect((await status(broken)).json()).toMatchObject({ status_code: 'ERROR', status: expect.stringContaining('Error') });
    const reelMedia = idOf((await publish(reel)).json());
    expect((await graph(sb, 'ig', 'GET', `/${reelMedia}`, { fields: 'permalink', access_token: token })).json()).toMatchObject({ permalink: expect.stringContaining('/reel/') });
    expect((await publish(story)).status).toBe(200);
    expect((await publish(broken)).status).toBe(400);
  });

  it('expires unpublished containers after 24 h', async () => {
    // The short-lived token would have expired too; a real client holds the 60-day one.
    const long = await graph(sb, 'ig', 'GET', '/access_token', { grant_type: 'ig_exchange_token', client_secret: IG_APP.appSecret, access_token: token });
    token = (long.json() as { access_token: string }).access_token;
    const id = idOf((await create({ image_url: media.url('/square.jpg') })).json());
    sb.clock.advance(24 * 3600_000);
    expect((await status(id)).json()).toMatchObject({ status_code: 'EXPIRED' });
    expect((await publish(id)).json()).toMatchObject({ error: { error_subcode: 2207020 } });
  });

  it('enforces the publishing quota (9/2207042) and reports it in content_publishing_limit', async () => {
    await sb.close();
    sb = await startTestSandbox({ limits: { igPublishQuota: 2 } });
    ({ token, userId: igUserId } = await igConnect(sb, 'alice'));
    for (let i = 0; i < 2; i++) expect((await publish(idOf((await create({ image_url: media.url('/square.jpg') })).json()))).status).toBe(200);
    const third = await publish(idOf((await create({ image_url: media.url('/square.jpg') })).json()));
    expect(third.json()).toMatchObject({ error: { code: 9, error_subcode: 2207042 } });
    const limit = await graph(sb, 'ig', 'GET', `/${igUserId}/content_publishing_limit`, { fields: 'quota_usage,config', access_token: token });
    expect(limit.json()).toEqual({ data: [{ quota_usage: 2, config: { quota_total: 2, quota_duration: 86400 } }] });
    expect((await graph(sb, 'ig', 'GET', `/${igUserId}/content_publishing_limit`, { access_token: token })).json()).toEqual({ data: [{ quota_usage: 2 }] });
  });

  it('comments on published media and refuses another account or a missing permission', async () => {
    const container = idOf((await create({ image_url: media.url('/square.jpg') })).json());
    sb.clock.advance(5000);
    const mediaId = idOf((await publish(container)).json());
    const comment = await graph(sb, 'ig', 'POST', `/${mediaId}/comments`, { message: 'first comment', access_token: token });
    expect(comment.status).toBe(200);
    expect(sb.ledger.published[1]).toMatchObject({ kind: 'comment', parentId: mediaId, text: 'first comment' });
    const bob = await igConnect(sb, 'bob');
    expect((await graph(sb, 'ig', 'POST', `/${igUserId}/media`, { image_url: media.url('/square.jpg'), access_token: bob.token })).json()).toMatchObject({ error: { code: 100, error_subcode: 33 } });
    const basicOnly = await igConnect(sb, 'carol', ['instagram_business_basic']);
    expect((await graph(sb, 'ig', 'POST', `/${basicOnly.userId}/media`, { image_url: media.url('/square.jpg'), access_token: basicOnly.token })).json()).toMatchObject({ error: { code: 10 } });
  });
});
