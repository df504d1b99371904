import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRedis } from '@herald/core';
import type { PostState } from '@herald/database';
import axios from 'axios';
import { type MediaServer, startMediaServer } from '../../../sandbox/src/test-support/media-server';
import { FAST_PUBLISHING, freshDatabase, redisUrl } from '../../../workers/test/support/harness';
import { startWorkersApp, type WorkersApp } from '../../../workers/src/workers-app';
import { signUp } from '../harness';
import { consent, type PlatformHarness, startPlatformHarness } from '../platform-harness';
import { api } from '../public-api.fixtures';

/**
 * X options, end to end: posts made through POST /posts and POST /public/v1/posts with each option a person can pick,
 * published by a real workers app against the strict sandbox, which records each POST /2/tweets body as it arrived.
 * The options must reach X under X's names (docs/platforms.md, "X: the options of a post"); the length limit follows the account's
 * X subscription, read from GET /2/users/me at connect.
 */
const DATABASE = 'herald_x_options';
const REDIS_DB = 1;
const COMMUNITY = 'https://x.com/i/communities/1493446837214187523';

type Session = Awaited<ReturnType<typeof signUp>>;

describe('X options, from the API to X', () => {
  let h: PlatformHarness;
  let media: MediaServer;
  let workers: WorkersApp;
  let agent: Agent;
  let session: Session;
  let alice: string;
  let carol: string;
  let uploads: string;
  /** Posts carry only the organization's uploads: the media server's files go through POST /media/upload first. */
  const uploaded = new Map<string, string>();
  async function upload(fixture: string): Promise<string> {
    const known = uploaded.get(fixture);
    if (known) return known;
    const res = await session.agent.post('/media/upload').attach('file', media.file(fixture) ?? Buffer.alloc(0), fixture.slice(1)).expect(201);
    const path = (res.body as { path: string }).path;
    uploaded.set(fixture, path);
    return path;
  }

  async function connect(persona: string): Promise<string> {
    const url = ((await session.agent.get('/integrations/social/x').expect(200)).body as { url: string }).url;
    const query = await consent(h, url, { persona });
    return ((await session.agent.post('/integrations/social/x/connect').send(query).expect(200)).body as { id: string }).id;
  }

  const soon = () => new Date(Date.now() + 2_000).toISOString();

  function body(channelId: string, value: Array<{ content: string; image?: unknown[] }>, settings: Record<string, unknown>) {
    return { type: 'schedule', date: soon(), shortLink: false, tags: [], posts: [{ integration: { id: channelId }, value: value.map((v) => ({ image: [], ...v })), settings }] };
  }

  async function post(channelId: string, value: Array<{ content: string; image?: unknown[] }>, settings: Record<string, unknown>): Promise<string> {
    const created = (await session.agent.post('/posts').send(body(channelId, value, settings)).expect(201)).body as Array<{ postId: string }>;
    return created[0]?.postId ?? '';
  }

  async function published(postId: string) {
    const final: PostState[] = ['PUBLISHED', 'ERROR'];
    const deadline = Date.now() + 45_000;
    for (;;) {
      const row = await h.backend.db.post.findUniqueOrThrow({ where: { id: postId } });
      if (final.includes(row.state)) {
        expect({ state: row.state, error: row.error }).toEqual({ state: 'PUBLISHED', error: null });
        return row;
      }
      if (Date.now() > deadline) throw new Error(`post ${postId} still ${row.state} (${row.error ?? ''})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** What X received for the tweet with this text. */
  function received(text: string) {
    const tweets = h.sandbox.ledger.published.filter((e) => e.platform === 'x' && e.text === text);
    expect(tweets).toHaveLength(1);
    return tweets[0]!;
  }

  async function thread(postId: string) {
    const first = await published(postId);
    const replies = await h.backend.db.post.findMany({ where: { parentPostId: postId } });
    for (const reply of replies) await published(reply.id);
    return first;
  }

  beforeAll(async () => {
    const databaseUrl = await freshDatabase(DATABASE);
    const redis = createRedis(redisUrl(REDIS_DB), 'x-options-test');
    await redis.flushdb();
    redis.disconnect();
    uploads = await mkdtemp(join(tmpdir(), 'herald-x-options-'));
    media = await startMediaServer({ uploadDirectory: uploads });
    h = await startPlatformHarness({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl(REDIS_DB), UPLOAD_DIRECTORY: uploads, UPLOADS_PUBLIC_URL: media.url('/uploads') });
    agent = new Agent({ ca: h.sandbox.caCertPem, keepAlive: false });
    workers = await startWorkersApp(
      { ...h.backend.config, concurrency: 2 },
      {
        logger: createLogger('x-options-workers', h.backend.config.logLevel),
        providerDeps: { http: axios.create({ httpsAgent: agent, timeout: 5_000, maxRedirects: 0, validateStatus: () => true }), httpsAgent: agent },
        publishing: FAST_PUBLISHING,
        lockDurationMs: 5_000,
        stalledIntervalMs: 2_000,
        webhooks: false,
      },
    );
    session = await signUp(h.backend, 'x-options');
    alice = await connect('alice');
    carol = await connect('carol');
  }, 60_000);

  afterAll(async () => {
    await workers?.close(1_000);
    await h?.close();
    await media?.close();
    agent?.destroy();
    if (uploads) await rm(uploads, { recursive: true, force: true });
  });

  it('stores the subscription X reports at connect: Carol (Premium) may post long, Alice (None) may not', async () => {
    const rows = await h.backend.db.integration.findMany({ where: { id: { in: [alice, carol] } } });
    const settingsOf = (id: string) => rows.find((r) => r.id === id)?.settings;
    expect(settingsOf(alice)).toMatchObject({ premium: false, subscriptionType: 'None' });
    expect(settingsOf(carol)).toMatchObject({ premium: true, subscriptionType: 'Premium' });
  });

  it('POST /posts: who can reply, Community, made with AI, paid partnership and alt text reach X under its names; the thread reply carries the labels', async () => {
    const settings = { who_can_reply_post: 'mentionedUsers', community: COMMUNITY, made_with_ai: true, paid_partnership: true };
    const image = { id: 'm1', path: await upload('/square.jpg'), alt: 'A square loaf on a board' };
    const postId = await post(alice, [{ content: 'Options, first tweet', image: [image] }, { content: 'Options, the reply' }], settings);
    await thread(postId);

    const first = received('Options, first tweet');
    const mediaId = first.media[0]?.url.replace('x-media:', '');
    expect(first.request).toEqual({
      text: 'Options, first tweet',
      reply_settings: 'mentionedUsers',
      community_id: '1493446837214187523',
      made_with_ai: true,
      paid_partnership: true,
      media: { media_ids: [mediaId] },
    });
    expect(first.media).toEqual([expect.objectContaining({ alt: 'A square loaf on a board' })]);
    expect(received('Options, the reply').request).toEqual({
      text: 'Options, the reply',
      made_with_ai: true,
      paid_partnership: true,
      reply: { in_reply_to_tweet_id: first.releaseId },
    });
  }, 60_000);

  it.each([
    ['following', { reply_settings: 'following' }],
    ['subscribers', { reply_settings: 'subscribers' }],
    ['verified', { reply_settings: 'verified' }],
    ['everyone', {}],
  ])('POST /posts: who can reply "%s" reaches X as %j', async (value, expected) => {
    const text = `Who may reply: ${value}`;
    await published(await post(alice, [{ content: text }], { who_can_reply_post: value, made_with_ai: false, paid_partnership: false, community: '' }));
    expect(received(text).request).toEqual({ text, ...expected });
  }, 60_000);

  it('POST /posts: a poll reaches X as poll.options and poll.duration_minutes; with an image it is a 400 at creation', async () => {
    const poll = { options: ['Rye', 'Spelt', 'Sourdough'], duration_minutes: 1440 };
    await published(await post(alice, [{ content: 'Which bread tomorrow?' }], { who_can_reply_post: 'everyone', poll }));
    expect(received('Which bread tomorrow?').request).toEqual({ text: 'Which bread tomorrow?', poll });

    const withImage = await session.agent.post('/posts').send(body(alice, [{ content: 'Poll and picture', image: [{ id: 'p', path: await upload('/square.jpg') }] }], { who_can_reply_post: 'everyone', poll }));
    expect(withImage.status).toBe(400);
    expect(JSON.stringify(withImage.body)).toContain('settings.poll');
    const oneChoice = await session.agent.post('/posts').send(body(alice, [{ content: 'One choice' }], { who_can_reply_post: 'everyone', poll: { options: ['Rye'], duration_minutes: 60 } }));
    expect(oneChoice.status).toBe(400);
    expect(JSON.stringify(oneChoice.body)).toContain('poll.options must contain at least 2 elements');
  }, 60_000);

  it('POST /public/v1/posts: the Postiz names are published under X names', async () => {
    const key = ((await session.agent.post('/settings/api-key').expect(201)).body as { apiKey: string }).apiKey;
    // Postiz clients send fields Herald does not know: they are dropped at creation (docs/public-api.md), never sent to X.
    const settings = { __type: 'x', who_can_reply_post: 'following', community: COMMUNITY, made_with_ai: true, paid_partnership: true, shortcut: 'x' };
    const res = await api(h.backend, key).post('/posts').send(body(alice, [{ content: 'From the public API' }], settings));
    expect(res.status).toBe(201);
    await published((res.body as Array<{ postId: string }>)[0]?.postId ?? '');
    expect(received('From the public API').request).toEqual({
      text: 'From the public API',
      reply_settings: 'following',
      community_id: '1493446837214187523',
      made_with_ai: true,
      paid_partnership: true,
    });
  }, 60_000);

  it('a Premium account publishes 1,000 characters; the same text to an account without a subscription is a 400 at creation', async () => {
    const long = `${'Long form. '.repeat(90)}end`;
    await published(await post(carol, [{ content: long }], { who_can_reply_post: 'everyone' }));
    expect(received(long).text).toHaveLength(long.length);

    const refused = await session.agent.post('/posts').send(body(alice, [{ content: `${long}!` }], { who_can_reply_post: 'everyone' }));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('the limit is 280');
    const viaApi = await api(h.backend, ((await session.agent.post('/settings/api-key').expect(201)).body as { apiKey: string }).apiKey)
      .post('/posts')
      .send(body(alice, [{ content: `${long}?` }], { __type: 'x', who_can_reply_post: 'everyone' }));
    expect(viaApi.status).toBe(400);
    expect(viaApi.body).toMatchObject({ message: 'post is too long, please fix it' });
  }, 60_000);

  it('refuses at creation, naming the field, what X cannot carry: an Article, alt text on a video, alt text over 1,000 characters', async () => {
    const article = await session.agent.post('/posts').send(body(alice, [{ content: 'An article' }], { post_type: 'article', article_title: 'T', article_status: 'draft' }));
    expect(article.status).toBe(400);
    expect(JSON.stringify(article.body)).toContain('settings.post_type');
    const video = await session.agent.post('/posts').send(body(alice, [{ content: 'A clip', image: [{ id: 'v', path: await upload('/clip.mp4'), alt: 'a clip' }] }], { who_can_reply_post: 'everyone' }));
    expect(video.status).toBe(400);
    expect(JSON.stringify(video.body)).toContain('images and GIFs only');
    const longAlt = await session.agent.post('/posts').send(body(alice, [{ content: 'Long alt', image: [{ id: 'i', path: await upload('/square.jpg'), alt: 'x'.repeat(1001) }] }], { who_can_reply_post: 'everyone' }));
    expect(longAlt.status).toBe(400);
    expect(JSON.stringify(longAlt.body)).toContain('X allows 1000');
    expect(h.sandbox.ledger.published.filter((e) => ['An article', 'A clip', 'Long alt'].includes(e.text))).toEqual([]);
  });
});
