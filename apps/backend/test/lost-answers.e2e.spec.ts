import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:https';
import { createLogger, createRedis, type PublishingOptions } from '@herald/core';
import type { PostState } from '@herald/database';
import type { SandboxOptions } from '@herald/sandbox';
import axios from 'axios';
import { type MediaServer, startMediaServer } from '../../sandbox/src/test-support/media-server';
import { FAST_PUBLISHING, freshDatabase, redisUrl } from '../../workers/test/support/harness';
import { startWorkersApp, type WorkersApp } from '../../workers/src/workers-app';
import { signUp } from './harness';
import { consent, type PlatformHarness, startPlatformHarness } from './platform-harness';

type Session = Awaited<ReturnType<typeof signUp>>;

/**
 * Lost answers, end to end: posts made through POST /posts, published by a real workers app against the strict
 * sandbox, where the platform did the work and its answer was lost (a 500 after success, a reset connection), or
 * where it then refused the resend as a duplicate. Each must end PUBLISHED once, with the id the platform gave it,
 * and exist once on the platform (the sandbox's ledger). docs/platforms.md says what the checks read.
 */
const DATABASE = 'herald_lost_answers';
const REDIS_DB = 0;
// A text as people write them: an ampersand, angle brackets, a link with a query string, a bare domain, an emoji.
const HTML = '<p>Fish &amp; chips &lt;today&gt; at https://example.com/menu?a=1&amp;b=2 and example.org 🐟</p>';
const TEXT = 'Fish & chips <today> at https://example.com/menu?a=1&b=2 and example.org 🐟';

interface Stack {
  h: PlatformHarness;
  media: MediaServer;
  workers: WorkersApp;
  session: Session;
  close(): Promise<void>;
}

async function startStack(publishing: Partial<PublishingOptions>, sandbox: SandboxOptions = {}): Promise<Stack> {
  const databaseUrl = await freshDatabase(DATABASE);
  const redis = createRedis(redisUrl(REDIS_DB), 'lost-answers-test');
  await redis.flushdb();
  redis.disconnect();
  // Herald's uploads, served to the sandbox (Meta fetches them) by the media server from the upload directory.
  const uploads = await mkdtemp(join(tmpdir(), 'herald-lost-answers-'));
  const media = await startMediaServer({ uploadDirectory: uploads });
  const h = await startPlatformHarness({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl(REDIS_DB), UPLOAD_DIRECTORY: uploads, UPLOADS_PUBLIC_URL: media.url('/uploads') }, sandbox);
  const agent = new Agent({ ca: h.sandbox.caCertPem, keepAlive: false });
  const workers = await startWorkersApp(
    { ...h.backend.config, concurrency: 4 },
    {
      logger: createLogger('lost-answers-workers', h.backend.config.logLevel),
      providerDeps: { http: axios.create({ httpsAgent: agent, timeout: 5_000, maxRedirects: 0, validateStatus: () => true }), httpsAgent: agent },
      publishing: { ...FAST_PUBLISHING, ...publishing },
      lockDurationMs: 5_000,
      stalledIntervalMs: 2_000,
      webhooks: false,
    },
  );
  const session = await signUp(h.backend, 'lost');
  return {
    h,
    media,
    workers,
    session,
    close: async () => {
      await workers.close(1_000);
      await h.close();
      await media.close();
      await rm(uploads, { recursive: true, force: true });
      agent.destroy();
    },
  };
}

async function connect(s: Stack, provider: 'x' | 'instagram-standalone' | 'facebook', persona: string, pageId?: string): Promise<{ id: string; internalId: string }> {
  const url = ((await s.session.agent.get(`/integrations/social/${provider}`).expect(200)).body as { url: string }).url;
  const query = await consent(s.h, url, { persona });
  const connected = (await s.session.agent.post(`/integrations/social/${provider}/connect`).send(query).expect(200)).body as { id: string };
  if (pageId) await s.session.agent.post(`/integrations/${connected.id}/pages`).send({ pageId }).expect(200);
  const row = await s.h.backend.db.integration.findUniqueOrThrow({ where: { id: connected.id } });
  return { id: row.id, internalId: row.internalId };
}

/** POST /posts, due two seconds from now, as the dashboard sends it. */
/** `fixtures` are media-server files (`/square.jpg`), uploaded to the library first as the composer does. */
async function post(s: Stack, channelId: string, content: string, settings: Record<string, unknown>, fixtures: string[] = []): Promise<string> {
  const image: { id: string; path: string }[] = [];
  for (const fixture of fixtures) {
    const upload = await s.session.agent.post('/media/upload').attach('file', s.media.file(fixture) ?? Buffer.alloc(0), fixture.slice(1)).expect(201);
    image.push({ id: (upload.body as { id: string }).id, path: (upload.body as { path: string }).path });
  }
  const body = {
    type: 'schedule',
    date: new Date(Date.now() + 2_000).toISOString(),
    shortLink: false,
    tags: [],
    posts: [{ integration: { id: channelId }, value: [{ content, image }], settings }],
  };
  const created = (await s.session.agent.post('/posts').send(body).expect(201)).body as Array<{ postId: string }>;
  return created[0]?.postId ?? '';
}

async function settled(s: Stack, postId: string, timeoutMs = 45_000) {
  const final: PostState[] = ['PUBLISHED', 'ERROR'];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await s.h.backend.db.post.findUniqueOrThrow({ where: { id: postId } });
    if (final.includes(row.state)) return row;
    if (row.state === 'UNCONFIRMED' && row.notBefore === null) return row;
    if (Date.now() > deadline) throw new Error(`post ${postId} still ${row.state} (${row.error ?? ''})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const onPlatform = (s: Stack, text: string) => s.h.sandbox.ledger.published.filter((e) => e.text === text);
const refusedWith = (s: Stack, status: number) => s.h.sandbox.ledger.requests.filter((r) => r.method === 'POST' && r.status === status);

describe('lost answers, from POST /posts to the platform', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ maxOutcomeChecks: 4 });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });
  afterEach(() => s.h.sandbox.faults.clear());

  it('a tweet with links and an & answered 500 after it was created ends PUBLISHED once, with its id', async () => {
    const x = await connect(s, 'x', 'alice');
    s.h.sandbox.faults.add({ platform: 'x', method: 'POST', path: '/2/tweets', phase: 'after', action: { type: 'server-error', status: 500 }, count: 1 });
    const row = await settled(s, await post(s, x.id, HTML, { who_can_reply_post: 'everyone' }));
    const tweets = onPlatform(s, TEXT);
    expect(tweets).toHaveLength(1);
    expect(row).toMatchObject({ state: 'PUBLISHED', releaseId: tweets[0]?.releaseId, releaseURL: `https://x.com/sandbox_alice/status/${tweets[0]?.releaseId}`, error: null });
  }, 60_000);

  it('a tweet with an image whose connection was reset after success ends PUBLISHED once (the media link is not part of its text)', async () => {
    const x = await connect(s, 'x', 'bob');
    s.h.sandbox.faults.add({ platform: 'x', method: 'POST', path: '/2/tweets', phase: 'after', action: { type: 'timeout', mode: 'destroy' }, count: 1 });
    const row = await settled(s, await post(s, x.id, HTML, { who_can_reply_post: 'everyone' }, ['/square.jpg']));
    const tweets = onPlatform(s, TEXT).filter((t) => t.accountId === x.internalId);
    expect(tweets).toHaveLength(1);
    expect(tweets[0]?.media).toHaveLength(1);
    expect(row).toMatchObject({ state: 'PUBLISHED', releaseId: tweets[0]?.releaseId });
  }, 60_000);

  it('when the person says a lost tweet is not there and X refuses the resend as a duplicate, it ends PUBLISHED with the live tweet’s id', async () => {
    const x = await connect(s, 'x', 'carol');
    s.h.sandbox.faults.add({ platform: 'x', method: 'POST', path: '/2/tweets', phase: 'after', action: { type: 'server-error', status: 500 }, count: 1 });
    // X's timeline cannot be read for a while: the checks run out and the post waits for the person.
    const timeline = s.h.sandbox.faults.add({ platform: 'x', method: 'GET', path: `/2/users/${x.internalId}/tweets`, action: { type: 'server-error', status: 503 } });
    const postId = await post(s, x.id, HTML, { who_can_reply_post: 'everyone' });
    expect(await settled(s, postId)).toMatchObject({ state: 'UNCONFIRMED', notBefore: null });
    s.h.sandbox.faults.remove(timeline.id);
    await s.session.agent.post(`/posts/${postId}/retry`).send({ notPublished: true }).expect(200);
    const row = await settled(s, postId);
    const tweets = onPlatform(s, TEXT).filter((t) => t.accountId === x.internalId);
    expect(tweets).toHaveLength(1);
    expect(refusedWith(s, 403)).toHaveLength(1);
    expect(row).toMatchObject({ state: 'PUBLISHED', releaseId: tweets[0]?.releaseId, error: null });
  }, 60_000);

  it('an Instagram post whose media_publish answer was lost ends PUBLISHED once, with the media id', async () => {
    const ig = await connect(s, 'instagram-standalone', 'alice');
    s.h.sandbox.faults.add({ platform: 'instagram', method: 'POST', path: '*/media_publish', phase: 'after', action: { type: 'server-error', status: 500 }, count: 1 });
    const row = await settled(s, await post(s, ig.id, HTML, { post_type: 'post' }, ['/square.jpg']));
    const media = onPlatform(s, TEXT).filter((m) => m.platform === 'instagram');
    expect(media).toHaveLength(1);
    expect(row).toMatchObject({ state: 'PUBLISHED', releaseId: media[0]?.releaseId, releaseURL: media[0]?.permalink });
  }, 60_000);

  it('Facebook Page posts whose /feed or /photos answers were lost end PUBLISHED once, with the post ids', async () => {
    const page = await connect(s, 'facebook', 'alice', '110000000000101');
    s.h.sandbox.faults.add({ platform: 'facebook', method: 'POST', path: '*/feed', phase: 'after', action: { type: 'server-error', status: 500 }, count: 1 });
    s.h.sandbox.faults.add({ platform: 'facebook', method: 'POST', path: '*/photos', phase: 'after', action: { type: 'timeout', mode: 'destroy' }, count: 1 });
    const photoText = 'A loaf & a cake 🍰 https://example.com/bakery';
    const [feedRow, photoRow] = await Promise.all([
      post(s, page.id, HTML, {}).then((id) => settled(s, id)),
      post(s, page.id, photoText, {}, ['/square.jpg']).then((id) => settled(s, id)),
    ]);
    const [feedPost] = onPlatform(s, TEXT).filter((p) => p.platform === 'facebook');
    const photoPosts = onPlatform(s, photoText);
    expect(onPlatform(s, TEXT).filter((p) => p.platform === 'facebook')).toHaveLength(1);
    expect(photoPosts).toHaveLength(1);
    expect(feedRow).toMatchObject({ state: 'PUBLISHED', releaseId: feedPost?.releaseId });
    expect(photoRow).toMatchObject({ state: 'PUBLISHED', releaseId: photoPosts[0]?.releaseId });
  }, 60_000);

  it('when the person says a lost Page post is not there and Facebook refuses the resend as a duplicate (506), it ends PUBLISHED', async () => {
    const page = await connect(s, 'facebook', 'bob', '120000000000201');
    const text = 'Open late & early, see https://example.com/hours';
    s.h.sandbox.faults.add({ platform: 'facebook', method: 'POST', path: '*/feed', phase: 'after', action: { type: 'server-error', status: 500 }, count: 1 });
    const feed = s.h.sandbox.faults.add({ platform: 'facebook', method: 'GET', path: '*/feed', action: { type: 'server-error', status: 500 } });
    const postId = await post(s, page.id, text, {});
    expect(await settled(s, postId)).toMatchObject({ state: 'UNCONFIRMED', notBefore: null });
    s.h.sandbox.faults.remove(feed.id);
    await s.session.agent.post(`/posts/${postId}/retry`).send({ notPublished: true }).expect(200);
    const row = await settled(s, postId);
    const posts = onPlatform(s, text);
    expect(posts).toHaveLength(1);
    expect(refusedWith(s, 400).length).toBeGreaterThanOrEqual(1);
    expect(row).toMatchObject({ state: 'PUBLISHED', releaseId: posts[0]?.releaseId });
  }, 60_000);
});

describe('lost answers when X’s timeline lags behind the write', () => {
  let s: Stack;
  beforeAll(async () => {
    // The timeline shows a tweet 4 s after it is written; Herald resends after 3 s without it (a lag longer than
    // Herald waits): X then refuses the resend as a duplicate, and Herald must find its own tweet.
    s = await startStack({ notFoundSettleMs: 3_000 }, { timing: { xTimelineLagMs: 4_000 } });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('ends PUBLISHED once with the tweet’s id, never ERROR', async () => {
    const x = await connect(s, 'x', 'alice');
    s.h.sandbox.faults.add({ platform: 'x', method: 'POST', path: '/2/tweets', phase: 'after', action: { type: 'server-error', status: 500 }, count: 1 });
    const row = await settled(s, await post(s, x.id, HTML, { who_can_reply_post: 'everyone' }));
    const tweets = onPlatform(s, TEXT);
    expect(tweets).toHaveLength(1);
    expect(refusedWith(s, 403)).toHaveLength(1);
    expect(row).toMatchObject({ state: 'PUBLISHED', releaseId: tweets[0]?.releaseId, error: null });
  }, 60_000);
});
