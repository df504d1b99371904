import { randomUUID } from 'node:crypto';
import { toPostListItem } from '@herald/core';
import { PostsRepository } from '@herald/database';
import { bumpCalendarVersion, CalendarCache } from '@herald/queue';
import { signUp, startTestBackend, type TestBackend, uniqueEmail } from './harness';
import { addChannel, entry } from './posts-fixtures';

const WEEK = { startDate: '2033-05-02T00:00:00.000Z', endDate: '2033-05-08T23:59:59.999Z' };

/**
 * The calendar built by Postgres (`calendarJsonQuery`) against the mapping it replaced (`toPostListItem` over
 * `calendarQuery`), byte for byte; and its cache (`CalendarCache`) shared by two backend instances: a write through
 * one is seen at once by the other, and an ETag is answered 304 only while nothing changed.
 */
describe('GET /posts: JSON built by Postgres, cached across instances', () => {
  let one: TestBackend;
  let two: TestBackend;

  beforeAll(async () => {
    one = await startTestBackend();
    two = await startTestBackend();
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('answers exactly what the row mapping answers: tags, customer filter, recurring, settings with awkward text', async () => {
    const { agent, organization } = await signUp(one, 'calendar-json');
    const x = await addChannel(one, organization.id, 'x', { name: 'Acme "quoted" \\ café 🚀' });
    const ig = await addChannel(one, organization.id, 'instagram');
    const customer = await one.db.customer.create({ data: { organizationId: organization.id, name: 'Bakery' } });
    await one.db.integration.update({ where: { id: ig.id }, data: { customerId: customer.id, picture: 'https://cdn.example/p.png' } });
    await agent.post('/posts').send({ type: 'schedule', date: '2033-05-03T09:15:00Z', inter: 7, posts: [entry(x, [{ content: 'Weekly <b>news</b> & more' }, { content: 'reply' }])] }).expect(201);
    await agent.post('/posts').send({ type: 'draft', date: '2033-05-04T10:00:00Z', posts: [entry(ig, [{ content: 'idea' }])] }).expect(201);
    const [rowX] = await one.db.post.findMany({ where: { organizationId: organization.id, integrationId: x.id, parentPostId: null } });
    // Settings as awkward as JSON gets: separators inside strings, escapes, nesting, unicode, empty containers.
    const settings = { __type: 'x', who_can_reply_post: 'everyone', note: 'a ": b", "c, "d', nested: { list: [1, -2.5, true, null, 'x\ny\t"z"'], empty: {}, none: [] }, 'é ü': '\u0001 🚀' };
    await one.db.post.update({ where: { id: rowX!.id }, data: { settings, releaseURL: 'https://x.example/1,https://x.example/2', releaseId: 'missing' } });
    // Nested but without an escaped quote or a ", " before anything but a string: the fast path of the compaction.
    await agent.post('/posts').send({ type: 'schedule', date: '2033-05-05T11:00:00Z', posts: [entry(x, [{ content: 'nested' }])] }).expect(201);
    const nestedRow = await one.db.post.findFirstOrThrow({ where: { organizationId: organization.id, content: 'nested' } });
    const nested = { __type: 'x', who_can_reply_post: 'everyone', a: { b: 'c; d: e' }, list: ['e', 'f'], deep: [{ k: 'v' }, { k: 'w' }], flag: true, n: 1.5, zero: 0 };
    await one.db.post.update({ where: { id: nestedRow.id }, data: { settings: nested } });
    const tagA = await one.db.tag.create({ data: { organizationId: organization.id, name: 'Zeta', color: '#112233' } });
    const tagB = await one.db.tag.create({ data: { organizationId: organization.id, name: 'Alpha', color: '#445566' } });
    const gone = await one.db.tag.create({ data: { organizationId: organization.id, name: 'Gone', color: '#000000', deletedAt: new Date() } });
    await one.db.postTag.createMany({ data: [tagA, tagB, gone].map((t) => ({ postId: rowX!.id, tagId: t.id })) });

    const repository = new PostsRepository(one.db);
    const expected = async (customerId?: string) =>
      JSON.stringify({ posts: (await repository.listCalendar(organization.id, new Date(WEEK.startDate), new Date(WEEK.endDate), customerId)).map(toPostListItem) });

    const all = await agent.get('/posts').query(WEEK).expect(200).expect('Content-Type', /application\/json/);
    expect(all.text).toBe(await expected());
    const body = all.body as { posts: { intervalInDays: number | null; tags: { tag: { name: string } }[]; settings: string }[] };
    expect(body.posts).toHaveLength(3);
    expect(JSON.parse(body.posts[2]!.settings)).toEqual(nested);
    expect(body.posts[0]!.intervalInDays).toBe(7);
    expect(body.posts[0]!.tags.map((t) => t.tag.name)).toEqual(['Alpha', 'Zeta']);
    expect(JSON.parse(body.posts[0]!.settings)).toEqual(settings);

    // Asked again: the same bytes, from the cache.
    expect((await agent.get('/posts').query(WEEK).expect(200)).text).toBe(all.text);

    const bakery = await agent.get('/posts').query({ ...WEEK, customer: customer.id }).expect(200);
    expect(bakery.text).toBe(await expected(customer.id));
    expect((bakery.body as { posts: unknown[] }).posts).toHaveLength(1);
    expect((await agent.get('/posts').query({ ...WEEK, customer: randomUUID() }).expect(200)).text).toBe('{"posts":[]}');
    expect((await agent.get('/posts').query({ ...WEEK, customer: 'not-a-uuid' }).expect(200)).text).toBe('{"posts":[]}');
    expect((await agent.get('/posts').query({ startDate: '2040-01-01T00:00:00Z', endDate: '2040-01-02T00:00:00Z' }).expect(200)).text).toBe('{"posts":[]}');
  });

  it('each post\'s own text ("calendarJson", generated) follows every kind of write, whoever makes it', async () => {
    const { agent, organization } = await signUp(one, 'calendar-writes');
    const x = await addChannel(one, organization.id, 'x');
    await agent.post('/posts').send({ type: 'schedule', date: '2033-05-03T09:15:00Z', posts: [entry(x, [{ content: 'through the API' }])] }).expect(201);
    // A bulk write (the CSV import's createMany), with settings only the general compaction handles.
    await one.db.post.createMany({
      data: [
        { organizationId: organization.id, integrationId: x.id, group: randomUUID(), publishDate: new Date('2033-05-04T10:00:00.123Z'), content: 'bulk "one"\n\ttab', settings: { list: [1, 2], q: 'say "hi", ok' }, creationMethod: 'API', intervalInDays: 3 },
        { organizationId: organization.id, integrationId: x.id, group: 'plain', publishDate: new Date('2033-05-04T10:00:00.123Z'), content: 'bulk two', state: 'DRAFT' },
      ],
    });
    const repository = new PostsRepository(one.db);
    const expected = async () => JSON.stringify({ posts: (await repository.listCalendar(organization.id, new Date(WEEK.startDate), new Date(WEEK.endDate))).map(toPostListItem) });
    const answer = async () => {
      await bumpCalendarVersion(one.redis, organization.id); // writes straight to the database announce themselves
      return (await agent.get('/posts').query(WEEK).expect(200)).text;
    };
    expect(await answer()).toBe(await expected());

    // Raw SQL as the publishing workers write it (state, release), a move, an edit of the text and the settings.
    const [first] = await one.db.post.findMany({ where: { organizationId: organization.id, content: 'through the API' } });
    await one.db.$executeRaw`UPDATE "Post" SET "state" = 'PUBLISHED', "releaseId" = '1"2', "releaseURL" = 'https://x.example/i/1?a=b&c=\u00e9' WHERE "id" = ${first!.id}::uuid`;
    await one.db.post.updateMany({ where: { organizationId: organization.id, group: 'plain' }, data: { publishDate: new Date('2033-05-06T23:59:59.999Z'), content: 'moved 🚀 \u0001', settings: { nested: { a: [] } } } });
    await one.db.post.update({ where: { id: first!.id }, data: { settings: { who_can_reply_post: 'following' }, intervalInDays: 7, creationMethod: 'CLI' } });
    // Tags on two posts, made out of name order: each post's listed by name.
    const names = ['mango', 'Apple', 'kiwi', 'Banana'];
    const tags = [];
    for (const name of names) tags.push(await one.db.tag.create({ data: { organizationId: organization.id, name, color: '#abcdef' } }));
    const plain = await one.db.post.findFirstOrThrow({ where: { organizationId: organization.id, group: 'plain' } });
    await one.db.postTag.createMany({ data: [...tags.map((t) => ({ postId: first!.id, tagId: t.id })), { postId: plain.id, tagId: tags[2]!.id }, { postId: plain.id, tagId: tags[1]!.id }] });
    const after = await answer();
    expect(after).toBe(await expected());
    const posts = (JSON.parse(after) as { posts: { content: string; state: string; releaseId: string | null; publishDate: string }[] }).posts;
    expect((JSON.parse(after) as { posts: { tags: { tag: { name: string } }[] }[] }).posts.map((p) => p.tags.map((t) => t.tag.name))).toEqual([
      [...names].sort((a, b) => a.localeCompare(b)),
      [],
      ['Apple', 'kiwi'],
    ]);
    expect(posts.map((p) => [p.content, p.state, p.releaseId, p.publishDate])).toEqual([
      ['through the API', 'PUBLISHED', '1"2', '2033-05-03T09:15:00.000Z'],
      ['bulk "one"\n\ttab', 'QUEUE', null, '2033-05-04T10:00:00.123Z'],
      ['moved 🚀 \u0001', 'DRAFT', null, '2033-05-06T23:59:59.999Z'],
    ]);
  });

  it('a write through another instance is seen at once; the ETag gives 304 only while nothing changed', async () => {
    const { agent, organization, cookie } = await signUpOn(one, 'calendar-stale');
    const x = await addChannel(one, organization.id, 'x');
    const onTwo = two.agent().set('Cookie', cookie);
    await agent.post('/posts').send({ type: 'schedule', date: '2033-05-05T08:00:00Z', posts: [entry(x, [{ content: 'first' }])] }).expect(201);

    const first = await agent.get('/posts').query(WEEK).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    await agent.get('/posts').query(WEEK).set('If-None-Match', etag).expect(304);
    expect((await onTwo.get('/posts').query(WEEK).set('If-None-Match', etag).expect(304)).text).toBe('');

    // Instance two writes (a new post); instance one answers with it, under a new ETag.
    await onTwo.post('/posts').send({ type: 'schedule', date: '2033-05-06T08:00:00Z', posts: [entry(x, [{ content: 'second' }])] }).expect(201);
    const afterCreate = await agent.get('/posts').query(WEEK).set('If-None-Match', etag).expect(200);
    expect((afterCreate.body as { posts: { content: string }[] }).posts.map((p) => p.content)).toEqual(['first', 'second']);
    expect(afterCreate.headers.etag).not.toBe(etag);

    // A tag renamed through instance two, a move, a deletion: each seen at once by instance one.
    const tag = (await onTwo.post('/tags').send({ name: 'Old', color: '#123456' }).expect(201)).body as { id: string };
    const target = (afterCreate.body as { posts: { id: string; group: string }[] }).posts[1]!;
    await one.db.postTag.create({ data: { postId: target.id, tagId: tag.id } });
    await bumpCalendarVersion(one.redis, organization.id); // a write straight to the database announces itself like the workers do
    await agent.get('/posts').query(WEEK).expect(200);
    await onTwo.put(`/tags/${tag.id}`).send({ name: 'New' }).expect(200);
    const renamed = (await agent.get('/posts').query(WEEK).expect(200)).body as { posts: { tags: { tag: { name: string } }[] }[] };
    expect(renamed.posts[1]!.tags.map((t) => t.tag.name)).toEqual(['New']);
    await onTwo.put(`/posts/${target.id}/date`).send({ date: '2033-05-07T12:00:00.000Z' }).expect(200);
    expect(((await agent.get('/posts').query(WEEK).expect(200)).body as { posts: { publishDate: string }[] }).posts[1]!.publishDate).toBe('2033-05-07T12:00:00.000Z');
    await onTwo.delete(`/posts/${target.group}`).expect(200);
    expect(((await agent.get('/posts').query(WEEK).expect(200)).body as { posts: { content: string }[] }).posts.map((p) => p.content)).toEqual(['first']);
  });

  it('never keeps an answer computed before a write that landed while it was computed', async () => {
    const cache = new CalendarCache(one.redis);
    const org = randomUUID();
    const before = await cache.lookup(org, 'range');
    expect(before.body).toBeUndefined();
    await bumpCalendarVersion(one.redis, org); // a write commits while the answer is being read
    await cache.store(org, 'range', before.version, '{"posts":["stale"]}');
    const after = await cache.lookup(org, 'range');
    expect(after.body).toBeUndefined();
    expect(after.etag).not.toBe(before.etag);
    // Stored under a version that moved on meanwhile: ignored too.
    await cache.store(org, 'range', before.version, '{"posts":["stale"]}');
    expect((await cache.lookup(org, 'range')).body).toBeUndefined();
    await cache.store(org, 'range', after.version, '{"posts":[]}');
    expect((await cache.lookup(org, 'range')).body).toBe('{"posts":[]}');
  });
});

/** A dashboard session on `backend`, with its cookie, so that another instance can be asked with the same one. */
async function signUpOn(backend: TestBackend, label: string) {
  const agent = backend.agent();
  const res = await agent.post('/auth/register').send({ email: uniqueEmail(label), password: 'correct horse battery', company: `${label} Inc` }).expect(201);
  const cookie = ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');
  return { agent, cookie, organization: (res.body as { organization: { id: string } }).organization };
}
