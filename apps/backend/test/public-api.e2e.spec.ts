import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestBackend, type TestBackend } from './harness';
import { PNG_1PX } from './posts-fixtures';
import { api, publicOrg, xPost } from './public-api.fixtures';

type Org = Awaited<ReturnType<typeof publicOrg>>;
interface Context {
  org: Org;
  channel: string;
  postId: string;
  group: string;
}
type Call = (client: ReturnType<typeof api>, ctx: Context) => request.Test;

const WEEK = `startDate=2031-03-09T00:00:00.000Z&endDate=2031-03-16T00:00:00.000Z`;

/** Every public route, called as a client would, and the status a valid key gets. */
const ROUTES: [string, Call, number][] = [
  ['GET /is-connected', (c) => c.get('/is-connected'), 200],
  ['GET /integrations', (c) => c.get('/integrations'), 200],
  ['GET /groups', (c) => c.get('/groups'), 200],
  ['GET /integration-settings/:id', (c, x) => c.get(`/integration-settings/${x.channel}`), 200],
  ['POST /integration-trigger/:id', (c, x) => c.post(`/integration-trigger/${x.channel}`).send({ methodName: 'boards', data: {} }), 404],
  ['GET /find-slot/:id', (c, x) => c.get(`/find-slot/${x.channel}`), 200],
  ['GET /social/:integration', (c) => c.get('/social/x'), 400],
  ['GET /posts', (c) => c.get(`/posts?${WEEK}`), 200],
  ['POST /posts', (c, x) => c.post('/posts').send(xPost(x.channel)), 201],
  ['GET /posts/:id', (c, x) => c.get(`/posts/${x.postId}`), 200],
  ['PUT /posts/:id', (c, x) => c.put(`/posts/${x.postId}`).send({ content: 'edited' }), 200],
  ['DELETE /posts/:id', (c, x) => c.delete(`/posts/${x.postId}`), 200],
  ['DELETE /posts/group/:group', (c, x) => c.delete(`/posts/group/${x.group}`), 200],
  ['PUT /posts/:id/status', (c, x) => c.put(`/posts/${x.postId}/status`).send({ status: 'draft' }), 200],
  ['PUT /posts/:id/settings', (c, x) => c.put(`/posts/${x.postId}/settings`).send({ settings: { who_can_reply_post: 'following' } }), 200],
  ['PUT /posts/:id/release-id', (c, x) => c.put(`/posts/${x.postId}/release-id`).send({ releaseId: '1' }), 400],
  ['GET /posts/:id/missing', (c, x) => c.get(`/posts/${x.postId}/missing`), 200],
  ['POST /upload', (c) => c.post('/upload').attach('file', PNG_1PX, 'png'), 201],
  ['POST /upload-from-url', (c) => c.post('/upload-from-url').send({ url: 'https://127.0.0.1/launch.png' }), 400],
  ['GET /media', (c) => c.get('/media'), 200],
  ['GET /analytics/:integration', (c, x) => c.get(`/analytics/${x.channel}?date=7`), 200],
  ['GET /analytics/post/:postId', (c, x) => c.get(`/analytics/post/${x.postId}?date=7`), 200],
  ['GET /notifications', (c) => c.get('/notifications'), 200],
  ['DELETE /integrations/:id', (c, x) => c.delete(`/integrations/${x.channel}`), 200],
];

describe('public API: authentication on every route', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  async function context(label: string): Promise<Context> {
    const org = await publicOrg(backend, label);
    const channel = org.channels[0]!.id;
    const [created] = (await api(backend, org.apiKey).post('/posts').send(xPost(channel)).expect(201)).body as { postId: string }[];
    const post = await backend.db.post.findUniqueOrThrow({ where: { id: created!.postId } });
    return { org, channel, postId: post.id, group: post.group };
  }

  it.each(ROUTES)('%s: a valid key is let in, a missing or wrong key gets 401 {msg}', async (_name, call, status) => {
    const ctx = await context('auth');
    const valid = await call(api(backend, ctx.org.apiKey), ctx);
    expect(valid.status).toBe(status);
    expect(valid.headers['content-type']).toMatch(/^application\/json/);

    const missing = await call(api(backend, undefined), ctx).expect(401);
    expect(missing.body).toEqual({ msg: 'No API Key found' });
    const empty = await call(api(backend, ''), ctx).expect(401);
    expect(empty.body).toEqual({ msg: 'No API Key found' });
    const wrong = await call(api(backend, `${ctx.org.apiKey}x`), ctx).expect(401);
    expect(wrong.body).toEqual({ msg: 'Invalid API key' });
    const oauth = await call(api(backend, `pos_${'a'.repeat(40)}`), ctx).expect(401);
    expect(oauth.body).toEqual({ msg: 'Invalid OAuth token' });
  });

  it('accepts `Bearer <key>` as well as the raw key', async () => {
    const { apiKey } = await publicOrg(backend, 'bearer');
    await api(backend, `Bearer ${apiKey}`).get('/integrations').expect(200);
    await api(backend, `bearer ${apiKey}`).get('/integrations').expect(200);
  });

  it('also answers under /api/public/v1, as behind the Postiz proxy', async () => {
    const { apiKey } = await publicOrg(backend, 'api-prefix');
    const res = await request(backend.server).get('/api/public/v1/is-connected').set('Authorization', apiKey).expect(200);
    expect(res.body).toEqual({ connected: true });
  });

  it('answers unknown routes with Nest\'s 404 body, without asking for a key', async () => {
    const res = await request(backend.server).get('/public/v1/xyz').expect(404);
    expect(res.body).toEqual({ message: 'Cannot GET /public/v1/xyz', error: 'Not Found', statusCode: 404 });
    const video = await request(backend.server).post('/public/v1/generate-video').send({}).expect(404);
    expect(video.body).toEqual({ message: 'Cannot POST /public/v1/generate-video', error: 'Not Found', statusCode: 404 });
  });

  it('never leaks a session route: the dashboard cookie does not open the public API', async () => {
    const org = await publicOrg(backend, 'cookie');
    const res = await org.agent.get('/public/v1/integrations').expect(401);
    expect(res.body).toEqual({ msg: 'No API Key found' });
  });
});

describe('public API: one organization never sees another', () => {
  let backend: TestBackend;
  let a: Org;
  let b: Org;
  let aPost: string;
  let aGroup: string;

  beforeAll(async () => {
    backend = await startTestBackend();
    a = await publicOrg(backend, 'iso-a');
    b = await publicOrg(backend, 'iso-b');
    const [created] = (await api(backend, a.apiKey).post('/posts').send(xPost(a.channels[0]!.id)).expect(201)).body as { postId: string }[];
    aPost = created!.postId;
    aGroup = (await backend.db.post.findUniqueOrThrow({ where: { id: aPost } })).group;
  });
  afterAll(async () => {
    await backend.close();
  });

  const aChannel = () => a.channels[0]!.id;
  const asB = () => api(backend, b.apiKey);

  it.each<[string, (c: ReturnType<typeof api>) => request.Test, number, unknown]>([
    ['GET /integration-settings/:id', (c) => c.get(`/integration-settings/${aChannel()}`), 404, { msg: 'Integration not found' }],
    ['POST /integration-trigger/:id', (c) => c.post(`/integration-trigger/${aChannel()}`).send({ methodName: 'x' }), 404, { msg: 'Integration not found' }],
    ['GET /find-slot/:id', (c) => c.get(`/find-slot/${aChannel()}`), 404, { msg: 'Integration not found' }],
    ['GET /analytics/:integration', (c) => c.get(`/analytics/${aChannel()}`), 404, { msg: 'Integration not found' }],
    ['DELETE /integrations/:id', (c) => c.delete(`/integrations/${aChannel()}`), 404, { msg: 'Integration not found' }],
    ['GET /posts/:id', (c) => c.get(`/posts/${aPost}`), 404, { message: 'Post not found', error: 'Not Found', statusCode: 404 }],
    ['PUT /posts/:id', (c) => c.put(`/posts/${aPost}`).send({ content: 'hijack' }), 404, { message: 'Post not found', error: 'Not Found', statusCode: 404 }],
    ['DELETE /posts/:id', (c) => c.delete(`/posts/${aPost}`), 404, { message: 'Post not found', error: 'Not Found', statusCode: 404 }],
    ['PUT /posts/:id/status', (c) => c.put(`/posts/${aPost}/status`).send({ status: 'draft' }), 400, { message: 'Post not found', error: 'Bad Request', statusCode: 400 }],
    ['PUT /posts/:id/settings', (c) => c.put(`/posts/${aPost}/settings`).send({ settings: {} }), 404, { message: 'Post not found', error: 'Not Found', statusCode: 404 }],
    ['PUT /posts/:id/release-id', (c) => c.put(`/posts/${aPost}/release-id`).send({ releaseId: '1' }), 404, { message: 'Post not found', error: 'Not Found', statusCode: 404 }],
    ['GET /posts/:id/missing', (c) => c.get(`/posts/${aPost}/missing`), 200, []],
    ['GET /analytics/post/:postId', (c) => c.get(`/analytics/post/${aPost}`), 200, []],
    ['DELETE /posts/group/:group', (c) => c.delete(`/posts/group/${aGroup}`), 200, { error: true }],
    [
      'POST /posts with their channel',
      (c) => c.post('/posts').send(xPost(aChannel())),
      400,
      'channel-not-found',
    ],
  ])("%s with another organization's id gets the not-found answer and changes nothing", async (_name, call, status, body) => {
    const res = await call(asB());
    expect(res.status).toBe(status);
    const expected = body === 'channel-not-found' ? { message: `Integration with id ${aChannel()} not found`, error: 'Bad Request', statusCode: 400 } : body;
    expect(res.body).toEqual(expected);
    const post = await backend.db.post.findUniqueOrThrow({ where: { id: aPost } });
    expect(post).toMatchObject({ deletedAt: null, state: 'QUEUE', content: 'Launch day! 🚀' });
    expect(await backend.db.integration.findUniqueOrThrow({ where: { id: aChannel() } })).toMatchObject({ deletedAt: null });
  });

  it("lists only the key's own channels, posts and media", async () => {
    await api(backend, a.apiKey).post('/upload').attach('file', PNG_1PX, 'a.png').expect(201);
    const channels = (await asB().get('/integrations').expect(200)).body as { id: string }[];
    expect(channels.map((c) => c.id)).toEqual([b.channels[0]!.id]);
    const posts = (await asB().get(`/posts?startDate=2031-03-01T00:00:00Z&endDate=2031-03-31T00:00:00Z`).expect(200)).body as { posts: unknown[] };
    expect(posts.posts).toEqual([]);
    expect((await asB().get('/media').expect(200)).body).toEqual({ pages: 0, results: [] });
  });

  it('treats ids that are not ids as unknown, never as a server error', async () => {
    expect((await asB().get('/posts/not-a-uuid').expect(404)).body).toEqual({ message: 'Post not found', error: 'Not Found', statusCode: 404 });
    expect((await asB().get(`/find-slot/${randomUUID()}`).expect(404)).body).toEqual({ msg: 'Integration not found' });
    expect((await asB().get('/integration-settings/cm4ean69r0003w8w1cdomox9n').expect(404)).body).toEqual({ msg: 'Integration not found' });
  });
});
