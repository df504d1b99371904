import { channelTokenContext } from '@herald/core';
import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from './support/harness';

// Platform faults injected by the sandbox: only what certainly did not publish is retried, an unknown outcome is
// checked (never blindly resent), rate limits delay work, and a dead token stops the channel with a notification.
describe('publishing through platform faults', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_faults', redisDb: 11, sandbox: { timing: { igRefreshMinAgeMs: 0 } } });
    await h.startWorkers();
  }, 60_000);

  afterEach(() => h.sandbox.faults.clear());

  afterAll(async () => {
    await h?.close();
  });

  const hitsOf = (ruleId: string) => h.sandbox.ledger.requests.filter((r) => r.fault === ruleId);

  it('waits out a 429 until its reset, without counting it as a failure, and pauses the channel', async () => {
    const channel = await connectChannel(h, 'x');
    const rule = h.sandbox.faults.add({ accountId: channel.internalId, method: 'POST', path: '/2/tweets', action: { type: 'rate-limit', resetInSec: 2 }, count: 1 });
    const first = unique('after a 429');
    const [firstId = ''] = await createPost(h, { integrationId: channel.id, content: first });
    const paused = await waitFor('the channel pause', async () => (await h.db.integration.findUnique({ where: { id: channel.id } }))?.publishBlockedUntil ?? undefined);
    const second = unique('queued behind the pause');
    const [secondId = ''] = await createPost(h, { integrationId: channel.id, content: second, publishDate: new Date() });
    const posts = [await waitForState(h, firstId, ['PUBLISHED', 'ERROR']), await waitForState(h, secondId, ['PUBLISHED', 'ERROR'])];
    expect(posts.map((p) => [p.state, p.attempts])).toEqual([
      ['PUBLISHED', 0],
      ['PUBLISHED', 0],
    ]);
    expect(hitsOf(rule.id)).toHaveLength(1);
    expect(ledgerWith(h, first)).toHaveLength(1);
    const [secondTweet] = ledgerWith(h, second);
    // The second post never reached X before the reset the first one was told about.
    expect(secondTweet?.receivedAt).toBeGreaterThanOrEqual(paused.getTime());
  });

  it('backs off after a 500 before acceptance (Instagram container) and then publishes once', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'bob' });
    h.sandbox.faults.add({ platform: 'instagram', method: 'POST', path: '*/media', action: { type: 'server-error' }, count: 1 });
    const text = unique('IG after a 500');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/square.jpg')] });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'PUBLISHED', attempts: 1, error: null });
    expect(ledgerWith(h, text)).toHaveLength(1);
  });

  it('treats an X 500 on the tweet as an unknown outcome: checked, found absent, then published once', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'bob' });
    h.sandbox.faults.add({ accountId: channel.internalId, method: 'POST', path: '/2/tweets', action: { type: 'server-error' }, count: 1 });
    const text = unique('X after a 500');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post.state).toBe('PUBLISHED');
    expect(ledgerWith(h, text)).toHaveLength(1);
    expect(h.sandbox.ledger.requests.some((r) => r.method === 'GET' && r.path.startsWith(`/2/users/${channel.internalId}/tweets`))).toBe(true);
  });

  it('never resends a tweet whose answer was lost after sending: UNCONFIRMED, then resolved from the timeline', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'carol' });
    h.sandbox.faults.add({ accountId: channel.internalId, method: 'POST', path: '/2/tweets', phase: 'after', action: { type: 'timeout' }, count: 1 });
    const text = unique('lost answer');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    const tweets = ledgerWith(h, text);
    expect(tweets).toHaveLength(1);
    expect(post).toMatchObject({ state: 'PUBLISHED', releaseId: tweets[0]?.releaseId, error: null });
    expect(h.sandbox.ledger.requests.some((r) => r.method === 'GET' && r.path.startsWith(`/2/users/${channel.internalId}/tweets`))).toBe(true);
  });

  it('fails a post X refuses as a duplicate of another post’s live tweet, without claiming that tweet', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'alice' });
    const text = unique('said twice & on purpose https://example.com/twice');
    const [firstId = ''] = await createPost(h, { integrationId: channel.id, content: text });
    const first = await waitForState(h, firstId, ['PUBLISHED', 'ERROR']);
    const [secondId = ''] = await createPost(h, { integrationId: channel.id, content: text });
    const second = await waitForState(h, secondId, ['PUBLISHED', 'ERROR']);
    expect(first).toMatchObject({ state: 'PUBLISHED', releaseId: ledgerWith(h, text)[0]?.releaseId });
    expect(second).toMatchObject({ state: 'ERROR', errorCode: 'bad_content', releaseId: null });
    expect(second.error).toContain('identical to one already live');
    expect(ledgerWith(h, text)).toHaveLength(1);
  });

  it('refreshes an expired Instagram token once and publishes with the new one', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'carol' });
    const before = await h.db.integration.findUniqueOrThrow({ where: { id: channel.id } });
    h.sandbox.faults.add({ platform: 'instagram', method: 'POST', path: '*/media', action: { type: 'token-revoked', subcode: 463 }, count: 1 });
    const text = unique('IG after a refresh');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/square.jpg')] });
    expect((await waitForState(h, postId, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
    const after = await h.db.integration.findUniqueOrThrow({ where: { id: channel.id } });
    expect(after.token).not.toBe(before.token);
    expect(after.refreshNeeded).toBe(false);
    expect(h.cipher.decrypt(after.token, channelTokenContext(after, 'token'))).not.toBe(channel.tokens.accessToken);
    expect(ledgerWith(h, text)).toHaveLength(1);
  });

  it('marks the channel refreshNeeded, fails the post and notifies when the token is dead (code 190)', async () => {
    const channel = await connectChannel(h, 'facebook', { pageId: '110000000000102' });
    h.sandbox.faults.add({ platform: 'facebook', method: 'POST', path: '*/photos', action: { type: 'token-revoked' }, count: 1 });
    const text = unique('FB with a revoked token');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/square.jpg')] });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'ERROR', errorCode: 'channel_refresh_needed' });
    expect((await h.db.integration.findUniqueOrThrow({ where: { id: channel.id } })).refreshNeeded).toBe(true);
    // The post is ERROR a moment before its failure notice is written (failPost runs after the state change).
    const notifications = await waitFor('the failure notice', async () => {
      const found = await h.db.notification.findMany({ where: { organizationId: channel.organizationId }, orderBy: { createdAt: 'asc' } });
      return found.some((n) => n.type === 'post.failed') && found;
    }, 5_000);
    expect(notifications.map((n) => n.type).sort()).toEqual(['channel.refresh_needed', 'post.failed']);
    expect(ledgerWith(h, text)).toHaveLength(0);
  });

  it('gives up on an expired token that cannot be refreshed any more', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'alice' });
    h.sandbox.tokens.expire(channel.tokens.accessToken);
    const text = unique('IG with an expired token');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/square.jpg')] });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'ERROR', errorCode: 'channel_refresh_needed' });
    expect((await h.db.integration.findUniqueOrThrow({ where: { id: channel.id } })).refreshNeeded).toBe(true);
    expect(await h.db.notification.count({ where: { integrationId: channel.id, type: 'channel.refresh_needed' } })).toBe(1);
  });
});
