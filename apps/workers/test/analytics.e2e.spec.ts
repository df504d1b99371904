import { AnalyticsQueries, CollectAnalytics, type ChannelTokenManagerDeps, ScheduleAnalytics } from '@herald/core';
import { AnalyticsRepository, ChannelStateRepository, PublishingNotificationsRepository } from '@herald/database';
import { AnalyticsQueue } from '@herald/queue';
import { connectChannel, type Harness, startHarness, unique, waitFor } from './support/harness';

const HOUR = 3600_000;

// Analytics read from the strict sandbox through the real providers, stored as snapshots in Postgres
// (docs/analytics.md): X in batches of 100, Meta insights without retired metrics, rate limits respected.
describe('analytics collection', () => {
  let h: Harness;
  let snapshots: AnalyticsRepository;
  let deps: ChannelTokenManagerDeps;

  const collector = (x: 'off' | 'daily' | 'hourly' = 'daily') => new CollectAnalytics({ publishing: deps, snapshots, settings: { cadence: { x } } });

  beforeAll(async () => {
    h = await startHarness({
      database: 'herald_analytics',
      redisDb: 4,
      sandbox: { limits: { xTweetsPer15Min: 1000, xTweetsPer24hPerUser: 5000, xReadPer15Min: 6 }, behaviour: { retiredInsightsMetrics: ['page_views_total'] } },
    });
    snapshots = new AnalyticsRepository(h.db);
    deps = {
      channels: new ChannelStateRepository(h.db),
      notifications: new PublishingNotificationsRepository(h.db),
      providers: h.providers,
      cipher: h.cipher,
      logger: h.logger,
      now: () => new Date(),
    };
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  /** Publishes through the provider (the sandbox's state is the platform's) and records the post as published. */
  async function published(channel: Awaited<ReturnType<typeof connectChannel>>, identifier: 'x' | 'instagram' | 'instagram-standalone' | 'facebook', count: number, ageMs: number, images: string[] = []) {
    const provider = h.providers.require(identifier);
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const text = unique(`analytics ${i}`);
      const out = await provider.publish({ channel: { id: channel.internalId }, tokens: channel.tokens, text, media: images.map((url) => ({ url, mimeType: 'image/png', open: () => Promise.reject(new Error('Meta fetches the image by its URL')) })) });
      const at = new Date(Date.now() - ageMs);
      const row = await h.db.post.create({
        data: { organizationId: channel.organizationId, integrationId: channel.id, group: unique('g'), state: 'PUBLISHED', publishDate: at, publishedAt: at, content: text, releaseId: out.id, releaseURL: out.url },
      });
      ids.push(row.id);
    }
    return ids;
  }

  it('reads X public_metrics in batches of 100 and the account counts, and stores one row per post, metric and day', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'alice' });
    const posts = await published(channel, 'x', 150, 2 * HOUR);
    // The sandbox's figures grow with the tweets' age: two hours ahead, so they are past their first checkpoint.
    h.sandbox.clock.advance(2 * HOUR);
    const before = h.sandbox.ledger.requests.length;
    const outcome = await collector().collect(channel.id);
    expect(outcome).toMatchObject({ status: 'collected', requests: 3, posts: 150 });
    const reads = h.sandbox.ledger.requests.slice(before).filter((r) => r.path.startsWith('/2/'));
    expect(reads.map((r) => r.path).sort()).toEqual(['/2/tweets', '/2/tweets', '/2/users/me']);
    const rows = await h.db.analyticsSnapshot.findMany({ where: { integrationId: channel.id } });
    expect(new Set(rows.filter((r) => r.postId).map((r) => r.postId)).size).toBe(150);
    const first = rows.filter((r) => r.postId === posts[0]);
    expect(first.map((r) => r.metric).sort()).toEqual(['bookmark_count', 'impression_count', 'like_count', 'quote_count', 'reply_count', 'retweet_count']);
    expect(first.find((r) => r.metric === 'impression_count')?.value).toBeGreaterThan(0);
    expect(rows.filter((r) => r.postId === null).map((r) => r.metric)).toEqual(expect.arrayContaining(['followers_count', 'tweet_count']));

    // Read again the same day: the rows are updated in place, none added; nothing is due, so nothing is asked.
    expect(await collector().collect(channel.id)).toEqual({ status: 'skipped', reason: 'nothing due' });
    const forced = await collector().collect(channel.id, { forceChannel: true });
    expect(forced).toMatchObject({ status: 'collected', requests: 1, posts: 0 });
    expect(await h.db.analyticsSnapshot.count({ where: { integrationId: channel.id } })).toBe(rows.length);
    h.sandbox.clock.setOffset(0);
  }, 120_000);

  it('ANALYTICS_X=off reads nothing from X', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'bob' });
    expect(await collector('off').collect(channel.id)).toEqual({ status: 'skipped', reason: 'analytics off for this platform' });
  });

  it('reads Instagram media insights (views, reach, likes, comments, saved, shares, total interactions) and account insights', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'carol' });
    const [postId] = await published(channel, 'instagram-standalone', 1, 25 * HOUR, [h.media.url('/square.jpg')]);
    const outcome = await collector().collect(channel.id);
    expect(outcome).toMatchObject({ status: 'collected', posts: 1, dropped: [] });
    const post = await h.db.analyticsSnapshot.findMany({ where: { postId } });
    expect(post.map((r) => r.metric).sort()).toEqual(['comments', 'likes', 'reach', 'saved', 'shares', 'total_interactions', 'views']);
    const account = await h.db.analyticsSnapshot.findMany({ where: { objectId: channel.id } });
    expect(account.map((r) => r.metric).sort()).toEqual(['accounts_engaged', 'followers_count', 'follows_count', 'media_count', 'reach', 'total_interactions', 'views']);
  }, 60_000);

  it('reads an Instagram account reached through its Facebook Page (graph.facebook.com, Page token)', async () => {
    const channel = await connectChannel(h, 'instagram', { persona: 'alice', pageId: '110000000000102' });
    const [postId] = await published(channel, 'instagram', 1, 25 * HOUR, [h.media.url('/square.jpg')]);
    expect(await collector().collect(channel.id)).toMatchObject({ status: 'collected', posts: 1, dropped: [] });
    expect((await h.db.analyticsSnapshot.findMany({ where: { postId } })).map((r) => r.metric).sort()).toEqual(['comments', 'likes', 'reach', 'saved', 'shares', 'total_interactions', 'views']);
    expect((await h.db.analyticsSnapshot.findMany({ where: { objectId: channel.id } })).map((r) => r.metric)).toEqual(expect.arrayContaining(['followers_count', 'reach', 'views']));
  }, 60_000);

  it('reads a Page post reactions, comments and shares, the Page insights offered, and drops a metric Graph calls invalid', async () => {
    const channel = await connectChannel(h, 'facebook', { persona: 'alice', pageId: '110000000000101' });
    const [postId] = await published(channel, 'facebook', 3, 3 * 24 * HOUR);
    const outcome = await collector().collect(channel.id);
    // The sandbox retires page_views_total for this run: that metric goes, the others stay. Requests: the Page's
    // fields, its insights (refused), each of the four metrics alone, and one multiple-ID read for the three posts.
    expect(outcome).toMatchObject({ status: 'collected', posts: 3, dropped: ['page_views_total'], requests: 7 });
    const page = await h.db.analyticsSnapshot.findMany({ where: { objectId: channel.id } });
    expect(page.map((r) => r.metric).sort()).toEqual(['followers_count', 'page_follows', 'page_media_view', 'page_post_engagements']);
    const post = await h.db.analyticsSnapshot.findMany({ where: { postId } });
    expect(post.map((r) => r.metric).sort()).toEqual(['comments', 'reactions', 'shares']);
    // The next read does not ask for the dropped metric again.
    const before = h.sandbox.ledger.requests.length;
    expect(await collector().collect(channel.id, { forceChannel: true })).toMatchObject({ status: 'collected', dropped: [], requests: 2 });
    const insights = h.sandbox.ledger.requests.slice(before).filter((r) => r.path.endsWith('/insights'));
    expect(insights).toHaveLength(1);
  }, 60_000);

  it('stops at an exhausted X read window, and waits for its reset on a 429', async () => {
    // This run's sandbox allows 6 tweet reads per user and 15 minutes.
    const channel = await connectChannel(h, 'x', { persona: 'carol' });
    const posts = await published(channel, 'x', 5, 2 * HOUR);
    const outcomes = [];
    for (let i = 0; i < 6; i += 1) outcomes.push(await collector().collect(channel.id, { forcePosts: posts }));
    // The sixth answer says the window is used up (x-rate-limit-remaining: 0): the collection notes when it resets.
    expect(outcomes.slice(0, 5).every((o) => o.status === 'collected' && o.pauseUntil === undefined)).toBe(true);
    expect(outcomes[5]).toMatchObject({ status: 'collected', pauseUntil: expect.any(Date) });
    const outcome = await collector().collect(channel.id, { forcePosts: posts });
    expect(outcome).toMatchObject({ status: 'later' });
    if (outcome.status === 'later') expect(outcome.at.getTime()).toBeGreaterThan(Date.now());
  }, 120_000);

  it('the cron queues one job per channel, spread over the hour, and the workers run them', async () => {
    const queue = new AnalyticsQueue(h.redis);
    const schedule = new ScheduleAnalytics({ collect: collector(), snapshots, jobs: queue, logger: h.logger, now: () => new Date(), retentionDays: 400 });
    const result = await schedule.run();
    const channels = await h.db.integration.count({ where: { deletedAt: null } });
    expect(result).toEqual({ channels, queued: channels });
    const pending = await queue.pending();
    expect(pending).toHaveLength(channels);
    expect(pending.every((j) => j.delay >= 0 && j.delay < HOUR)).toBe(true);
    // Queued again within the hour: each channel keeps its one job.
    await schedule.run();
    expect(await queue.pending()).toHaveLength(channels);
    await queue.drain();

    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'bob' });
    await h.startWorkers();
    await queue.enqueue([{ integrationId: channel.id, delayMs: 0 }]);
    await waitFor('the worker to store the channel figures', async () => (await h.db.analyticsSnapshot.count({ where: { objectId: channel.id } })) > 0);
    await queue.close();
  }, 60_000);

  it('serves the public shapes from the snapshots, and prunes past the retention', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'alice' });
    const [postId = ''] = await published(channel, 'instagram-standalone', 1, 25 * HOUR, [h.media.url('/square.jpg')]);
    const queries = new AnalyticsQueries({ snapshots, collect: collector(), logger: h.logger, now: () => new Date() });
    // Nothing stored yet: the read goes to the platform first.
    const data = await queries.channelPublic(channel.organizationId, channel.id, 7);
    expect(data).toEqual(expect.arrayContaining([{ label: 'Followers', data: [{ total: expect.stringMatching(/^\d+$/), date: new Date().toISOString().slice(0, 10) }], percentageChange: 0 }]));
    const post = await queries.postPublic(channel.organizationId, postId, 7);
    expect(post).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Views', percentageChange: 0 })]));
    const old = new Date(Date.now() - 500 * 24 * HOUR);
    await h.db.analyticsSnapshot.create({ data: { objectId: channel.id, integrationId: channel.id, metric: 'followers_count', day: old, value: 1, collectedAt: old } });
    const schedule = new ScheduleAnalytics({ collect: collector(), snapshots, jobs: { enqueue: () => Promise.resolve(0) }, logger: h.logger, now: () => new Date(), retentionDays: 400 });
    expect(await schedule.prune()).toEqual({ deleted: 1 });
  }, 60_000);
});
