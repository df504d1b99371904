import request from 'supertest';
import { startTestBackend, type TestBackend } from './harness';
import { PNG_1PX } from './posts-fixtures';
import { api, FUTURE, publicOrg, xPost } from './public-api.fixtures';
import { PUBLIC_ROUTES } from '../src/public-api/openapi.document';

describe('public API: posts beyond create and list', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  async function scheduled(label: string, extra: Record<string, unknown> = {}) {
    const org = await publicOrg(backend, label);
    const client = api(backend, org.apiKey);
    const channel = org.channels[0]!;
    const [created] = (await client.post('/posts').send(xPost(channel.id, 'Launch day! 🚀', extra)).expect(201)).body as { postId: string }[];
    return { ...org, client, channel, postId: created!.postId };
  }

  it("accepts Postiz clients' bodies: no type, empty id and group, extra fields, a wrong __type", async () => {
    const org = await publicOrg(backend, 'quirks');
    const channel = org.channels[0]!.id;
    const res = await api(backend, org.apiKey)
      .post('/posts')
      .send({
        date: '2031-04-01T09:00:00',
        shortLink: true,
        tags: [{ value: 'launch', label: 'launch' }],
        creationMethod: 'CLI',
        order: 'x',
        somethingNew: 42,
        posts: [{ integration: { id: channel }, group: '', value: [{ content: 'hello', id: '', image: [] }], settings: { __type: 'wrapcast', who_can_reply_post: 'everyone' } }],
      })
      .expect(201);
    const [created] = res.body as { postId: string }[];
    const row = await backend.db.post.findUniqueOrThrow({ where: { id: created!.postId } });
    // No type reads as schedule; an offset-less date is UTC.
    expect(row).toMatchObject({ state: 'QUEUE', publishDate: new Date('2031-04-01T09:00:00.000Z'), settings: { __type: 'x', who_can_reply_post: 'everyone' } });
  });

  it('validates settings even for drafts (the type quirk), and answers "All posts must have an integration id"', async () => {
    const org = await publicOrg(backend, 'draft-settings');
    const client = api(backend, org.apiKey);
    const channel = org.channels[0]!.id;
    const draft = await client.post('/posts').send({ type: 'draft', date: FUTURE, posts: [{ integration: { id: channel }, value: [{ content: 'idea' }] }] }).expect(400);
    expect(draft.body.message).toEqual(['posts.0.settings.who_can_reply_post must be one of the following values: everyone, following, mentionedUsers, subscribers, verified']);
    const noId = await client.post('/posts').send({ type: 'draft', date: FUTURE, posts: [{ integration: {}, value: [{ content: 'idea' }] }] }).expect(400);
    expect(noId.body).toEqual({ message: 'All posts must have an integration id', error: 'Bad Request', statusCode: 400 });
    const noPosts = await client.post('/posts').send({ type: 'draft', date: FUTURE }).expect(400);
    expect(noPosts.body).toEqual({ message: 'All posts must have an integration id', error: 'Bad Request', statusCode: 400 });
  });

  it('edits a post in place when value[0].id names it', async () => {
    const { client, channel, postId } = await scheduled('edit-in-place');
    const body = xPost(channel.id, 'second version', { type: 'update' });
    (body.posts[0]!.value[0] as Record<string, unknown>).id = postId;
    const [again] = (await client.post('/posts').send(body).expect(201)).body as { postId: string }[];
    expect(again!.postId).toBe(postId);
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: postId } })).toMatchObject({ content: 'second version', state: 'QUEUE', deletedAt: null });
  });

  it('stores content as sanitized HTML (§3.2.5): scripts, handlers and javascript: links go, a plain & becomes &amp;', async () => {
    const { client, channel } = await scheduled('sanitize');
    const content = '<p onclick="steal()">Tom & Jerry <a href="javascript:alert(1)">x</a><script>alert(1)</script> <a href="https://herald.example">ok</a></p>';
    const [created] = (await client.post('/posts').send(xPost(channel.id, content)).expect(201)).body as { postId: string }[];
    const expected = '<p>Tom &amp; Jerry <a>x</a> <a href="https://herald.example">ok</a></p>';
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: created!.postId } })).toMatchObject({ content: expected });
    expect((await client.get(`/posts/${created!.postId}`).expect(200)).body).toMatchObject({ content: expected });
  });

  it('GET /posts/:id shows the post with its state, error and release', async () => {
    const { client, channel, postId } = await scheduled('get-one');
    await backend.db.post.update({ where: { id: postId }, data: { state: 'ERROR', error: 'X refused the post: duplicate content' } });
    const res = await client.get(`/posts/${postId}`).expect(200);
    expect(res.body).toMatchObject({
      id: postId,
      state: 'ERROR',
      publicState: 'ERROR',
      error: 'X refused the post: duplicate content',
      releaseURL: null,
      releaseId: null,
      publishDate: FUTURE,
      content: 'Launch day! 🚀',
      parentPostId: null,
      integration: { id: channel.id, providerIdentifier: 'x', name: 'Acme x', picture: null },
    });
    expect(res.body.thread).toHaveLength(1);
  });

  it('PUT /posts/:id edits the content and moves the date of a scheduled post', async () => {
    const { client, postId } = await scheduled('edit');
    const res = await client.put(`/posts/${postId}`).send({ content: 'Launch moved', date: '2031-06-01T08:00:00.000Z' }).expect(200);
    expect(res.body).toMatchObject({ id: postId, content: 'Launch moved', publishDate: '2031-06-01T08:00:00.000Z', state: 'QUEUE' });
    expect((await client.put(`/posts/${postId}`).send({ content: 'a'.repeat(400) }).expect(400)).body).toEqual({
      message: expect.stringMatching(/^Acme x: /),
      error: 'Bad Request',
      statusCode: 400,
    });
    expect((await client.put(`/posts/${postId}`).send({}).expect(400)).body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    await backend.db.post.update({ where: { id: postId }, data: { state: 'PUBLISHED' } });
    expect((await client.put(`/posts/${postId}`).send({ content: 'too late' }).expect(400)).body.message).toBe('Only scheduled posts that were not published yet (or drafts) can be updated');
  });

  it('PUT /posts/:id/status moves a post between draft and scheduled', async () => {
    const { client, postId } = await scheduled('status');
    expect((await client.put(`/posts/${postId}/status`).send({ status: 'draft' }).expect(200)).body).toEqual({ id: postId, state: 'DRAFT' });
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: postId } })).toMatchObject({ state: 'DRAFT' });
    expect((await client.put(`/posts/${postId}/status`).send({ status: 'schedule' }).expect(200)).body).toEqual({ id: postId, state: 'QUEUE' });
    expect((await client.put(`/posts/${postId}/status`).send({ status: 'publish' }).expect(400)).body).toEqual({
      message: ['status must be one of the following values: draft, schedule'],
      error: 'Bad Request',
      statusCode: 400,
    });
  });

  it('PUT /posts/:id/settings merges settings and answers the date without a zone', async () => {
    const { client, postId } = await scheduled('settings');
    const res = await client.put(`/posts/${postId}/settings`).send({ settings: { who_can_reply_post: 'following', made_with_ai: true } }).expect(200);
    expect(res.body).toEqual({ postId, publishDate: '2031-03-10T14:30:00' });
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: postId } })).settings).toEqual({ __type: 'x', who_can_reply_post: 'following', made_with_ai: true });
    expect((await client.put(`/posts/${postId}/settings`).send({ settings: { who_can_reply_post: 'nobody' } }).expect(400)).body.message).toMatch(/^Acme x: /);
    expect((await client.put(`/posts/${postId}/settings`).send({}).expect(400)).body.message).toContain('settings should not be null or undefined');
  });

  it('refuses to edit a comment or a post whose time has passed', async () => {
    const org = await publicOrg(backend, 'edit-guards');
    const client = api(backend, org.apiKey);
    const body = xPost(org.channels[0]!.id);
    body.posts[0]!.value.push({ content: 'a reply', image: [] });
    const [created] = (await client.post('/posts').send(body).expect(201)).body as { postId: string }[];
    const reply = await backend.db.post.findFirstOrThrow({ where: { parentPostId: created!.postId } });
    expect((await client.put(`/posts/${reply.id}/settings`).send({ settings: {} }).expect(400)).body.message).toBe('This id belongs to a comment, pass the id of the main post');
    await backend.db.post.update({ where: { id: created!.postId }, data: { publishDate: new Date('2020-01-01T00:00:00Z') } });
    expect((await client.put(`/posts/${created!.postId}/settings`).send({ settings: {} }).expect(400)).body.message).toBe(
      'The publish time of this post already passed, it cannot be updated',
    );
  });

  it('post analytics say {missing: true} only for a post published without an id', async () => {
    const { client, postId } = await scheduled('analytics');
    expect((await client.get(`/analytics/post/${postId}?date=7`).expect(200)).body).toEqual([]);
    await backend.db.post.update({ where: { id: postId }, data: { state: 'PUBLISHED', releaseId: 'missing' } });
    expect((await client.get(`/analytics/post/${postId}?date=7`).expect(200)).body).toEqual({ missing: true });
  });

  it('serves channel and post analytics from the snapshots in the §4.4 shape, over `date` days', async () => {
    const { client, channel, postId } = await scheduled('analytics-shape');
    await backend.db.post.update({ where: { id: postId }, data: { state: 'PUBLISHED', releaseId: '1850000000000000001', publishedAt: new Date() } });
    const day = (ago: number) => new Date(Date.now() - ago * 24 * 3600_000);
    const iso = (ago: number) => day(ago).toISOString().slice(0, 10);
    const rows = [
      { objectId: channel.id, postId: null, metric: 'followers_count', values: [200, 210, 250] },
      { objectId: postId, postId, metric: 'impression_count', values: [100, 300, 400] },
    ].flatMap((r) => r.values.map((value, i) => ({ objectId: r.objectId, postId: r.postId, integrationId: channel.id, metric: r.metric, value, day: new Date(`${iso(10 - i * 5)}T00:00:00Z`), collectedAt: new Date() })));
    await backend.db.analyticsSnapshot.createMany({ data: rows });

    const month = (await client.get(`/analytics/${channel.id}?date=30`).expect(200)).body as unknown;
    expect(month).toEqual([{ label: 'Followers', data: [{ total: '200', date: iso(10) }, { total: '210', date: iso(5) }, { total: '250', date: iso(0) }], percentageChange: 25 }]);
    // Seven days hold the last two.
    const week = (await client.get(`/analytics/${channel.id}?date=7`).expect(200)).body as unknown;
    expect(week).toEqual([{ label: 'Followers', data: [{ total: '210', date: iso(5) }, { total: '250', date: iso(0) }], percentageChange: 19.05 }]);
    const post = (await client.get(`/analytics/post/${postId}?date=30`).expect(200)).body as unknown;
    expect(post).toEqual([{ label: 'Impressions', data: [{ total: '100', date: iso(10) }, { total: '300', date: iso(5) }, { total: '400', date: iso(0) }], percentageChange: 300 }]);
    // No `date` (NaN upstream): seven days.
    expect((await client.get(`/analytics/post/${postId}`).expect(200)).body).toHaveLength(1);
  });

  it("the dashboard's analytics routes: a channel's series and top posts, a post's latest figures, 404 elsewhere", async () => {
    const { agent, channel, postId } = await scheduled('analytics-dashboard');
    await backend.db.post.update({ where: { id: postId }, data: { state: 'PUBLISHED', releaseId: '1850000000000000002', publishedAt: new Date() } });
    const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    await backend.db.analyticsSnapshot.createMany({
      data: [
        { objectId: channel.id, postId: null, integrationId: channel.id, metric: 'followers_count', value: 42, day: today, collectedAt: new Date() },
        { objectId: postId, postId, integrationId: channel.id, metric: 'impression_count', value: 900, day: today, collectedAt: new Date() },
        { objectId: postId, postId, integrationId: channel.id, metric: 'like_count', value: 12, day: today, collectedAt: new Date() },
      ],
    });
    const overview = (await agent.get(`/analytics/channels/${channel.id}?days=30`).expect(200)).body as Record<string, unknown>;
    expect(overview).toMatchObject({
      days: 30,
      rankedBy: 'impression_count',
      metrics: [{ metric: 'followers_count', label: 'Followers', latest: 42, change: 0, points: [{ date: today.toISOString().slice(0, 10), value: 42 }] }],
      topPosts: [{ id: postId, metrics: { impression_count: 900, like_count: 12 } }],
    });
    expect((await agent.get(`/analytics/channels/${channel.id}?days=12`).expect(400)).body).toMatchObject({ code: 'validation_failed' });
    expect((await agent.get(`/analytics/posts/${postId}`).expect(200)).body).toMatchObject({ metrics: [{ metric: 'impression_count', label: 'Impressions', value: 900 }, { metric: 'like_count', label: 'Likes', value: 12 }] });
    const other = await publicOrg(backend, 'analytics-other');
    await other.agent.get(`/analytics/channels/${channel.id}`).expect(404);
    await other.agent.get(`/analytics/posts/${postId}`).expect(404);
    await agent.get('/analytics/posts/not-a-uuid').expect(404);
  });
});

describe('public API: channels, media, notifications and the description', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('GET /integration-settings/:id describes what the channel accepts', async () => {
    const org = await publicOrg(backend, 'settings', ['x', 'instagram']);
    const client = api(backend, org.apiKey);
    const x = (await client.get(`/integration-settings/${org.channels[0]!.id}`).expect(200)).body;
    expect(Object.keys(x.output).sort()).toEqual(['maxLength', 'rules', 'settings', 'tools']);
    expect(x.output).toMatchObject({ maxLength: 280, tools: [], settings: { type: 'object', required: ['who_can_reply_post'] } });
    const ig = (await client.get(`/integration-settings/${org.channels[1]!.id}`).expect(200)).body;
    expect(ig.output).toMatchObject({ maxLength: 2200, settings: { required: ['post_type'] } });
    expect((await client.post(`/integration-trigger/${org.channels[0]!.id}`).send({ methodName: 'boards' }).expect(404)).body).toEqual({ msg: 'Tool not found' });
  });

  it('GET /find-slot/:id answers the next free default time without a zone, skipping taken ones', async () => {
    const org = await publicOrg(backend, 'slot');
    const client = api(backend, org.apiKey);
    const first = (await client.get(`/find-slot/${org.channels[0]!.id}`).expect(200)).body as { date: string };
    expect(first.date).toMatch(/^\d{4}-\d{2}-\d{2}T(02:00|06:40|11:40):00$/);
    await client.post('/posts').send({ ...xPost(org.channels[0]!.id), date: `${first.date}Z` }).expect(201);
    const second = (await client.get(`/find-slot/${org.channels[0]!.id}`).expect(200)).body as { date: string };
    expect(second.date).not.toBe(first.date);
    await backend.db.integration.update({ where: { id: org.channels[0]!.id }, data: { disabled: true } });
    expect((await client.get(`/find-slot/${org.channels[0]!.id}`).expect(404)).body).toEqual({ msg: 'Integration not found' });
  });

  it('DELETE /integrations/:id deletes the channel and answers it without tokens', async () => {
    const org = await publicOrg(backend, 'del-channel');
    const client = api(backend, org.apiKey);
    const channel = org.channels[0]!;
    const [created] = (await client.post('/posts').send(xPost(channel.id)).expect(201)).body as { postId: string }[];
    const res = await client.delete(`/integrations/${channel.id}`).expect(200);
    expect(res.body).toMatchObject({ id: channel.id, name: 'Acme x', identifier: 'x', deletedAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(channel.token);
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: created!.postId } })).toMatchObject({ state: 'CANCELLED' });
    expect((await client.get('/integrations').expect(200)).body).toEqual([]);
    await client.delete(`/integrations/${channel.id}`).expect(404);
  });

  it('GET /social/:integration refuses unknown providers and names a missing configuration', async () => {
    const org = await publicOrg(backend, 'social');
    const client = api(backend, org.apiKey);
    expect((await client.get('/social/linkedin').expect(400)).body).toEqual({ msg: 'Integration not allowed' });
    const notConfigured = await client.get('/social/x').expect(400);
    expect(Object.keys(notConfigured.body)).toEqual(['msg']);
  });

  it('GET /media lists the library newest first with search; GET /notifications pages the feed', async () => {
    const org = await publicOrg(backend, 'media', []);
    const client = api(backend, org.apiKey);
    await client.post('/upload').attach('file', PNG_1PX, 'holiday.png').expect(201);
    await client.post('/upload').attach('file', PNG_1PX, 'launch.png').expect(201);
    const all = (await client.get('/media').expect(200)).body;
    expect(all.pages).toBe(1);
    expect(all.results.map((m: { originalName: string }) => m.originalName)).toEqual(['launch.png', 'holiday.png']);
    expect(Object.keys(all.results[0]).sort()).toEqual(['alt', 'createdAt', 'fileSize', 'id', 'name', 'originalName', 'path', 'thumbnail', 'thumbnailTimestamp', 'type']);
    expect(all.results[0]).toMatchObject({ type: 'image', fileSize: PNG_1PX.length, thumbnail: null, alt: null });
    expect((await client.get('/media?search=HOLI&page=1').expect(200)).body.results).toHaveLength(1);

    await backend.db.notification.create({ data: { organizationId: org.orgId, type: 'post.failed', message: 'A post to x failed' } });
    const page = (await client.get('/notifications').expect(200)).body;
    expect(page).toEqual({ notifications: [{ id: expect.any(String), content: 'A post to x failed', link: null, createdAt: expect.any(String) }], total: 1, page: 0, limit: 100, hasMore: false });
    expect((await client.get('/notifications?page=-1').expect(400)).body).toEqual({ message: ['page must not be less than 0'], error: 'Bad Request', statusCode: 400 });
    expect((await client.get('/notifications?page=abc').expect(400)).body.message).toEqual(['page must be a number conforming to the specified constraints']);
  });

  it('publishes an OpenAPI 3.1 document listing every route, and a self-contained docs page', async () => {
    const doc = (await request(backend.server).get('/public/v1/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(PUBLIC_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    // Every route Nest serves under /public/v1 is in the document (the fallback aside).
    const served = (backend.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack
      .filter((layer) => layer.route?.path.startsWith('/public/v1/') && !layer.route.path.includes('*'))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.slice('/public/v1'.length).replace(/:(\w+)/g, '{$1}')}`));
    expect([...new Set(served)].sort()).toEqual(operations.sort());
    const postsOps: { responses: Record<string, unknown> }[] = Object.values(doc.paths['/posts']);
    for (const op of postsOps) expect(op.responses['401']).toBeDefined();
    for (const match of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)) expect(doc.components.schemas[match[1]!]).toBeDefined();

    const page = await request(backend.server).get('/public/v1/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).not.toMatch(/<script[^>]+src=/);
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    expect(page.text).toContain('"openapi":"3.1.0"');
  });
});
