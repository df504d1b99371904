#!/usr/bin/env node
// Analytics bench: 1,000 channels' figures read from the in-process sandbox through the real providers and stored as
// snapshots (quick: 60 channels), by the collection use case the workers run, 8 channels at a time. Prints the time,
// the requests the sandbox received (and per channel), and the snapshot rows written.
// The 1,000 channels share nine sandbox accounts (three per platform, each in an organization of its own), so the
// sandbox's per-account rate limits are raised for the run: the bench measures Herald's cost, not the platforms' caps.
//   node bench/analytics.mjs [--quick] [--channels=N] [--posts=N] [--concurrency=N]
// Needs Postgres and Redis as the specs do (DATABASE_URL, REDIS_URL; defaults: local 5432/6379).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Runs Herald's TypeScript sources directly, as the specs and the publish bench do.
require('../apps/workers/test/support/register-ts.cjs');
const { connectChannel, startHarness } = require('../apps/workers/test/support/harness.ts');
const { CollectAnalytics, channelTokenContext } = require('@herald/core');
const { AnalyticsRepository, ChannelStateRepository, PublishingNotificationsRepository } = require('@herald/database');

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const quick = args.has('quick');
const CHANNELS = Number(args.get('channels') ?? (quick ? 60 : 1_000));
const POSTS_PER_ACCOUNT = Number(args.get('posts') ?? (quick ? 3 : 10));
const CONCURRENCY = Number(args.get('concurrency') ?? 8);
const HOUR = 3600_000;
const UNLIMITED = 1_000_000_000;
const log = (message) => process.stderr.write(`[analytics bench] ${message}\n`);

async function main() {
  const h = await startHarness({
    database: 'herald_bench_analytics',
    redisDb: Number(args.get('redis-db') ?? 4),
    sandbox: { limits: { xReadPer15Min: UNLIMITED, xUsersMePer15Min: UNLIMITED, xTweetsPer15Min: UNLIMITED, xTweetsPer24hPerUser: UNLIMITED, xTweetsPer24hPerApp: UNLIMITED, graphCallsPerHour: UNLIMITED } },
  });
  try {
    const accounts = [
      ...['alice', 'bob', 'carol'].map((persona) => ({ identifier: 'x', persona })),
      ...['alice', 'bob', 'carol'].map((persona) => ({ identifier: 'instagram-standalone', persona })),
      { identifier: 'facebook', persona: 'alice', pageId: '110000000000101' },
      { identifier: 'facebook', persona: 'alice', pageId: '110000000000102' },
      { identifier: 'facebook', persona: 'carol', pageId: '130000000000301' },
    ];
    const sources = [];
    for (const account of accounts) {
      const channel = await connectChannel(h, account.identifier, { persona: account.persona, pageId: account.pageId });
      const provider = h.providers.require(account.identifier);
      const releases = [];
      for (let i = 0; i < POSTS_PER_ACCOUNT; i += 1) {
        const media = account.identifier === 'x' || account.identifier === 'facebook' ? [] : [{ url: h.media.url('/square.jpg'), mimeType: 'image/jpeg', read: () => Promise.reject(new Error('Meta fetches the image by its URL')) }];
        const out = await provider.publish({ channel: { id: channel.internalId }, tokens: channel.tokens, text: `bench ${account.identifier} ${i} ${randomUUID().slice(0, 6)}`, media });
        releases.push(out.id);
      }
      const row = await h.db.integration.findUniqueOrThrow({ where: { id: channel.id } });
      sources.push({ row, releases });
    }
    log(`${accounts.length} sandbox accounts connected, ${POSTS_PER_ACCOUNT} posts each`);

    // CHANNELS channels, each in its own organization, cycling over the accounts; each has its account's posts,
    // published two hours ago (past their first checkpoint), so every channel has its own figures and its posts' due.
    const publishedAt = new Date(Date.now() - 2 * HOUR);
    const organizations = Array.from({ length: CHANNELS }, () => ({ id: randomUUID(), name: 'analytics bench' }));
    await h.db.organization.createMany({ data: organizations });
    const channels = organizations.map((org, i) => {
      const { row } = sources[i % sources.length];
      // Tokens are bound to their channel (organization, platform, account) when encrypted: each copy, in its own
      // organization, gets its own ciphertext of the same tokens.
      const copy = { ...row, organizationId: org.id };
      const moved = (column) => (row[column] === null ? null : h.cipher.encrypt(h.cipher.decrypt(row[column], channelTokenContext(row, column)), channelTokenContext(copy, column)));
      return { ...copy, id: randomUUID(), token: moved('token'), tokenSecret: moved('tokenSecret'), refreshToken: moved('refreshToken'), createdAt: new Date(), updatedAt: new Date(), settings: {} };
    });
    await h.db.integration.deleteMany({ where: { id: { in: sources.map((s) => s.row.id) } } });
    await h.db.integration.createMany({ data: channels });
    const posts = channels.flatMap((channel, i) =>
      sources[i % sources.length].releases.map((releaseId) => ({
        organizationId: channel.organizationId,
        integrationId: channel.id,
        group: randomUUID(),
        state: 'PUBLISHED',
        publishDate: publishedAt,
        publishedAt,
        content: 'bench post',
        releaseId,
      })),
    );
    await h.db.post.createMany({ data: posts });
    log(`${CHANNELS} channels and ${posts.length} published posts written`);

    const collect = new CollectAnalytics({
      publishing: {
        channels: new ChannelStateRepository(h.db),
        notifications: new PublishingNotificationsRepository(h.db),
        providers: h.providers,
        cipher: h.cipher,
        logger: h.logger,
        now: () => new Date(),
      },
      snapshots: new AnalyticsRepository(h.db),
      settings: { cadence: { x: 'daily' } },
    });
    const lastSeq = () => h.sandbox.ledger.requests.at(-1)?.seq ?? 0;
    const before = lastSeq();
    const outcomes = {};
    let counted = 0;
    const queue = channels.map((c) => c.id);
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const outcome = await collect.collect(id);
          outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1;
          if (outcome.status === 'collected') counted += outcome.requests;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const requests = lastSeq() - before;
    const rows = await h.db.analyticsSnapshot.count();
    const summary = {
      channels: CHANNELS,
      posts: posts.length,
      seconds: Number(seconds.toFixed(2)),
      channelsPerSecond: Number((CHANNELS / seconds).toFixed(1)),
      requests,
      requestsPerChannel: Number((requests / CHANNELS).toFixed(2)),
      requestsCountedByHerald: counted,
      snapshotRows: rows,
      outcomes,
    };
    console.log(`analytics: ${CHANNELS} channels (${posts.length} posts) collected in ${summary.seconds} s, ${requests} platform requests (${summary.requestsPerChannel} per channel), ${rows} snapshot rows`);
    console.log(JSON.stringify(summary));
    const ok = outcomes.collected === CHANNELS && requests === counted && rows > 0;
    if (!ok) console.log('analytics: FAILED: every channel must be collected, and the sandbox must have received exactly the requests Herald counted');
    return ok;
  } finally {
    await h.close();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
