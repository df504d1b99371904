import { randomUUID } from 'node:crypto';
import { PostCopiesRepository } from '@herald/database';
import { RepeatSeries } from '@herald/core';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, entry } from './posts-fixtures';
import { api, publicOrg, xPost } from './public-api.fixtures';

const DAY = 24 * 3600_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

describe('recurring posts and duplicates', () => {
  let backend: TestBackend;
  let repeat: RepeatSeries;

  beforeAll(async () => {
    backend = await startTestBackend();
    repeat = new RepeatSeries({ copies: new PostCopiesRepository(backend.db), jobs: { schedule: () => Promise.resolve() }, now: () => new Date() });
  });
  afterAll(async () => {
    await backend.close();
  });

  async function recurringGroup(label: string, inter = 7) {
    const account = await signUp(backend, label);
    const x = await addChannel(backend, account.organization.id, 'x');
    const fb = await addChannel(backend, account.organization.id, 'facebook');
    await account.agent.post('/tags').send({ name: 'Weekly' }).expect(201);
    await account.agent.put(`/integrations/${x.id}/slots`).send({ slots: ['09:00'], timezone: 'America/New_York' }).expect(200);
    const date = inDays(3).toISOString();
    const body = { type: 'schedule', date, inter, tags: [{ value: 'Weekly', label: 'Weekly' }], posts: [entry(x, [{ content: 'tip of the week' }, { content: 'a reply', delay: 2 }]), entry(fb, [{ content: 'tip on the page' }])] };
    const created = (await account.agent.post('/posts').send(body).expect(201)).body as { postId: string; group: string }[];
    return { ...account, x, fb, date, body, group: created[0]?.group ?? '', postId: created[0]?.postId ?? '' };
  }

  const liveRows = (organizationId: string, group: string) => backend.db.post.findMany({ where: { organizationId, group, deletedAt: null }, include: { tags: true }, orderBy: { createdAt: 'asc' } });

  it('keeps inter on the group: GET shows it, the calendar marks the posts, inter out of 1–365 is refused', async () => {
    const { agent, postId, date } = await recurringGroup('inter');
    const view = (await agent.get(`/posts/${postId}`).expect(200)).body as { inter?: number };
    expect(view.inter).toBe(7);
    const list = (await agent.get('/posts').query({ startDate: inDays(2).toISOString(), endDate: inDays(4).toISOString() }).expect(200)).body as { posts: { intervalInDays: number | null }[] };
    expect(list.posts.map((p) => p.intervalInDays)).toEqual([7, 7]);
    for (const inter of [0, 366, 2.5, '7']) {
      const res = await agent.post('/posts').send({ type: 'schedule', date, inter, posts: [] }).expect(400);
      expect(JSON.stringify(res.body.details)).toContain('inter');
    }
  });

  it('takes inter from the public API, and lists it as intervalInDays', async () => {
    const org = await publicOrg(backend, 'inter-public');
    const channel = org.channels[0];
    if (!channel) throw new Error('no channel');
    const client = api(backend, org.apiKey);
    await client.post('/posts').send(xPost(channel.id, 'every three days', { inter: 3 })).expect(201);
    const listed = (await client.get('/posts').query({ startDate: '2031-03-09T00:00:00Z', endDate: '2031-03-11T00:00:00Z' }).expect(200)).body as { posts: { intervalInDays: number | null }[] };
    expect(listed.posts.map((p) => p.intervalInDays)).toEqual([3]);
    await client.post('/posts').send(xPost(channel.id, 'every 400 days', { inter: 400 })).expect(400);
  });

  it('plans the next occurrence once, for every channel, whatever re-runs or races', async () => {
    const { organization, group, x, date } = await recurringGroup('next');
    const results = await Promise.all([repeat.planNext(organization.id, group), repeat.planNext(organization.id, group), repeat.planNext(organization.id, group)]);
    expect(results.map((r) => r.created).sort()).toEqual([0, 0, 2]);
    const next = results[0]?.group ?? '';
    expect((await repeat.planNext(organization.id, group)).created).toBe(0);
    const rows = await liveRows(organization.id, next);
    expect(rows).toHaveLength(3);
    const xRoot = rows.find((r) => r.integrationId === x.id && r.parentPostId === null);
    expect(xRoot).toMatchObject({ state: 'QUEUE', content: 'tip of the week', intervalInDays: 7, creationMethod: 'WEB' });
    expect(xRoot?.tags).toHaveLength(1);
    expect(rows.find((r) => r.parentPostId === xRoot?.id)).toMatchObject({ content: 'a reply', delay: 2, intervalInDays: null });
    // Seven days later, at the same wall-clock time in the channel's zone (New York; the other channel is UTC).
    const local = (d: Date, zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(d);
    expect(local(xRoot?.publishDate as Date, 'America/New_York')).toBe(local(new Date(date), 'America/New_York'));
    expect(Math.abs((xRoot?.publishDate.getTime() ?? 0) - Date.parse(date) - 7 * DAY)).toBeLessThanOrEqual(3600_000);
  });

  it('finds, for the cron, a published recurring post whose next occurrence was never planned', async () => {
    const { organization, group } = await recurringGroup('repair');
    await backend.db.post.updateMany({ where: { organizationId: organization.id, group }, data: { state: 'PUBLISHED', publishedAt: new Date() } });
    expect(await repeat.repairMissed()).toBeGreaterThanOrEqual(2);
    expect(await backend.db.post.count({ where: { organizationId: organization.id, previousOccurrenceId: { not: null } } })).toBe(2);
    await repeat.repairMissed();
    expect(await backend.db.post.count({ where: { organizationId: organization.id, previousOccurrenceId: { not: null } } })).toBe(2);
  });

  it('edits one occurrence only: the series goes on from the group as it was', async () => {
    const { agent, organization, group, body } = await recurringGroup('edit-one');
    const before = await liveRows(organization.id, group);
    await agent.put(`/posts/${group}/occurrence`).send({ ...body, posts: body.posts.map((p) => ({ ...p, value: [{ content: 'a one-off change' }] })) }).expect(200);
    const edited = await liveRows(organization.id, group);
    expect(edited.every((r) => r.intervalInDays === null)).toBe(true);
    expect(edited.map((r) => r.content)).toEqual(['a one-off change', 'a one-off change']);
    const next = await backend.db.post.findMany({ where: { organizationId: organization.id, previousOccurrenceId: { in: before.map((r) => r.id) } } });
    expect(next.map((r) => r.content).sort()).toEqual(['tip of the week', 'tip on the page']);
    expect(next.every((r) => r.intervalInDays === 7)).toBe(true);
  });

  it('deletes one occurrence (the next is planned), or the whole series', async () => {
    const { agent, organization, group } = await recurringGroup('delete');
    const skipped = (await agent.delete(`/posts/${group}/occurrence`).expect(200)).body as { next: string; deleted: number };
    expect(skipped.deleted).toBe(3);
    expect(await liveRows(organization.id, skipped.next)).toHaveLength(3);
    await repeat.planNext(organization.id, skipped.next);
    const all = (await agent.delete(`/posts/${skipped.next}/series`).expect(200)).body as { groups: string[] };
    expect(all.groups).toHaveLength(2);
    expect(await backend.db.post.count({ where: { organizationId: organization.id, deletedAt: null } })).toBe(0);
    // A series deleted stays deleted: a late publication of an earlier occurrence plans nothing.
    expect((await repeat.planNext(organization.id, group)).created).toBe(0);
    await agent.delete(`/posts/${randomUUID()}/series`).expect(404);
    await agent.delete(`/posts/not-a-group/occurrence`).expect(404);
  });

  it('duplicates a group as a draft, at its own date or a new one', async () => {
    const { agent, organization, group, date } = await recurringGroup('duplicate');
    const copy = (await agent.post(`/posts/${group}/duplicate`).send({}).expect(201)).body as { group: string };
    const rows = await liveRows(organization.id, copy.group);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.state === 'DRAFT' && r.publishDate.toISOString() === date && r.previousOccurrenceId === null)).toBe(true);
    const later = inDays(10).toISOString();
    const moved = (await agent.post(`/posts/${group}/duplicate`).send({ date: later }).expect(201)).body as { group: string };
    expect((await liveRows(organization.id, moved.group)).map((r) => r.publishDate.toISOString())).toEqual([later, later, later]);
    expect((await agent.post(`/posts/${group}/duplicate`).send({ date: 'soon' }).expect(400)).body).toMatchObject({ code: 'validation_failed' });
    await agent.post(`/posts/${randomUUID()}/duplicate`).send({}).expect(404);
    const other = await signUp(backend, 'duplicate-other');
    await other.agent.post(`/posts/${group}/duplicate`).send({}).expect(404);
  });
});

describe('signatures', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('creates, lists, edits and deletes signatures, with one default at most', async () => {
    const { agent } = await signUp(backend, 'signatures');
    const first = (await agent.post('/signatures').send({ name: 'Team', content: '— The Bakery team', default: true }).expect(201)).body as { id: string };
    const second = (await agent.post('/signatures').send({ name: 'Sales', content: 'Order at bakery.example' }).expect(201)).body as { id: string };
    await agent.put(`/signatures/${second.id}`).send({ default: true }).expect(200);
    const list = (await agent.get('/signatures').expect(200)).body as { id: string; name: string; default: boolean }[];
    expect(list.map((s) => [s.name, s.default])).toEqual([
      ['Sales', true],
      ['Team', false],
    ]);
    await agent.delete(`/signatures/${first.id}`).expect(200);
    await agent.delete(`/signatures/${first.id}`).expect(404);
    expect((await agent.get('/signatures').expect(200)).body).toHaveLength(1);
    const other = await signUp(backend, 'signatures-other');
    await other.agent.put(`/signatures/${second.id}`).send({ name: 'mine' }).expect(404);
    expect((await other.agent.get('/signatures').expect(200)).body).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['no name', { content: 'x' }, 'name'],
    ['a blank name', { name: '  ', content: 'x' }, 'name'],
    ['a long content', { name: 'x', content: 'y'.repeat(2001) }, 'content'],
    ['default as text', { name: 'x', content: 'y', default: 'yes' }, 'default'],
  ])('refuses %s', async (_case, body, field) => {
    const { agent } = await signUp(backend, 'signatures-bad');
    expect((await agent.post('/signatures').send(body as object).expect(400)).body).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field })] });
    expect((await agent.get('/signatures').expect(200)).body).toEqual([]);
  });
});
