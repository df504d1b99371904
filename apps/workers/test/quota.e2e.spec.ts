import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from './support/harness';

// Instagram allows a number of API publications per rolling 24 hours and says how many are used
// (content_publishing_limit, platforms.md D.4). A post beyond it waits for a free slot instead of failing.
describe('Instagram publishing quota', () => {
  let h: Harness;
  const DAY_MS = 24 * 3600_000;

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_quota', redisDb: 6, sandbox: { limits: { igPublishQuota: 2 } } });
    await h.startWorkers();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  async function postponed(postId: string) {
    return waitFor(`post ${postId} to be postponed`, async () => {
      const post = await h.db.post.findUniqueOrThrow({ where: { id: postId } });
      return post.state === 'QUEUE' && post.notBefore ? post : undefined;
    });
  }

  it('holds a post past the quota until the oldest publication leaves the 24-hour window', async () => {
    const channel = await connectChannel(h, 'instagram-standalone');
    const image = [h.media.url('/square.jpg')];
    const published = [];
    for (const label of ['quota 1/2', 'quota 2/2']) {
      const [id = ''] = await createPost(h, { integrationId: channel.id, content: unique(label), images: image });
      published.push(await waitForState(h, id, ['PUBLISHED', 'ERROR']));
    }
    expect(published.map((p) => p.state)).toEqual(['PUBLISHED', 'PUBLISHED']);
    const text = unique('over the quota');
    const [overId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: image });
    const over = await postponed(overId);
    const oldest = Math.min(...published.map((p) => p.publishedAt?.getTime() ?? Number.NaN));
    expect(over.notBefore?.getTime()).toBe(oldest + DAY_MS);
    expect(over.error).toBeNull();
    expect((await h.db.integration.findUniqueOrThrow({ where: { id: channel.id } })).publishBlockedUntil?.getTime()).toBe(oldest + DAY_MS);
    expect(await h.jobs.jobState(overId)).toBe('delayed');
    expect(ledgerWith(h, text)).toHaveLength(0);
  });

  it('counts what was published outside Herald, as Instagram reports it', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'bob' });
    const provider = h.providers.require('instagram-standalone');
    for (const label of ['elsewhere 1', 'elsewhere 2']) {
      await provider.publish({ channel: { id: channel.internalId }, tokens: channel.tokens, text: unique(label), media: [{ url: h.media.url('/square.jpg'), mimeType: 'image/jpeg' }] });
    }
    const text = unique('after posts made elsewhere');
    const before = Date.now();
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/square.jpg')] });
    const post = await postponed(postId);
    // Herald knows none of the publications that fill the quota: it looks again in an hour.
    expect(post.notBefore?.getTime()).toBeGreaterThanOrEqual(before + 3600_000);
    expect(post.notBefore?.getTime()).toBeLessThan(Date.now() + 3600_000 + 5_000);
    expect(ledgerWith(h, text)).toHaveLength(0);
  });
});
