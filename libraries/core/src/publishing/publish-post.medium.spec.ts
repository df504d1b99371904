import { ProviderError } from '@herald/providers';
import { PublishPost } from './publish-post';
import { startPublishingMedium, type PublishingMedium } from './testing/publishing-medium';

// The publish job with the real repositories on a database of its own, a fake X in memory; no HTTP, no queue.
describe('PublishPost (medium)', () => {
  let m: PublishingMedium;
  let publishPost: PublishPost;

  beforeAll(async () => {
    m = await startPublishingMedium('publish_post');
    publishPost = new PublishPost(m.deps(), 'medium-worker', { concurrency: 4 });
  }, 60_000);

  afterAll(async () => {
    await m?.close();
  });

  beforeEach(() => {
    m.provider.answers.length = 0;
    m.provider.outcomes.length = 0;
  });

  const run = (post: { id: string; organizationId: string }, signal?: AbortSignal) => publishPost.run({ postId: post.id, organizationId: post.organizationId }, signal);

  it('publishes a due post under a lease and records its release', async () => {
    const channel = await m.channel();
    const post = await m.post(channel, { content: '<p>hello <b>world</b></p>' });
    m.provider.answers.push({ id: 'tweet-1', url: 'https://x.example/status/tweet-1' });

    expect(await run(post)).toEqual({ kind: 'done', outcome: 'published' });

    const sent = m.provider.published.at(-1);
    expect(sent?.text).toBe('hello world');
    expect(sent?.tokens.accessToken).toBe('access');
    const row = await m.row(post.id);
    expect(row).toMatchObject({ state: 'PUBLISHED', releaseId: 'tweet-1', releaseURL: 'https://x.example/status/tweet-1', leaseOwner: null, leaseExpiresAt: null });
    // A second run of the same job finds it out: nothing is sent twice.
    const calls = m.provider.published.length;
    expect(await run(post)).toEqual({ kind: 'done', outcome: 'published' });
    expect(m.provider.published).toHaveLength(calls);
  });

  it('makes the thread’s next post due when its parent is out, and answers the parent with it', async () => {
    const channel = await m.channel();
    const root = await m.post(channel);
    const reply = await m.post(channel, { parentPostId: root.id, group: root.group, content: 'second' });
    expect(await run(reply)).toEqual({ kind: 'done', outcome: 'waiting_for_parent' });
    m.provider.answers.push({ id: 'root-release', url: 'https://x.example/status/root-release' });

    expect(await run(root)).toEqual({ kind: 'done', outcome: 'published' });
    expect(m.jobs.scheduled).toContainEqual(expect.objectContaining({ postId: reply.id, organizationId: reply.organizationId }));

    expect(await run(reply)).toEqual({ kind: 'done', outcome: 'published' });
    expect(m.provider.comments.at(-1)).toMatchObject({ parentId: 'root-release', text: 'second' });
    expect((await m.row(reply.id)).state).toBe('PUBLISHED');
  });

  it('leaves a post that is not due to the queue, untouched', async () => {
    const channel = await m.channel();
    const publishDate = new Date(Date.now() + 3_600_000);
    const post = await m.post(channel, { publishDate });
    const calls = m.provider.published.length;

    expect(await run(post)).toEqual({ kind: 'later', at: publishDate, reason: 'not_due' });
    expect((await m.row(post.id)).state).toBe('QUEUE');
    expect(m.provider.published).toHaveLength(calls);
  });

  it('arms a post due within the lead, waits for its time and sends what it holds then (an edit during the wait included)', async () => {
    const channel = await m.channel();
    const post = await m.post(channel, { publishDate: new Date(Date.now() + 1_500), content: 'before' });
    const running = run(post);
    // Edited while the job waits: the lease requires the version checked, so the edit is what goes out.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await m.db.post.update({ where: { id: post.id }, data: { content: 'after' } });
    publishPost.nudge(post.id);

    expect(await running).toEqual({ kind: 'done', outcome: 'published' });
    expect(m.provider.published.at(-1)?.text).toBe('after');
    expect((await m.row(post.id)).state).toBe('PUBLISHED');
  });

  it('fails a post whose channel cannot publish, without a call, and tells the organization', async () => {
    const channel = await m.channel({ disabled: true });
    const post = await m.post(channel);
    const calls = m.provider.published.length;

    expect(await run(post)).toEqual({ kind: 'done', outcome: 'channel_disabled' });
    expect(await m.row(post.id)).toMatchObject({ state: 'ERROR', errorCode: 'channel_disabled' });
    expect(m.provider.published).toHaveLength(calls);
    expect(await m.db.notification.findMany({ where: { postId: post.id }, select: { type: true } })).toEqual([{ type: 'post.failed' }]);
  });

  it('postpones a post while its channel is paused', async () => {
    const until = new Date(Date.now() + 600_000);
    const channel = await m.channel({ publishBlockedUntil: until });
    const post = await m.post(channel);

    expect(await run(post)).toEqual({ kind: 'later', at: until, reason: 'channel_paused' });
    expect(await m.row(post.id)).toMatchObject({ state: 'QUEUE', notBefore: until });
  });

  it('gives a transient failure back to the queue with one attempt counted', async () => {
    const channel = await m.channel();
    const post = await m.post(channel);
    m.provider.answers.push(new ProviderError('retry_later', 'x', 'Service Unavailable', { platform: { httpStatus: 503 }, requestSent: false }));

    const result = await run(post);
    expect(result).toMatchObject({ kind: 'later', reason: 'retry' });
    expect(await m.row(post.id)).toMatchObject({ state: 'QUEUE', attempts: 1, errorCode: 'retrying', leaseOwner: null, leaseExpiresAt: null });
  });

  it('pauses the channel on a rate limit, without counting an attempt', async () => {
    const channel = await m.channel();
    const post = await m.post(channel);
    const retryAt = new Date(Date.now() + 900_000);
    m.provider.answers.push(new ProviderError('retry_later', 'x', 'Too Many Requests', { platform: { httpStatus: 429 }, retryAt }));

    expect(await run(post)).toEqual({ kind: 'later', at: retryAt, reason: 'rate_limited' });
    expect(await m.row(post.id)).toMatchObject({ state: 'QUEUE', attempts: 0, errorCode: 'rate_limited', notBefore: retryAt });
    expect((await m.db.integration.findUniqueOrThrow({ where: { id: channel.integrationId } })).publishBlockedUntil).toEqual(retryAt);
  });

  it('marks an unknown outcome UNCONFIRMED, keeping the owner so a late answer lands', async () => {
    const channel = await m.channel();
    const post = await m.post(channel);
    m.provider.answers.push(new ProviderError('unknown_outcome', 'x', 'socket hang up'));

    expect(await run(post)).toMatchObject({ kind: 'later', reason: 'unconfirmed' });
    const row = await m.row(post.id);
    expect(row).toMatchObject({ state: 'UNCONFIRMED', errorCode: 'outcome_unknown', leaseOwner: 'medium-worker', outcomeChecks: 0 });
    // Absence is judged from when the attempt ended.
    expect(row.attemptEndedAt?.getTime()).toBeGreaterThanOrEqual(row.attemptStartedAt?.getTime() ?? Infinity);
  });

  it('sends nothing visible once its lease ran out with no renewal (Postgres unreachable), and hands the post back', async () => {
    const base = m.deps();
    const leases = Object.assign(Object.create(base.leases) as typeof base.leases, { renewLease: () => Promise.reject(new Error('Connection terminated unexpectedly')) });
    const cutOff = new PublishPost(m.deps({ leases, options: { ...base.options, leaseMs: 600 } }), 'cut-off-worker');
    const channel = await m.channel();
    const post = await m.post(channel);
    let created = 0;
    // A provider as the contract wants it (PublishInput.signal): uploads that outlast the lease, then the create call.
    m.provider.answers.push(async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      input.signal?.throwIfAborted();
      created += 1;
      return { id: 'too-late', url: 'https://x.example/status/too-late' };
    });

    expect(await cutOff.run({ postId: post.id, organizationId: post.organizationId })).toMatchObject({ kind: 'later', reason: 'lease_lost' });
    expect(created).toBe(0);
    expect(await m.row(post.id)).toMatchObject({ state: 'QUEUE', leaseOwner: null, attempts: 0 });
  });

  it('fails a post the platform refuses, and tells the organization', async () => {
    const channel = await m.channel();
    const post = await m.post(channel);
    m.provider.answers.push(new ProviderError('bad_content', 'x', 'Status is a duplicate', { platform: { message: 'Status is a duplicate.' } }));

    expect(await run(post)).toEqual({ kind: 'done', outcome: 'failed' });
    expect(await m.row(post.id)).toMatchObject({ state: 'ERROR', errorCode: 'bad_content', error: 'Status is a duplicate.', attempts: 1 });
    expect(await m.db.notification.count({ where: { postId: post.id, type: 'post.failed' } })).toBe(1);
  });

  it('refreshes an expired token once and sends again with the new one', async () => {
    const channel = await m.channel();
    const post = await m.post(channel);
    const before = await m.db.integration.findUniqueOrThrow({ where: { id: channel.integrationId } });
    m.provider.answers.push(new ProviderError('refresh_token', 'x', 'token expired'));

    expect(await run(post)).toEqual({ kind: 'done', outcome: 'published' });
    expect(m.provider.published.at(-1)?.tokens.accessToken).toMatch(/^refreshed-/);
    const after = await m.db.integration.findUniqueOrThrow({ where: { id: channel.integrationId } });
    expect(after.token).not.toBe(before.token);
    expect(after.lastRefreshAt).not.toBeNull();
  });

  it('fails the post and flags the channel when the grant is gone', async () => {
    const channel = await m.channel();
    const post = await m.post(channel);
    m.provider.answers.push(new ProviderError('reconnect', 'x', 'token revoked'));

    expect(await run(post)).toEqual({ kind: 'done', outcome: 'failed' });
    expect(await m.row(post.id)).toMatchObject({ state: 'ERROR', errorCode: 'channel_refresh_needed' });
    expect((await m.db.integration.findUniqueOrThrow({ where: { id: channel.integrationId } })).refreshNeeded).toBe(true);
    const notices = await m.db.notification.findMany({ where: { organizationId: channel.organizationId }, select: { type: true } });
    expect(notices.map((n) => n.type).sort()).toEqual(['channel.refresh_needed', 'post.failed']);
  });

  it('recovers a lease its worker left behind by asking the platform', async () => {
    const channel = await m.channel();
    const post = await m.post(channel, { state: 'PUBLISHING', leaseOwner: 'dead-worker', leaseExpiresAt: new Date(Date.now() - 1_000), attemptStartedAt: new Date(Date.now() - 5_000) });
    m.provider.outcomes.push({ status: 'published', id: 'found-it', url: 'https://x.example/status/found-it' });

    expect(await run(post)).toEqual({ kind: 'done', outcome: 'published' });
    expect(await m.row(post.id)).toMatchObject({ state: 'PUBLISHED', releaseId: 'found-it', leaseOwner: null });
  });

  it('waits for a lease another worker still holds', async () => {
    const channel = await m.channel();
    const leaseExpiresAt = new Date(Date.now() + 60_000);
    const post = await m.post(channel, { state: 'PUBLISHING', leaseOwner: 'busy-worker', leaseExpiresAt });

    expect(await run(post)).toEqual({ kind: 'later', at: new Date(leaseExpiresAt.getTime() + 1_000), reason: 'leased' });
    expect((await m.row(post.id)).leaseOwner).toBe('busy-worker');
  });

  it('hands a post back untouched when the worker is shutting down', async () => {
    const channel = await m.channel();
    const post = await m.post(channel);
    const calls = m.provider.published.length;
    const controller = new AbortController();
    controller.abort();

    expect(await run(post, controller.signal)).toMatchObject({ kind: 'later', reason: 'shutting_down' });
    expect(await m.row(post.id)).toMatchObject({ state: 'QUEUE', leaseOwner: null });
    expect(m.provider.published).toHaveLength(calls);
  });

  it('leaves finished and missing posts alone', async () => {
    const channel = await m.channel();
    const post = await m.post(channel, { state: 'PUBLISHED' });
    expect(await run(post)).toEqual({ kind: 'done', outcome: 'published' });
    expect(await run({ id: '00000000-0000-4000-8000-000000000000', organizationId: channel.organizationId })).toEqual({ kind: 'done', outcome: 'missing' });
  });
});
