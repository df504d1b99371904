import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from './support/harness';

// A recurring post, published through the real workers: its next occurrence is planned once, whatever happens after.
describe('recurring posts', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_recurring', redisDb: 15 });
    await h.startWorkers();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('plans the next occurrence when the post is published, once, even when the publish is re-run or repeated', async () => {
    const channel = await connectChannel(h, 'x');
    await h.db.integration.update({ where: { id: channel.id }, data: { timezone: 'America/New_York' } });
    const text = unique('every week');
    const publishDate = new Date(Date.now() + 1_000);
    const [rootId = '', replyId = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate, thread: [{ content: unique('the reply'), delay: 0 }] }, false);
    await h.db.post.update({ where: { id: rootId }, data: { intervalInDays: 7 } });
    await h.jobs.schedule(rootId, channel.organizationId, publishDate);

    const root = await waitForState(h, rootId, ['PUBLISHED', 'ERROR']);
    expect(root.state).toBe('PUBLISHED');
    const next = await waitFor('the next occurrence', () => h.db.post.findFirst({ where: { previousOccurrenceId: rootId } }).then((p) => p ?? undefined));
    expect(next).toMatchObject({ state: 'QUEUE', content: root.content, intervalInDays: 7, integrationId: channel.id, parentPostId: null });
    expect(next.group).not.toBe(root.group);
    expect(next.publishDate.getTime() - publishDate.getTime()).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 3600_000);
    const nextThread = await h.db.post.findMany({ where: { group: next.group } });
    expect(nextThread).toHaveLength(2);
    await waitForState(h, replyId, ['PUBLISHED']);

    // The job runs again (a stalled job, the sweep), and the post is published again on purpose: still one copy.
    await h.jobs.schedule(rootId, channel.organizationId, new Date());
    // (X refuses the same text twice, as the platform does: the second publication says it differently.)
    const again = unique('every week, again');
    await h.db.post.updateMany({ where: { id: rootId, state: 'PUBLISHED' }, data: { state: 'QUEUE', content: again, releaseId: null, releaseURL: null, publishedAt: null } });
    await h.jobs.schedule(rootId, channel.organizationId, new Date());
    await waitFor('the second publication', () => Promise.resolve(ledgerWith(h, again).length === 1 || undefined));
    await waitForState(h, rootId, ['PUBLISHED']);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await h.db.post.count({ where: { previousOccurrenceId: rootId } })).toBe(1);
    expect(await h.db.post.count({ where: { group: next.group } })).toBe(2);
  }, 90_000);
});
