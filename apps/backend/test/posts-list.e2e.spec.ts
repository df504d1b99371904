import { calendarQuery, Prisma } from '@herald/database';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, entry, uploadImage } from './posts-fixtures';

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

/** Every node of an EXPLAIN (FORMAT JSON) answer. */
function planNodes(value: unknown): PlanNode[] {
  if (Array.isArray(value)) return value.flatMap(planNodes);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = 'Node Type' in record ? [record as PlanNode] : [];
  return [...own, ...Object.values(record).flatMap(planNodes)];
}

const WEEK = { startDate: '2032-03-08T00:00:00.000Z', endDate: '2032-03-14T23:59:59.999Z' };

describe('GET /posts (the calendar)', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('lists the root posts of the week in the public API shape, and nothing else', async () => {
    const { agent, organization } = await signUp(backend, 'list');
    const other = await signUp(backend, 'list-other');
    const x = await addChannel(backend, organization.id, 'x', { name: 'Acme' });
    const ig = await addChannel(backend, organization.id, 'instagram');
    const gone = await addChannel(backend, organization.id, 'facebook');
    const theirs = await addChannel(backend, other.organization.id, 'x');
    const post = (a: typeof agent, body: object) => a.post('/posts').send(body).expect(201);

    const inWeek = await post(agent, { type: 'schedule', date: '2032-03-10T14:30:00+01:00', posts: [entry(x, [{ content: 'Launch & more' }, { content: 'reply' }]), entry(ig, [{ content: 'pic', image: [await uploadImage(backend, organization.id)] }])] });
    await post(agent, { type: 'draft', date: '2032-03-14T23:00:00Z', posts: [entry(x, [{ content: 'draft in week' }])] });
    await post(agent, { type: 'schedule', date: '2032-03-15T00:00:00Z', posts: [entry(x, [{ content: 'next week' }])] });
    await post(agent, { type: 'schedule', date: '2032-03-07T23:59:59Z', posts: [entry(x, [{ content: 'last week' }])] });
    const deleted = await post(agent, { type: 'schedule', date: '2032-03-09T10:00:00Z', posts: [entry(x, [{ content: 'deleted' }])] });
    await agent.delete(`/posts/${(deleted.body as { group: string }[])[0]!.group}`).expect(200);
    await post(agent, { type: 'schedule', date: '2032-03-09T10:00:00Z', posts: [entry(gone, [{ content: 'channel deleted later' }])] });
    await backend.db.integration.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    await post(other.agent, { type: 'schedule', date: '2032-03-10T10:00:00Z', posts: [entry(theirs, [{ content: 'other org' }])] });

    const res = await agent.get('/posts').query(WEEK).expect(200);
    const posts = res.body.posts as { content: string }[];
    // Stored content is sanitized HTML (docs/public-api.md §3.2.5): a plain `&` comes back as an entity.
    expect(posts.map((p) => p.content).sort()).toEqual(['Launch &amp; more', 'draft in week', 'pic']);
    const { postId, group } = (inWeek.body as { postId: string; group: string }[])[0]!;
    expect(posts.find((p) => p.content === 'Launch &amp; more')).toEqual({
      id: postId,
      content: 'Launch &amp; more',
      publishDate: '2032-03-10T13:30:00.000Z',
      releaseURL: null,
      releaseId: null,
      state: 'QUEUE',
      intervalInDays: null,
      group,
      creationMethod: 'WEB',
      settings: JSON.stringify({ __type: 'x', who_can_reply_post: 'everyone' }),
      tags: [],
      integration: { id: x.id, providerIdentifier: 'x', name: 'Acme', picture: null },
    });
    expect(JSON.parse((posts.find((p) => p.content === 'pic') as unknown as { settings: string }).settings)).toEqual({ __type: 'instagram', post_type: 'post' });

    // The other organization sees only its own post.
    const theirsRes = await other.agent.get('/posts').query(WEEK).expect(200);
    expect((theirsRes.body.posts as { content: string }[]).map((p) => p.content)).toEqual(['other org']);
  });

  it.each([
    ['no dates', {}],
    ['no endDate', { startDate: WEEK.startDate }],
    ['a date it cannot read', { startDate: 'monday', endDate: WEEK.endDate }],
    ['an end before the start', { startDate: WEEK.endDate, endDate: WEEK.startDate }],
    ['more than a year', { startDate: '2030-01-01T00:00:00Z', endDate: '2032-01-01T00:00:00Z' }],
  ])('refuses %s', async (_name, query) => {
    const { agent } = await signUp(backend, 'list-bad');
    const res = await agent.get('/posts').query(query).expect(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('answers a week of ~1,100 posts out of 100,000 with one query on the (organizationId, publishDate) index', async () => {
    const { agent, organization } = await signUp(backend, 'list-big');
    const x = await addChannel(backend, organization.id, 'x');
    const start = new Date(WEEK.startDate);
    try {
      // 98,900 posts spread over two years around the week, and 1,100 inside it (plus one reply each, not listed).
      await backend.db.$executeRaw(Prisma.sql`
        INSERT INTO "Post" ("id", "organizationId", "integrationId", "group", "state", "publishDate", "content", "updatedAt")
        SELECT gen_random_uuid(), ${organization.id}::uuid, ${x.id}::uuid, gen_random_uuid()::text, 'QUEUE',
               CASE WHEN i % 2 = 0 THEN ${start}::timestamptz - (i * INTERVAL '5 minutes') ELSE ${start}::timestamptz + INTERVAL '8 days' + (i * INTERVAL '5 minutes') END,
               'bulk', now()
          FROM generate_series(1, 98900) AS i`);
      await backend.db.$executeRaw(Prisma.sql`
        WITH roots AS (
          INSERT INTO "Post" ("id", "organizationId", "integrationId", "group", "state", "publishDate", "content", "updatedAt")
          SELECT gen_random_uuid(), ${organization.id}::uuid, ${x.id}::uuid, gen_random_uuid()::text, 'QUEUE',
                 ${start}::timestamptz + (i * INTERVAL '9 minutes'), 'in week', now()
            FROM generate_series(0, 1099) AS i
          RETURNING "id", "group", "publishDate")
        INSERT INTO "Post" ("id", "organizationId", "integrationId", "group", "parentPostId", "state", "publishDate", "content", "updatedAt")
        SELECT gen_random_uuid(), ${organization.id}::uuid, ${x.id}::uuid, r."group", r."id", 'QUEUE', r."publishDate", 'reply', now() FROM roots r`);
      await backend.db.$executeRawUnsafe('ANALYZE "Post"');

      const res = await agent.get('/posts').query(WEEK).expect(200);
      expect(res.body.posts).toHaveLength(1100);
      expect((res.body.posts as { content: string }[]).every((p) => p.content === 'in week')).toBe(true);

      const plan = await backend.db.$queryRaw<{ 'QUERY PLAN': unknown }[]>(
        Prisma.sql`EXPLAIN (FORMAT JSON) ${calendarQuery(organization.id, start, new Date(WEEK.endDate))}`,
      );
      const nodes = planNodes(plan);
      expect(nodes.some((n) => n['Index Name'] === 'Post_organizationId_publishDate_idx')).toBe(true);
      // Every read of Post goes through that index: directly, or as the heap side of a bitmap scan over it
      // (which the planner picks or not depending on statistics). Never a sequential scan or another index.
      const onIndex = (n: PlanNode) => n['Index Name'] === 'Post_organizationId_publishDate_idx';
      const viaBitmapOnIndex = (n: PlanNode) => n['Node Type'] === 'Bitmap Heap Scan' && planNodes(n.Plans).some(onIndex);
      expect(nodes.filter((n) => n['Relation Name'] === 'Post' && !onIndex(n) && !viaBitmapOnIndex(n))).toEqual([]);
    } finally {
      await backend.db.post.deleteMany({ where: { organizationId: organization.id } });
    }
  });
});
