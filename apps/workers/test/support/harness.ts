// End-to-end harness for the publishing engine: the real sandbox (in-process, ephemeral ports), a database and a
// Redis database of the spec's own, channels connected through the real OAuth flows, and posts as the API writes them.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type WorkersConfig, workersConfigFrom } from '@herald/config';
import { createLogger, createProviderRegistry, createRedis, encryptChannelTokens, LocalMediaStorage, type Logger, type PublishingOptions } from '@herald/core';
import { TokenCipher } from '@herald/crypto';
import { createDatabase, type Database, type PostState, runMigrations } from '@herald/database';
import type { ConnectedChannel, ProviderDeps, ProviderIdentifier, ProviderRegistry } from '@herald/providers';
import { PublishScheduler } from '@herald/queue';
import axios from 'axios';
import type { SandboxHandle, SandboxOptions } from '../../../sandbox/src';
import { xApprove, metaConsent } from '../../../sandbox/src/test-support/flows';
import { startMediaServer } from '../../../sandbox/src/test-support/media-server';
import { FB_APP, FRONTEND, IG_APP, startTestSandbox, X_APP } from '../../../sandbox/src/test-support/test-sandbox';
import { startWorkersApp, type WorkersApp } from '../../src/workers-app';

export const FAST_PUBLISHING: Partial<PublishingOptions> = {
  leaseMs: 3_000,
  backoffBaseMs: 500,
  backoffMaxMs: 2_000,
  firstCheckDelayMs: 500,
  checkIntervalMs: 500,
  notFoundSettleMs: 1_500,
  maxOutcomeChecks: 20,
};

function adminUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_test');
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database of the spec's own, so no other spec's due posts are swept into its workers. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = createDatabase(adminUrl('postgres'), { max: 1 });
  try {
    await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.$disconnect();
  }
  const url = adminUrl(name);
  await runMigrations(url);
  return url;
}

/**
 * A Redis database of its own for a spec file: jest runs two files at once and each flushes its database. Taken:
 * 0 lost-answers, 1 X options, 2–3 Meta options, 4 analytics, 5 the default REDIS_URL, 6 quota, 7 timing, 8 media,
 * 9 main, 10 publish, 11 faults, 12 processes, 13 cron, 14 alerts, 15 recurring.
 */
export function redisUrl(db: number): string {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/5');
  url.pathname = `/${db}`;
  return url.toString();
}

/**
 * The media server's fixtures (`/square.jpg`) as files of Herald's uploads: `url` is the file's Herald URL (what
 * the API would have stored, under UPLOADS_PUBLIC_URL), and `hits` counts the platform's fetches of it. Workers
 * read the bytes from UPLOAD_DIRECTORY; the sandbox (Meta) fetches the URL, served from that directory.
 */
export interface HarnessMedia {
  url(fixture: string): string;
  hits(fixture: string): number;
  /** The library key of a fixture (under a fixture organization of its own). */
  keyOf(fixture: string): string | undefined;
  /** A new library file of the fixture organization: where to write it, and its Herald URL for a post. */
  newFile(extension: 'jpg' | 'mp4'): Promise<{ path: string; url: string }>;
  uploadDirectory: string;
}

// Uploads of the fixtures belong to this organization; workers check that a post's media are library files.
const FIXTURE_ORGANIZATION = '00000000-0000-4000-8000-00000000f11e';

export interface Harness {
  sandbox: SandboxHandle;
  media: HarnessMedia;
  config: WorkersConfig;
  env: Record<string, string>;
  db: Database;
  redis: ReturnType<typeof createRedis>;
  cipher: TokenCipher;
  providers: ProviderRegistry;
  providerDeps: Partial<ProviderDeps>;
  jobs: PublishScheduler;
  logger: Logger;
  startWorkers(options?: { publishing?: Partial<PublishingOptions>; concurrency?: number; alertWindowMs?: number }): Promise<WorkersApp>;
  close(): Promise<void>;
}

export async function startHarness(input: { database: string; redisDb: number; sandbox?: SandboxOptions; env?: Record<string, string> }): Promise<Harness> {
  const databaseUrl = await freshDatabase(input.database);
  const sandbox = await startTestSandbox(input.sandbox);
  const uploadDirectory = await mkdtemp(join(tmpdir(), 'herald-worker-uploads-'));
  const server = await startMediaServer({ uploadDirectory });
  // Only for the fixtures' keys, paths and URLs: the workers make their own storage, with UPLOAD_MAX_VIDEO_MB.
  const storage = new LocalMediaStorage(uploadDirectory, server.url('/uploads'), { maxVideoBytes: Number.MAX_SAFE_INTEGER });
  const keyOf = (fixture: string): string | undefined => {
    const extension = /\.(jpg|png|mp4)$/.exec(fixture)?.[1];
    return extension && server.file(fixture) ? `${FIXTURE_ORGANIZATION}/2026/01/${createHash('md5').update(fixture).digest('hex')}.${extension}` : undefined;
  };
  for (const fixture of ['/square.jpg', '/portrait.jpg', '/banner.jpg', '/image.png', '/fake.jpg', '/clip.mp4']) {
    const key = keyOf(fixture);
    const target = key ? storage.pathOf(key) : undefined;
    if (!target) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, server.file(fixture) ?? Buffer.alloc(0));
  }
  const media: HarnessMedia = {
    url: (fixture) => {
      const key = keyOf(fixture);
      return key ? storage.urlOf(key) : server.url(fixture);
    },
    hits: (fixture) => {
      const key = keyOf(fixture);
      return server.hits(key ? `/uploads/${key}` : fixture);
    },
    keyOf,
    newFile: async (extension) => {
      const key = storage.newKey(FIXTURE_ORGANIZATION, extension, new Date());
      const path = storage.pathOf(key) ?? '';
      await mkdir(dirname(path), { recursive: true });
      return { path, url: storage.urlOf(key) };
    },
    uploadDirectory,
  };
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    UPLOAD_DIRECTORY: uploadDirectory,
    UPLOADS_PUBLIC_URL: server.url('/uploads'),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl(input.redisDb),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    FRONTEND_URL: FRONTEND,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    PLATFORM_TIMEOUT_MS: '5000',
    WORKER_CONCURRENCY: '8',
    X_API_KEY: X_APP.consumerKey,
    X_API_SECRET: X_APP.consumerSecret,
    INSTAGRAM_APP_ID: IG_APP.appId,
    INSTAGRAM_APP_SECRET: IG_APP.appSecret,
    FACEBOOK_APP_ID: FB_APP.appId,
    FACEBOOK_APP_SECRET: FB_APP.appSecret,
    ...sandbox.urls,
    ...input.env,
  };
  const config = workersConfigFrom(env);
  const agent = new https.Agent({ ca: sandbox.caCertPem, keepAlive: false });
  const providerDeps: Partial<ProviderDeps> = {
    http: axios.create({ httpsAgent: agent, timeout: config.platformTimeoutMs, maxRedirects: 0, validateStatus: () => true }),
    httpsAgent: agent,
  };
  const db = createDatabase(databaseUrl, { max: 4 });
  const redis = createRedis(env.REDIS_URL ?? '', 'workers-test', { forQueue: true });
  await redis.flushdb();
  const jobs = new PublishScheduler(redis);
  const logger = createLogger('workers-test', config.logLevel);
  const apps: WorkersApp[] = [];
  return {
    sandbox,
    media,
    config,
    env,
    db,
    redis,
    cipher: new TokenCipher(config.encryption.currentKey),
    providers: createProviderRegistry(config, providerDeps),
    providerDeps,
    jobs,
    logger,
    startWorkers: async (options = {}) => {
      const app = await startWorkersApp(
        { ...config, concurrency: options.concurrency ?? config.concurrency },
        { logger, providerDeps, publishing: { ...FAST_PUBLISHING, ...options.publishing }, lockDurationMs: 5_000, stalledIntervalMs: 2_000, alertWindowMs: options.alertWindowMs },
      );
      apps.push(app);
      return app;
    },
    close: async () => {
      await Promise.all(apps.map((app) => app.close(1_000)));
      await jobs.close();
      await db.$disconnect();
      redis.disconnect();
      await server.close();
      await rm(uploadDirectory, { recursive: true, force: true });
      await sandbox.close();
    },
  };
}

/** Connects a sandbox account through the provider's real OAuth flow and stores it as the API does (encrypted). */
export async function connectChannel(
  h: Harness,
  identifier: ProviderIdentifier,
  options: { persona?: string; pageId?: string; organizationId?: string } = {},
): Promise<{ id: string; internalId: string; organizationId: string; tokens: ConnectedChannel['tokens'] }> {
  const persona = options.persona ?? 'alice';
  const provider = h.providers.require(identifier);
  const state = randomUUID();
  const start = await provider.startAuthorization({ state });
  let connected: ConnectedChannel;
  if (identifier === 'x') {
    const requestToken = start.requestToken;
    if (!requestToken) throw new Error('X gave no request token');
    const approved = await xApprove(h.sandbox, requestToken.token, persona);
    const query = Object.fromEntries(new URL(approved.headers.location ?? '').searchParams);
    connected = await provider.authenticate({ query, requestTokenSecret: requestToken.secret });
  } else {
    const approved = await metaConsent(h.sandbox, start.url, [
      ['persona', persona],
      ['decision', 'approve'],
    ]);
    const query = Object.fromEntries(new URL(approved.headers.location ?? '').searchParams);
    connected = await provider.authenticate({ query });
    if (connected.inBetweenSteps) {
      if (!provider.pages || !options.pageId) throw new Error(`${identifier} needs a page id`);
      connected = await provider.pages.select(connected.tokens, options.pageId);
    }
  }
  // Each channel in an organization of its own, so tests never share (or collide on) an account.
  const organizationId = options.organizationId ?? (await h.db.organization.create({ data: { name: `org ${randomUUID().slice(0, 6)}` } })).id;
  const stored = encryptChannelTokens(connected.tokens, h.cipher, { organizationId, providerIdentifier: identifier, internalId: connected.identity.id });
  const row = await h.db.integration.create({
    data: {
      organizationId,
      internalId: connected.identity.id,
      name: connected.identity.name,
      profile: connected.identity.username ?? null,
      providerIdentifier: identifier,
      ...stored,
      lastRefreshAt: new Date(),
    },
  });
  return { id: row.id, internalId: connected.identity.id, organizationId, tokens: connected.tokens };
}

export interface NewPost {
  integrationId: string;
  content: string;
  images?: string[];
  publishDate?: Date;
  settings?: Record<string, string | boolean | string[]>;
  /** Replies (X) or comments (Instagram, Facebook), each `delay` minutes after the one before. */
  thread?: { content: string; delay?: number }[];
}

/** Writes a post group as the API does (rows chained by parentPostId) and queues the root's job. */
export async function createPost(h: Harness, post: NewPost, schedule = true): Promise<string[]> {
  const channel = await h.db.integration.findUniqueOrThrow({ where: { id: post.integrationId }, select: { organizationId: true } });
  const organizationId = channel.organizationId;
  const group = randomUUID();
  const publishDate = post.publishDate ?? new Date(Date.now() + 1_000);
  const ids: string[] = [];
  const entries = [{ content: post.content, delay: 0, images: post.images ?? [] }, ...(post.thread ?? []).map((t) => ({ ...t, delay: t.delay ?? 0, images: [] }))];
  for (const entry of entries) {
    const row = await h.db.post.create({
      data: {
        organizationId,
        integrationId: post.integrationId,
        group,
        parentPostId: ids.at(-1) ?? null,
        state: 'QUEUE',
        publishDate,
        delay: entry.delay,
        content: entry.content,
        settings: post.settings ?? {},
        image: entry.images.map((path) => ({ id: randomUUID(), path })),
      },
    });
    ids.push(row.id);
  }
  const root = ids[0];
  if (root && schedule) await h.jobs.schedule(root, organizationId, publishDate);
  return ids;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function waitForState(h: Harness, postId: string, states: PostState[], timeoutMs = 60_000) {
  return waitFor(
    `post ${postId} to reach ${states.join('|')}`,
    async () => {
      const post = await h.db.post.findUnique({ where: { id: postId } });
      return post && states.includes(post.state) ? post : undefined;
    },
    timeoutMs,
  );
}

/** What the sandbox published with this text (the ledger is the platform's memory). */
export function ledgerWith(h: Harness, text: string) {
  return h.sandbox.ledger.published.filter((entry) => entry.text === text);
}

export function unique(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}
