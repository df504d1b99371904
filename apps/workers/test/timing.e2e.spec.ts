import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from './support/harness';

// Jobs wake PUBLISH_ARM_LEAD_MS (5 s) before their post; the worker loads the post and waits for the exact time.
// These posts are scheduled 4 s ahead, so each is armed at once and every change below lands during that wait.
describe('publishing at the exact time', () => {
  let h: Harness;
  const AHEAD_MS = 4_000;

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_timing', redisDb: 7 });
    await h.startWorkers();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  /** The post's job is held by a worker (armed), which is when a change must still be honoured. */
  async function armed(postId: string): Promise<void> {
    await waitFor(`the job of ${postId} to be taken`, async () => (await h.jobs.jobState(postId)) === 'active', 3_000);
  }

  it('sends an armed post at its time, never before it', async () => {
    const channel = await connectChannel(h, 'x');
    const text = unique('exact time');
    const publishDate = new Date(Date.now() + AHEAD_MS);
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate });
    await armed(postId);
    expect(ledgerWith(h, text)).toHaveLength(0);
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post.state).toBe('PUBLISHED');
    const [tweet, ...others] = ledgerWith(h, text);
    expect(others).toHaveLength(0);
    expect(tweet?.receivedAt).toBeGreaterThanOrEqual(publishDate.getTime());
  });

  it('sends the edited text when the post is edited while armed', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'bob' });
    const before = unique('before the edit');
    const after = unique('after the edit');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: before, publishDate: new Date(Date.now() + AHEAD_MS) });
    await armed(postId);
    await h.db.post.update({ where: { id: postId }, data: { content: after } });
    expect((await waitForState(h, postId, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
    expect(ledgerWith(h, before)).toHaveLength(0);
    expect(ledgerWith(h, after)).toHaveLength(1);
  });

  it('holds a post moved later while armed until its new time', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'carol' });
    const text = unique('moved later');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate: new Date(Date.now() + AHEAD_MS) });
    await armed(postId);
    const moved = new Date(Date.now() + 60_000);
    await h.db.post.update({ where: { id: postId }, data: { publishDate: moved } });
    await waitFor('the job to go back to the queue for the new time', async () => (await h.jobs.jobState(postId)) === 'delayed', AHEAD_MS + 5_000);
    expect(ledgerWith(h, text)).toHaveLength(0);
    const post = await h.db.post.findUniqueOrThrow({ where: { id: postId } });
    expect(post.state).toBe('QUEUE');
    expect((await h.jobs.getJob(postId))?.wakeAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it('sends at once a post moved to now while armed, as the API moves it (the worker is told, not its old time)', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'alice' });
    const text = unique('moved to now');
    const oldTime = new Date(Date.now() + AHEAD_MS);
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate: oldTime });
    await armed(postId);
    const movedAt = Date.now();
    await h.db.post.update({ where: { id: postId }, data: { publishDate: new Date(movedAt) } });
    // What the posts use case does after a move: replace the job (here it is held, so the worker is told instead).
    await h.jobs.schedule(postId, channel.organizationId, new Date(movedAt));
    expect((await waitForState(h, postId, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
    const [tweet, ...others] = ledgerWith(h, text);
    expect(others).toHaveLength(0);
    expect(tweet?.receivedAt).toBeGreaterThanOrEqual(movedAt);
    // Well before the time it was armed for (without the word from the scheduler, it left at the old time).
    expect(tweet?.receivedAt).toBeLessThan(oldTime.getTime());
  });

  it('does not send a post deleted while armed', async () => {
    const channel = await connectChannel(h, 'x');
    const text = unique('deleted while armed');
    const publishDate = new Date(Date.now() + AHEAD_MS);
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate });
    await armed(postId);
    await h.db.post.update({ where: { id: postId }, data: { deletedAt: new Date() } });
    await waitFor('the job to finish', async () => (await h.jobs.jobState(postId)) === 'unknown', AHEAD_MS + 5_000);
    expect(ledgerWith(h, text)).toHaveLength(0);
    expect((await h.db.post.findUniqueOrThrow({ where: { id: postId } })).state).toBe('QUEUE');
  });

  it('refuses at its time a post whose channel was disabled while it was armed', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'bob' });
    const text = unique('channel disabled while armed');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate: new Date(Date.now() + AHEAD_MS) });
    await armed(postId);
    await h.db.integration.update({ where: { id: channel.id }, data: { disabled: true } });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'ERROR', errorCode: 'channel_disabled' });
    expect(ledgerWith(h, text)).toHaveLength(0);
  });
});
