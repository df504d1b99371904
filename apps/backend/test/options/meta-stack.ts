import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRedis } from '@herald/core';
import type { PostState } from '@herald/database';
import type { PublishedEntry, SandboxOptions } from '@herald/sandbox';
import axios from 'axios';
import { type MediaServer, startMediaServer } from '../../../sandbox/src/test-support/media-server';
import { FAST_PUBLISHING, freshDatabase, redisUrl } from '../../../workers/test/support/harness';
import { startWorkersApp, type WorkersApp } from '../../../workers/src/workers-app';
import { signUp } from '../harness';
import { consent, type PlatformHarness, startPlatformHarness } from '../platform-harness';

export type Session = Awaited<ReturnType<typeof signUp>>;

/**
 * Posts made through Herald's HTTP API, published end to end by a real workers app against the strict sandbox:
 * what the platform received is read from the sandbox's ledger, under Graph's names.
 */
export interface MetaStack {
  h: PlatformHarness;
  media: MediaServer;
  workers: WorkersApp;
  session: Session;
  /** The URL of a media-server fixture (`/square.jpg`) once uploaded to the organization's library. */
  file(fixture: string): string;
  close(): Promise<void>;
}

/** Posts carry only the organization's uploads, so the fixtures the specs post are uploaded first. */
const FIXTURES = ['/square.jpg', '/portrait.jpg', '/clip.mp4', '/vertical.mp4', '/long-vertical.mp4'];

export async function startMetaStack(database: string, redisDb: number, sandbox: SandboxOptions = {}): Promise<MetaStack> {
  const databaseUrl = await freshDatabase(database);
  const redis = createRedis(redisUrl(redisDb), `${database}-test`);
  await redis.flushdb();
  redis.disconnect();
  // Herald's uploads, served to the sandbox (Meta fetches them) by the media server from the upload directory.
  const uploads = await mkdtemp(join(tmpdir(), `${database}-`));
  const media = await startMediaServer({ uploadDirectory: uploads });
  const h = await startPlatformHarness({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl(redisDb), UPLOAD_DIRECTORY: uploads, UPLOADS_PUBLIC_URL: media.url('/uploads') }, sandbox);
  const agent = new Agent({ ca: h.sandbox.caCertPem, keepAlive: false });
  const workers = await startWorkersApp(
    { ...h.backend.config, concurrency: 4 },
    {
      logger: createLogger(`${database}-workers`, h.backend.config.logLevel),
      providerDeps: { http: axios.create({ httpsAgent: agent, timeout: 5_000, maxRedirects: 0, validateStatus: () => true }), httpsAgent: agent },
      publishing: FAST_PUBLISHING,
      lockDurationMs: 5_000,
      stalledIntervalMs: 2_000,
      webhooks: false,
    },
  );
  const session = await signUp(h.backend, database);
  const uploaded = new Map<string, string>();
  for (const fixture of FIXTURES) {
    const res = await session.agent.post('/media/upload').attach('file', media.file(fixture) ?? Buffer.alloc(0), fixture.slice(1));
    if (res.status !== 201) throw new Error(`uploading ${fixture} answered ${res.status}: ${JSON.stringify(res.body)}`);
    uploaded.set(fixture, (res.body as { path: string }).path);
  }
  return {
    h,
    media,
    workers,
    session,
    file: (fixture) => {
      const path = uploaded.get(fixture);
      if (!path) throw new Error(`${fixture} is not among the uploaded fixtures`);
      return path;
    },
    close: async () => {
      await workers.close(1_000);
      await h.close();
      await media.close();
      agent.destroy();
      await rm(uploads, { recursive: true, force: true });
    },
  };
}

/** Connects a channel through the platform's consent page (and picks the Page for Facebook Login channels). */
export async function connect(
  s: MetaStack,
  provider: 'instagram-standalone' | 'instagram' | 'facebook',
  persona: string,
  pageId?: string,
  grantScopes?: string[],
): Promise<{ id: string; internalId: string }> {
  const url = ((await s.session.agent.get(`/integrations/social/${provider}`).expect(200)).body as { url: string }).url;
  const query = await consent(s.h, url, { persona, ...(grantScopes ? { grantScopes } : {}) });
  const connected = (await s.session.agent.post(`/integrations/social/${provider}/connect`).send(query).expect(200)).body as { id: string };
  if (pageId) {
    const picked = await s.session.agent.post(`/integrations/${connected.id}/pages`).send({ pageId });
    if (picked.status !== 200) throw new Error(`picking ${pageId} answered ${picked.status}: ${JSON.stringify(picked.body)}`);
  }
  const row = await s.h.backend.db.integration.findUniqueOrThrow({ where: { id: connected.id } });
  return { id: row.id, internalId: row.internalId };
}

export interface Entry {
  content: string;
  image?: Array<{ path: string; alt?: string; thumbnail?: string; thumbnailTimestamp?: number }>;
}

/** The body of POST /posts for one channel, due two seconds from now, as the dashboard sends it. */
export function postBody(channelId: string, value: Entry[], settings: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'schedule',
    date: new Date(Date.now() + 2_000).toISOString(),
    shortLink: false,
    tags: [],
    posts: [{ integration: { id: channelId }, value: value.map((v) => ({ content: v.content, image: (v.image ?? []).map((m, i) => ({ id: `m${i}`, ...m })) })), settings }],
  };
}

export async function post(s: MetaStack, channelId: string, value: Entry[], settings: Record<string, unknown>): Promise<string> {
  const created = (await s.session.agent.post('/posts').send(postBody(channelId, value, settings)).expect(201)).body as Array<{ postId: string }>;
  return created[0]?.postId ?? '';
}

/** Waits until the post (and its comments) are PUBLISHED or failed. */
export async function settled(s: MetaStack, postId: string, timeoutMs = 45_000) {
  const final: PostState[] = ['PUBLISHED', 'ERROR'];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await s.h.backend.db.post.findUniqueOrThrow({ where: { id: postId } });
    if (final.includes(row.state)) return row;
    if (Date.now() > deadline) throw new Error(`post ${postId} still ${row.state} (${row.error ?? ''})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The publications the sandbox recorded with this text. */
export function onPlatform(s: MetaStack, text: string): PublishedEntry[] {
  return s.h.sandbox.ledger.published.filter((e) => e.text === text);
}
