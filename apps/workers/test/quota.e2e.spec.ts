import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from './support/harness';

// Instagram allows a number of API publications per rolling 24 hours and says how many are used
// (content_publishing_limit, docs/platforms.md D.4). A post beyond it waits for a free slot instead of failing.
// X says in every answer how much of each window is left (x-rate-limit-*, x-user-limit-24hour-*, x-app-limit-24hour-*,
// docs/platforms.md A.4): a window used up pauses its channel, or every X channel for the app's cap, until its reset.
describe('platform quotas and rate-limit windows', () => {
  let h: Harness;
  const DAY_MS = 24 * 3600_000;

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_quota', redisDb: 6, sandbox: { limits: { igPublishQuota: 2, xTweetsPer24hPerApp: 2 } } });
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
      await provider.publish({ channel: { id: channel.internalId }, tokens: channel.tokens, text: unique(label), media: [{ url: h.media.url('/square.jpg'), mimeType: 'image/jpeg', open: () => Promise.reject(new Error('Instagram fetches the URL itself')) }] });
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

  it('pauses every X channel, of every organization, when an answer says the app’s 24-hour cap is used up: no 429 is met', async () => {
    const alice = await connectChannel(h, 'x', { persona: 'alice' });
    const bob = await connectChannel(h, 'x', { persona: 'bob', organizationId: alice.organizationId });
    const carol = await connectChannel(h, 'x', { persona: 'carol' });
    const firstTweetAt = Date.now();
    for (const channel of [alice, bob]) {
      const [id = ''] = await createPost(h, { integrationId: channel.id, content: unique('within the app cap') });
      expect((await waitForState(h, id, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
    }
    // The second answer said the app has 0 tweets left until the window of the first one ends.
    const blocked = await Promise.all([alice, bob, carol].map((c) => h.db.integration.findUniqueOrThrow({ where: { id: c.id } })));
    for (const channel of blocked) {
      expect(channel.publishBlockedUntil?.getTime()).toBeGreaterThanOrEqual(firstTweetAt + DAY_MS - 1_000);
      expect(channel.publishBlockedUntil?.getTime()).toBeLessThanOrEqual(Date.now() + DAY_MS);
    }
    const text = unique('past the app cap');
    const [overId = ''] = await createPost(h, { integrationId: carol.id, content: text });
    const over = await postponed(overId);
    expect(over.notBefore?.getTime()).toBe(blocked[2]?.publishBlockedUntil?.getTime());
    expect(over.error).toBeNull();
    expect(ledgerWith(h, text)).toHaveLength(0);
    expect(h.sandbox.ledger.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });
});
