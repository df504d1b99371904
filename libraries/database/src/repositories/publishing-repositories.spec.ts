import { randomUUID } from 'node:crypto';
import { runMigrations } from '../migrate';
import { createDatabase, type Database } from '../prisma-client';
import { publishingRepositories, type PublishingRepositories } from './publishing-repositories';

// Against the real Postgres: the conditional transitions are the whole of "exactly once".
describe('publishing repositories', () => {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_test';
  let db: Database;
  let repo: PublishingRepositories;

  beforeAll(async () => {
    await runMigrations(url);
    db = createDatabase(url, { max: 12 });
    repo = publishingRepositories(db);
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  async function channel(overrides: { deletedAt?: Date } = {}) {
    const organization = await db.organization.create({ data: { name: `repo ${randomUUID().slice(0, 6)}` } });
    const integration = await db.integration.create({
      data: { organizationId: organization.id, internalId: randomUUID(), name: 'ch', providerIdentifier: 'x', token: 'v1.cipher', ...overrides },
    });
    return { organizationId: organization.id, integrationId: integration.id };
  }

  async function post(ch: { organizationId: string; integrationId: string }, data: Partial<{ state: 'QUEUE' | 'PUBLISHED' | 'UNCONFIRMED' | 'PUBLISHING'; publishDate: Date; parentPostId: string; delay: number; notBefore: Date | null; publishedAt: Date; leaseExpiresAt: Date; leaseOwner: string }> = {}) {
    return db.post.create({ data: { ...ch, group: randomUUID(), content: 'hello', publishDate: new Date(Date.now() - 1_000), ...data } });
  }

  it('lets exactly one of many concurrent workers take the lease', async () => {
    const ch = await channel();
    const row = await post(ch);
    const now = new Date();
    const owners = Array.from({ length: 10 }, (_, i) => `worker-${i}`);
    const taken = await Promise.all(owners.map((owner) => repo.leases.takeLease(row, owner, new Date(now.getTime() + 60_000), now)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    const winner = owners[taken.indexOf(true)];
    expect(await db.post.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: 'PUBLISHING', leaseOwner: winner, attemptStartedAt: now });
  });

  it('records the outcome only for the lease owner', async () => {
    const ch = await channel();
    const row = await post(ch);
    await repo.leases.takeLease(row, 'me', new Date(Date.now() + 60_000), new Date());
    const release = { releaseId: '1', releaseURL: 'https://x.com/i/web/status/1', publishedAt: new Date() };
    expect(await repo.publications.markPublished(row.id, 'someone-else', release)).toBe(false);
    expect(await repo.leases.fail(row.id, 'someone-else', { error: 'no', errorCode: 'no' })).toBe(false);
    expect(await repo.publications.markPublished(row.id, 'me', release)).toBe(true);
    expect(await repo.publications.markPublished(row.id, 'me', release)).toBe(false);
    expect(await db.post.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: 'PUBLISHED', releaseId: '1', leaseOwner: null });
  });

  it('still records a late answer after the lease turned UNCONFIRMED, but not after a resolution', async () => {
    const ch = await channel();
    const row = await post(ch);
    const now = new Date();
    await repo.leases.takeLease(row, 'slow', new Date(now.getTime() - 1), now);
    expect(await repo.leases.expireLease(row.id, now)).toBe(true);
    expect(await repo.publications.markPublished(row.id, 'slow', { releaseId: '2', releaseURL: null, publishedAt: now })).toBe(true);
    const other = await post(ch);
    await repo.leases.takeLease(other, 'slow', new Date(now.getTime() - 1), now);
    await repo.leases.expireLease(other.id, now);
    expect(await repo.unconfirmed.resolveNotPublished({ id: other.id, attemptStartedAt: now, outcomeChecks: 0 }, now)).toBe(true);
    expect(await repo.publications.markPublished(other.id, 'slow', { releaseId: '3', releaseURL: null, publishedAt: now })).toBe(false);
  });

  it('applies an outcome check’s verdict only to the attempt and check it read', async () => {
    const ch = await channel();
    const row = await post(ch);
    const first = new Date(Date.now() - 60_000);
    await repo.leases.takeLease(row, 'one', new Date(first.getTime() - 1), first);
    await repo.leases.expireLease(row.id, new Date());
    const checkedFirst = { id: row.id, attemptStartedAt: first, outcomeChecks: 0 };
    // A faster check of the same attempt requeued it, and a second attempt lost its answer in turn.
    expect(await repo.unconfirmed.resolveNotPublished(checkedFirst, new Date())).toBe(true);
    const second = new Date();
    expect(await repo.leases.takeLease(row, 'two', new Date(second.getTime() + 60_000), second)).toBe(true);
    expect(await repo.leases.markUnconfirmed(row.id, 'two', { hint: null, error: 'lost', checkAt: second, endedAt: second })).toBe(true);
    // The slower check of the first attempt: its "not found" says nothing of the second one's request.
    expect(await repo.unconfirmed.resolveNotPublished(checkedFirst, new Date())).toBe(false);
    expect(await repo.unconfirmed.countOutcomeCheck(checkedFirst, new Date())).toBe(false);
    expect(await db.post.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: 'UNCONFIRMED', leaseOwner: 'two', outcomeChecks: 0 });
    expect(await repo.unconfirmed.resolveNotPublished({ id: row.id, attemptStartedAt: second, outcomeChecks: 0 }, new Date())).toBe(true);
  });

  it('finds due work: due roots, replies whose parent is out, checks due; not the rest', async () => {
    const ch = await channel();
    const now = new Date();
    const due = await post(ch);
    const future = await post(ch, { publishDate: new Date(now.getTime() + 3_600_000) });
    const postponed = await post(ch, { notBefore: new Date(now.getTime() + 3_600_000) });
    const parentOut = await post(ch, { state: 'PUBLISHED', publishedAt: new Date(now.getTime() - 120_000) });
    const reply = await post(ch, { parentPostId: parentOut.id, delay: 1, publishDate: new Date(now.getTime() - 180_000) });
    const laterReply = await post(ch, { parentPostId: parentOut.id, delay: 60 });
    const parentWaiting = await post(ch, { publishDate: new Date(now.getTime() + 3_600_000) });
    const waitingReply = await post(ch, { parentPostId: parentWaiting.id });
    const check = await post(ch, { state: 'UNCONFIRMED', notBefore: new Date(now.getTime() - 1) });
    const noMoreChecks = await post(ch, { state: 'UNCONFIRMED', notBefore: null });
    const deleted = await post(await channel({ deletedAt: now }));

    const work = await repo.leases.findDueWork(new Date(now.getTime() + 60_000), 10_000);
    const ids = new Set(work.map((w) => w.id));
    for (const wanted of [due, reply, check]) expect(ids).toContain(wanted.id);
    for (const unwanted of [future, postponed, laterReply, parentWaiting, waitingReply, noMoreChecks, deleted, parentOut]) expect(ids).not.toContain(unwanted.id);
    expect(work.find((w) => w.id === reply.id)?.dueAt.getTime()).toBe((parentOut.publishedAt?.getTime() ?? 0) + 60_000);
  });

  it('turns only expired leases into UNCONFIRMED', async () => {
    const ch = await channel();
    const now = new Date();
    const stale = await post(ch, { state: 'PUBLISHING', leaseOwner: 'dead', leaseExpiresAt: new Date(now.getTime() - 1_000) });
    const alive = await post(ch, { state: 'PUBLISHING', leaseOwner: 'alive', leaseExpiresAt: new Date(now.getTime() + 60_000) });
    const expired = await repo.leases.expireStaleLeases(now, 10_000);
    expect(expired.map((p) => p.id)).toContain(stale.id);
    expect(expired.map((p) => p.id)).not.toContain(alive.id);
    expect(await db.post.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ state: 'UNCONFIRMED', errorCode: 'outcome_unknown', leaseOwner: 'dead' });
    expect((await db.post.findUniqueOrThrow({ where: { id: alive.id } })).state).toBe('PUBLISHING');
  });

  it('keeps one refreshed token when two refreshes race', async () => {
    const ch = await channel();
    const tokens = (token: string) => ({ token, refreshToken: null, tokenExpiration: new Date(Date.now() + 86_400_000) });
    const [a, b] = await Promise.all([
      repo.channels.saveRefreshedTokens(ch.integrationId, 'v1.cipher', tokens('v1.first'), new Date()),
      repo.channels.saveRefreshedTokens(ch.integrationId, 'v1.cipher', tokens('v1.second'), new Date()),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(['v1.first', 'v1.second']).toContain((await db.integration.findUniqueOrThrow({ where: { id: ch.integrationId } })).token);
  });

  it('loads a post with its channel, its parent and its thread’s first release id in one statement', async () => {
    const ch = await channel();
    const root = await post(ch, { state: 'PUBLISHED', publishedAt: new Date() });
    await db.post.update({ where: { id: root.id }, data: { releaseId: 'root-release' } });
    const middle = await post(ch, { state: 'PUBLISHED', parentPostId: root.id, publishedAt: new Date() });
    const leaf = await post(ch, { parentPostId: middle.id, delay: 3 });
    const found = await repo.leases.findPost(ch.organizationId, leaf.id);
    expect(found).toMatchObject({ id: leaf.id, state: 'QUEUE', delay: 3, rootReleaseId: 'root-release', integration: { id: ch.integrationId, providerIdentifier: 'x' } });
    expect(found?.parent).toMatchObject({ id: middle.id, state: 'PUBLISHED' });
    expect(found?.publishDate).toBeInstanceOf(Date);
    expect(found?.version).toMatch(/^\d+$/);
    expect(await repo.leases.findPost(randomUUID(), leaf.id)).toBeNull();
    expect(await repo.leases.findPost(ch.organizationId, 'not-a-uuid')).toBeNull();
  });

  it('leases armed posts only while they are the version that was checked and their channel can publish', async () => {
    const ch = await channel();
    const [same, edited, blocked] = [await post(ch), await post(ch), await post(await channel())];
    const version = async (id: string, organizationId: string) => (await repo.leases.findPost(organizationId, id))?.version ?? '';
    const armed = [
      { id: same.id, organizationId: ch.organizationId, version: await version(same.id, ch.organizationId) },
      { id: edited.id, organizationId: ch.organizationId, version: await version(edited.id, ch.organizationId) },
      { id: blocked.id, organizationId: blocked.organizationId, version: await version(blocked.id, blocked.organizationId) },
    ];
    await db.post.update({ where: { id: edited.id }, data: { content: 'changed while armed' } });
    await db.integration.update({ where: { id: blocked.integrationId }, data: { publishBlockedUntil: new Date(Date.now() + 60_000) } });
    const now = new Date();
    const leased = await repo.leases.takeArmedLeases(armed, 'armer', new Date(now.getTime() + 60_000), now);
    expect([...leased]).toEqual([same.id]);
    expect(await db.post.findUniqueOrThrow({ where: { id: same.id } })).toMatchObject({ state: 'PUBLISHING', leaseOwner: 'armer' });
    expect((await db.post.findUniqueOrThrow({ where: { id: edited.id } })).state).toBe('QUEUE');
    expect(await repo.leases.takeArmedLeases(armed, 'another', new Date(now.getTime() + 60_000), now)).toEqual(new Set());
  });

  it('records many publications in one statement, with each thread’s next post and the organization’s webhooks', async () => {
    const ch = await channel();
    const hook = await db.webhook.create({ data: { organizationId: ch.organizationId, name: 'h', url: 'https://example.com/hook', secret: 'v1.s', events: ['post.published'] } });
    const parent = await post(ch, { state: 'PUBLISHING', leaseOwner: 'me' });
    const reply = await post(ch, { parentPostId: parent.id, delay: 2 });
    const alone = await post(ch, { state: 'PUBLISHING', leaseOwner: 'me' });
    const notMine = await post(ch, { state: 'PUBLISHING', leaseOwner: 'someone-else' });
    const publishedAt = new Date('2031-01-01T10:00:00.000Z');
    const release = (id: string) => ({ releaseId: `r-${id}`, releaseURL: null, publishedAt });
    const recorded = await repo.publications.recordPublished([parent, alone, notMine].map((p) => ({ postId: p.id, release: release(p.id) })), 'me');
    expect([...recorded.keys()].sort()).toEqual([parent.id, alone.id].sort());
    expect(recorded.get(parent.id)).toEqual({ nextChild: { id: reply.id, organizationId: ch.organizationId, runAt: new Date('2031-01-01T10:02:00.000Z') }, subscribers: [{ id: hook.id, integrations: [], events: ['post.published'] }] });
    expect(recorded.get(alone.id)?.nextChild).toBeNull();
    expect(await db.post.findUniqueOrThrow({ where: { id: parent.id } })).toMatchObject({ state: 'PUBLISHED', releaseId: `r-${parent.id}`, leaseOwner: null, publishedAt });
    expect((await db.post.findUniqueOrThrow({ where: { id: reply.id } })).notBefore).toEqual(new Date('2031-01-01T10:02:00.000Z'));
    expect((await db.post.findUniqueOrThrow({ where: { id: notMine.id } })).state).toBe('PUBLISHING');
  });
});
