import { channelTokenContext } from '@herald/core';
import { randomUUID } from 'node:crypto';
import { cronConfigFrom } from '@herald/config';
import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitForState } from '../../workers/test/support/harness';
import { type CronApp, startCronApp } from '../src/cron-app';
import { CronLock } from '../src/cron-lock';

// The cron against the real sandbox, Postgres and Redis: it rebuilds lost jobs, recovers dead workers' leases,
// renews tokens ahead of expiry and removes old data; two instances at once do no harm.
describe('cron', () => {
  let h: Harness;
  const crons: CronApp[] = [];
  const startCron = () => {
    const cron = startCronApp(cronConfigFrom(h.env), {
      logger: h.logger,
      providerDeps: h.providerDeps,
      intervals: { sweepMs: 500, staleLeasesMs: 500, refreshTokensMs: 3_600_000, cleanupMs: 3_600_000 },
    });
    crons.push(cron);
    return cron;
  };

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_cron', redisDb: 13, sandbox: { timing: { igRefreshMinAgeMs: 0 } } });
    await h.startWorkers();
    startCron();
    startCron();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(crons.map((c) => c.close()));
    await h?.close();
  });

  it('publishes each due post exactly once after Redis lost every job (FLUSHDB)', async () => {
    const x = await connectChannel(h, 'x');
    const fb = await connectChannel(h, 'facebook', { pageId: '110000000000103' });
    const due = new Date(Date.now() + 3_000);
    const texts = [unique('lost job 1'), unique('lost job 2'), unique('lost job 3')];
    const thread = [unique('lost thread 1'), unique('lost thread 2')];
    const ids = [
      ...(await createPost(h, { integrationId: x.id, content: texts[0] ?? '', publishDate: due })),
      ...(await createPost(h, { integrationId: fb.id, content: texts[1] ?? '', publishDate: due })),
      ...(await createPost(h, { integrationId: fb.id, content: texts[2] ?? '', publishDate: new Date(Date.now() - 60_000) }, false)),
      ...(await createPost(h, { integrationId: x.id, content: thread[0] ?? '', thread: [{ content: thread[1] ?? '' }], publishDate: due })),
    ];
    // Redis loses its data (this spec's database only: FLUSHALL would reach other specs running in parallel).
    await h.redis.flushdb();
    for (const id of ids) expect((await waitForState(h, id, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
    for (const text of [...texts, ...thread]) expect(ledgerWith(h, text)).toHaveLength(1);
  });

  it('turns a dead worker’s lease into UNCONFIRMED and finds the tweet it had sent', async () => {
    const x = await connectChannel(h, 'x', { persona: 'bob' });
    const text = unique('sent by a dead worker');
    const [postId = ''] = await createPost(h, { integrationId: x.id, content: text, publishDate: new Date(Date.now() + 600_000) }, false);
    const attemptStartedAt = new Date();
    const sent = await h.providers.require('x').publish({ channel: { id: x.internalId }, tokens: x.tokens, text, media: [] });
    await h.db.post.update({
      where: { id: postId },
      data: { state: 'PUBLISHING', leaseOwner: 'dead-worker', leaseExpiresAt: new Date(Date.now() - 1_000), attemptStartedAt, publishDate: attemptStartedAt },
    });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR', 'QUEUE']);
    expect(post).toMatchObject({ state: 'PUBLISHED', releaseId: sent.id });
    expect(ledgerWith(h, text)).toHaveLength(1);
  });

  it('requeues a dead worker’s post that never reached the platform, and publishes it once', async () => {
    const x = await connectChannel(h, 'x', { persona: 'carol' });
    const text = unique('never sent');
    const [postId = ''] = await createPost(h, { integrationId: x.id, content: text, publishDate: new Date() }, false);
    await h.db.post.update({
      where: { id: postId },
      data: { state: 'PUBLISHING', leaseOwner: 'dead-worker', leaseExpiresAt: new Date(Date.now() - 1_000), attemptStartedAt: new Date() },
    });
    expect((await waitForState(h, postId, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
    expect(ledgerWith(h, text)).toHaveLength(1);
  });

  it('refreshes an Instagram token ahead of its expiry, and flags a channel whose refresh is refused', async () => {
    const healthy = await connectChannel(h, 'instagram-standalone', { persona: 'alice' });
    const revoked = await connectChannel(h, 'instagram-standalone', { persona: 'bob' });
    const soon = new Date(Date.now() + 10 * 24 * 3600_000);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    await h.db.integration.updateMany({ where: { id: { in: [healthy.id, revoked.id] } }, data: { tokenExpiration: soon, lastRefreshAt: twoDaysAgo } });
    h.sandbox.tokens.revoke(revoked.tokens.accessToken);

    await crons[0]?.runOnce('refresh-tokens');

    const renewed = await h.db.integration.findUniqueOrThrow({ where: { id: healthy.id } });
    expect(h.cipher.decrypt(renewed.token, channelTokenContext(renewed, 'token'))).not.toBe(healthy.tokens.accessToken);
    expect(renewed.tokenExpiration?.getTime()).toBeGreaterThan(Date.now() + 50 * 24 * 3600_000);
    expect(renewed).toMatchObject({ refreshNeeded: false });
    const flagged = await h.db.integration.findUniqueOrThrow({ where: { id: revoked.id } });
    expect(flagged.refreshNeeded).toBe(true);
    expect(await h.db.notification.count({ where: { integrationId: revoked.id, type: 'channel.refresh_needed' } })).toBe(1);
    // The renewed token publishes.
    const text = unique('with a renewed token');
    const [postId = ''] = await createPost(h, { integrationId: healthy.id, content: text, images: [h.media.url('/square.jpg')] });
    expect((await waitForState(h, postId, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
  });

  it('removes old notifications and keeps recent ones', async () => {
    const organization = await h.db.organization.create({ data: { name: `cleanup ${randomUUID().slice(0, 6)}` } });
    const old = await h.db.notification.create({ data: { organizationId: organization.id, type: 'post.failed', message: 'old', createdAt: new Date(Date.now() - 120 * 24 * 3600_000) } });
    const recent = await h.db.notification.create({ data: { organizationId: organization.id, type: 'post.failed', message: 'recent' } });
    await crons[0]?.runOnce('cleanup');
    expect(await h.db.notification.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await h.db.notification.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });

  it('lets one instance of several take a tick', async () => {
    const task = `lock-${randomUUID()}`;
    const instances = [new CronLock(h.redis, 'herald'), new CronLock(h.redis, 'herald'), new CronLock(h.redis, 'herald')];
    const taken = await Promise.all(instances.map((lock) => lock.tryAcquire(task, 5_000)));
    expect(taken.filter(Boolean)).toHaveLength(1);
  });
});
