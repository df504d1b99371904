import { ResolveUnconfirmed } from './resolve-unconfirmed';
import { type Channel, startPublishingMedium, type PublishingMedium } from './testing/publishing-medium';

// The outcome check with the real repositories on a database of its own, a fake X in memory; no HTTP, no queue.
describe('ResolveUnconfirmed (medium)', () => {
  let m: PublishingMedium;
  let resolve: ResolveUnconfirmed;

  beforeAll(async () => {
    m = await startPublishingMedium('resolve_unconfirmed');
    resolve = new ResolveUnconfirmed(m.deps({ options: { ...m.deps().options, maxOutcomeChecks: 3, notFoundSettleMs: 60_000 } }));
  }, 60_000);

  afterAll(async () => {
    await m?.close();
  });

  beforeEach(() => {
    m.provider.outcomes.length = 0;
  });

  /** An UNCONFIRMED post whose check is due, its attempt begun `ageMs` ago. */
  async function unconfirmed(channel: Channel, data: { ageMs?: number; attemptEndedAt?: Date; outcomeChecks?: number; outcomeHint?: object; parentPostId?: string; group?: string } = {}) {
    const { ageMs = 5_000, ...rest } = data;
    const post = await m.post(channel, { state: 'UNCONFIRMED', notBefore: new Date(Date.now() - 1), attemptStartedAt: new Date(Date.now() - ageMs), errorCode: 'outcome_unknown', ...rest });
    const found = await m.repositories.leases.findPost(post.organizationId, post.id);
    if (!found) throw new Error('post not found');
    return found;
  }

  it('records the post PUBLISHED when the platform has it, and makes its thread’s next post due', async () => {
    const channel = await m.channel();
    const post = await unconfirmed(channel);
    const reply = await m.post(channel, { parentPostId: post.id, group: post.group });
    m.provider.outcomes.push({ status: 'published', id: 'live-1', url: 'https://x.example/status/live-1' });

    expect(await resolve.run(post)).toEqual({ kind: 'done', outcome: 'published' });
    expect(await m.row(post.id)).toMatchObject({ state: 'PUBLISHED', releaseId: 'live-1', errorCode: null, notBefore: null });
    expect(m.provider.checks.at(-1)).toMatchObject({ text: 'hello' });
    expect(m.jobs.scheduled).toContainEqual(expect.objectContaining({ postId: reply.id }));
  });

  it('queues the post again when the platform certainly does not have it', async () => {
    const channel = await m.channel();
    const post = await unconfirmed(channel);
    m.provider.outcomes.push({ status: 'not_published' });

    expect(await resolve.run(post)).toMatchObject({ kind: 'later', reason: 'requeued' });
    expect(await m.row(post.id)).toMatchObject({ state: 'QUEUE', outcomeChecks: 0, leaseOwner: null, errorCode: null });
  });

  it('takes “not found” as proof only once the attempt has settled', async () => {
    const channel = await m.channel();
    const recent = await unconfirmed(channel, { ageMs: 1_000 });
    m.provider.outcomes.push({ status: 'not_found' });
    expect(await resolve.run(recent)).toMatchObject({ kind: 'later', reason: 'check_again' });
    expect(await m.row(recent.id)).toMatchObject({ state: 'UNCONFIRMED', outcomeChecks: 1 });

    const settled = await unconfirmed(channel, { ageMs: 120_000 });
    m.provider.outcomes.push({ status: 'not_found' });
    expect(await resolve.run(settled)).toMatchObject({ kind: 'later', reason: 'requeued' });
    expect((await m.row(settled.id)).state).toBe('QUEUE');
  });

  it('counts the settle time from the attempt’s end, not its start (a lease that ran out mid-call, long uploads)', async () => {
    const channel = await m.channel();
    // Begun ten minutes ago, but its last request could still arrive a second ago.
    const late = await unconfirmed(channel, { ageMs: 600_000, attemptEndedAt: new Date(Date.now() - 1_000) });
    m.provider.outcomes.push({ status: 'not_found' });
    expect(await resolve.run(late)).toMatchObject({ kind: 'later', reason: 'check_again' });
    expect(await m.row(late.id)).toMatchObject({ state: 'UNCONFIRMED', outcomeChecks: 1 });

    const ended = await unconfirmed(channel, { ageMs: 600_000, attemptEndedAt: new Date(Date.now() - 120_000) });
    m.provider.outcomes.push({ status: 'not_found' });
    expect(await resolve.run(ended)).toMatchObject({ kind: 'later', reason: 'requeued' });
    expect((await m.row(ended.id)).state).toBe('QUEUE');
  });

  it('stops checking after the bound and tells the organization', async () => {
    const channel = await m.channel();
    const post = await unconfirmed(channel, { outcomeChecks: 2 });

    expect(await resolve.run(post)).toEqual({ kind: 'done', outcome: 'unconfirmed' });
    expect(await m.row(post.id)).toMatchObject({ state: 'UNCONFIRMED', outcomeChecks: 3, notBefore: null });
    expect(await m.db.notification.count({ where: { postId: post.id, type: 'post.unconfirmed' } })).toBe(1);
  });

  it('does not check before the check is due', async () => {
    const channel = await m.channel();
    const notBefore = new Date(Date.now() + 600_000);
    const row = await m.post(channel, { state: 'UNCONFIRMED', notBefore });
    const post = await m.repositories.leases.findPost(row.organizationId, row.id);
    if (!post) throw new Error('post not found');
    const checks = m.provider.checks.length;

    expect(await resolve.run(post)).toEqual({ kind: 'later', at: notBefore, reason: 'check_not_due' });
    expect(m.provider.checks).toHaveLength(checks);
  });

  it('after a duplicate refusal: the live copy is this post’s unless another post of the channel holds it', async () => {
    const channel = await m.channel();
    const own = await unconfirmed(channel, { outcomeHint: { duplicate: true } });
    m.provider.outcomes.push({ status: 'published', id: 'copy-1' });
    expect(await resolve.run(own)).toEqual({ kind: 'done', outcome: 'published' });
    expect(await m.row(own.id)).toMatchObject({ state: 'PUBLISHED', releaseId: 'copy-1' });

    const other = await unconfirmed(channel, { outcomeHint: { duplicate: true } });
    m.provider.outcomes.push({ status: 'published', id: 'copy-1' });
    expect(await resolve.run(other)).toEqual({ kind: 'done', outcome: 'failed' });
    expect(await m.row(other.id)).toMatchObject({ state: 'ERROR', errorCode: 'bad_content' });
    expect(await m.db.notification.count({ where: { postId: other.id, type: 'post.failed' } })).toBe(1);
  });

  it('leaves a post another check settled first', async () => {
    const channel = await m.channel();
    const post = await unconfirmed(channel);
    await m.db.post.update({ where: { id: post.id }, data: { state: 'PUBLISHED' } });
    m.provider.outcomes.push({ status: 'not_published' });

    expect(await resolve.run(post)).toEqual({ kind: 'done', outcome: 'moved_on' });
    expect((await m.row(post.id)).state).toBe('PUBLISHED');
  });
});
