import request from 'supertest';
import { startTestBackend, type TestBackend } from './harness';
import { addChannel, PNG_1PX } from './posts-fixtures';
import { api, publicOrg } from './public-api.fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = '2031-03-10T14:30:00.000Z';

/** One test per example of docs/public-api.md §7, field by field. */
describe('public API: the examples of docs/public-api.md §7', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  async function acme(label: string) {
    const org = await publicOrg(backend, label, []);
    const x = await addChannel(backend, org.orgId, 'x', { name: 'Acme' });
    await backend.db.integration.update({ where: { id: x.id }, data: { picture: 'https://uploads.example.com/avatars/acme-x.png', profile: 'acme' } });
    const fb = await addChannel(backend, org.orgId, 'facebook', { name: 'Acme Inc' });
    await backend.db.integration.update({ where: { id: fb.id }, data: { picture: 'https://uploads.example.com/avatars/acme-fb.png', profile: 'acme-inc' } });
    return { ...org, x, fb, client: api(backend, org.apiKey) };
  }

  async function upload(client: ReturnType<typeof api>) {
    const res = await client.post('/upload').attach('file', PNG_1PX, { filename: 'launch.png', contentType: 'image/png' }).expect(201);
    return res.body as { id: string; path: string };
  }

  function launchBody(x: string, fb: string, image: { id: string; path: string }) {
    return {
      type: 'schedule',
      date: DATE,
      shortLink: false,
      tags: [],
      posts: [
        { integration: { id: x }, value: [{ content: 'Launch day! 🚀', image: [image] }], settings: { __type: 'x', who_can_reply_post: 'everyone' } },
        { integration: { id: fb }, value: [{ content: 'Launch day! 🚀', image: [image] }], settings: { __type: 'linkedin-page' } },
      ],
    };
  }

  it('7.1 lists the integrations with exactly their public fields', async () => {
    const { client, x, fb } = await acme('ex71');
    const res = await client.get('/integrations').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
    expect(res.body).toEqual([
      { id: x.id, name: 'Acme', identifier: 'x', picture: 'https://uploads.example.com/avatars/acme-x.png', disabled: false, profile: 'acme' },
      { id: fb.id, name: 'Acme Inc', identifier: 'facebook', picture: 'https://uploads.example.com/avatars/acme-fb.png', disabled: false, profile: 'acme-inc' },
    ]);
  });

  it('7.2 uploads a file and answers with the stored name and an absolute path', async () => {
    const { client, orgId } = await acme('ex72');
    const res = await client.post('/upload').attach('file', PNG_1PX, { filename: 'launch.png', contentType: 'image/png' }).expect(201);
    const body = res.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['alt', 'id', 'name', 'originalName', 'path', 'thumbnail']);
    expect(body.id).toMatch(UUID);
    expect(body.name).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(body.originalName).toBeNull();
    expect(body.thumbnail).toBeNull();
    expect(body.alt).toBeNull();
    expect(body.path).toBe(`${backend.config.uploadsPublicUrl}/${orgId}/${new Date().getUTCFullYear()}/${String(new Date().getUTCMonth() + 1).padStart(2, '0')}/${String(body.name)}`);
    // The file is really served at that path.
    const served = await request(backend.server).get(new URL(body.path as string).pathname).expect(200);
    expect(served.headers['content-type']).toBe('image/png');

    const text = await client.post('/upload').attach('file', Buffer.from('just some text, not an image at all'), { filename: 'notes.txt', contentType: 'text/plain' }).expect(400);
    expect(text.body).toEqual({ message: 'Unsupported file type.', error: 'Bad Request', statusCode: 400 });
  });

  it('7.3 schedules on two channels with one image, and answers one {postId, integration} per channel', async () => {
    const { client, x, fb } = await acme('ex73');
    const image = await upload(client);
    const res = await client.post('/posts').send(launchBody(x.id, fb.id, image)).expect(201);
    const body = res.body as { postId: string; integration: string }[];
    expect(body).toHaveLength(2);
    expect(body.map((b) => Object.keys(b).sort())).toEqual([
      ['integration', 'postId'],
      ['integration', 'postId'],
    ]);
    expect(body.map((b) => b.integration)).toEqual([x.id, fb.id]);
    const rows = await backend.db.post.findMany({ where: { id: { in: body.map((b) => b.postId) } } });
    expect(rows.map((r) => r.state)).toEqual(['QUEUE', 'QUEUE']);
    // As in Postiz, each channel gets its own group.
    expect(new Set(rows.map((r) => r.group)).size).toBe(2);
    // The server overwrites a wrong __type with the channel's provider.
    expect(rows.find((r) => r.integrationId === fb.id)?.settings).toMatchObject({ __type: 'facebook' });
    expect(res.headers['x-ratelimit-limit']).toBe(String(backend.config.apiLimitPerHour));
  });

  it('7.3 error examples: a missing X setting (family C), a 300-character X text (family D), an unknown channel (family B)', async () => {
    const { client, x, fb } = await acme('ex73e');
    const image = await upload(client);
    const noReply = launchBody(x.id, fb.id, image);
    noReply.posts[0]!.settings = { __type: 'x' };
    expect((await client.post('/posts').send(noReply).expect(400)).body).toEqual({
      message: ['posts.0.settings.who_can_reply_post must be one of the following values: everyone, following, mentionedUsers, subscribers, verified'],
      error: 'Bad Request',
      statusCode: 400,
    });

    const long = launchBody(x.id, fb.id, image);
    long.posts[0]!.value[0]!.content = 'a'.repeat(300);
    expect((await client.post('/posts').send(long).expect(400)).body).toEqual({ statusCode: 400, provider: 'x', name: 'Acme', message: 'post is too long, please fix it' });

    const unknown = launchBody('cmXXXX', fb.id, image);
    expect((await client.post('/posts').send(unknown).expect(400)).body).toEqual({ message: 'Integration with id cmXXXX not found', error: 'Bad Request', statusCode: 400 });
    expect(await backend.db.post.count({ where: { integrationId: { in: [x.id, fb.id] } } })).toBe(0);
  });

  it('7.4 lists the posts of a week with exactly the fields of §3.1', async () => {
    const { client, x, fb } = await acme('ex74');
    const image = await upload(client);
    const created = (await client.post('/posts').send(launchBody(x.id, fb.id, image)).expect(201)).body as { postId: string }[];
    const res = await client.get('/posts?startDate=2031-03-10T00:00:00.000Z&endDate=2031-03-16T23:59:59.999Z').expect(200);
    const posts = (res.body as { posts: Record<string, unknown>[] }).posts;
    expect(Object.keys(res.body as object)).toEqual(['posts']);
    expect(posts.map((p) => p.id).sort()).toEqual(created.map((c) => c.postId).sort());
    for (const post of posts) {
      expect(Object.keys(post).sort()).toEqual(['content', 'creationMethod', 'group', 'id', 'integration', 'intervalInDays', 'publishDate', 'releaseId', 'releaseURL', 'settings', 'state', 'tags']);
      expect(post).toMatchObject({ content: 'Launch day! 🚀', publishDate: DATE, releaseURL: null, releaseId: null, state: 'QUEUE', intervalInDays: null, tags: [] });
      expect(post.group).toMatch(UUID);
      expect(['UNKNOWN', 'WEB', 'MCP', 'API', 'AUTOPOST', 'CLI']).toContain(post.creationMethod);
      expect(typeof post.settings).toBe('string');
      expect(Object.keys(post.integration as object).sort()).toEqual(['id', 'name', 'picture', 'providerIdentifier']);
    }
    const onX = posts.find((p) => (p.integration as { id: string }).id === x.id)!;
    expect(JSON.parse(onX.settings as string)).toEqual({ __type: 'x', who_can_reply_post: 'everyone' });
    expect(onX.integration).toEqual({ id: x.id, providerIdentifier: 'x', name: 'Acme', picture: 'https://uploads.example.com/avatars/acme-x.png' });

    const missing = await client.get('/posts?startDate=2031-03-10T00:00:00.000Z').expect(400);
    expect(missing.body).toEqual({ message: ['endDate must be a valid ISO 8601 date string'], error: 'Bad Request', statusCode: 400 });
  });

  it("7.5 deletes a post with Postiz's {error: true} success body, leaving the other channel's post", async () => {
    const { client, x, fb } = await acme('ex75');
    const image = await upload(client);
    const [onX, onFb] = (await client.post('/posts').send(launchBody(x.id, fb.id, image)).expect(201)).body as { postId: string }[];
    const res = await client.delete(`/posts/${onX!.postId}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: true });
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: onX!.postId } })).toMatchObject({ state: 'CANCELLED' });
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: onX!.postId } })).deletedAt).not.toBeNull();
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: onFb!.postId } })).toMatchObject({ state: 'QUEUE', deletedAt: null });

    const again = await client.delete(`/posts/${onX!.postId}`).expect(404);
    expect(again.body).toEqual({ message: 'Post not found', error: 'Not Found', statusCode: 404 });
  });
});

describe('public API: the POST /posts rate limit', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ API_LIMIT: '2' });
  });
  afterAll(async () => {
    await backend.close();
  });

  const body = (channel: string) => ({
    type: 'draft',
    date: '2031-05-01T10:00:00Z',
    posts: [{ integration: { id: channel }, value: [{ content: 'idea' }], settings: { who_can_reply_post: 'everyone' } }],
  });

  it('allows API_LIMIT posts an hour per organization, then answers 429 with Retry-After', async () => {
    const org = await publicOrg(backend, 'limit');
    const client = api(backend, org.apiKey);
    const channel = org.channels[0]!.id;
    const first = await client.post('/posts').send(body(channel)).expect(201);
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1' });
    // A request that fails validation counts too.
    await client.post('/posts').send({ posts: [] }).expect(400);
    const refused = await client.post('/posts').send(body(channel)).expect(429);
    expect(refused.body).toEqual({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await backend.db.post.count({ where: { integrationId: channel } })).toBe(1);

    // Only POST /posts is limited so, and only for this organization.
    await client.get('/integrations').expect(200);
    const other = await publicOrg(backend, 'limit-other');
    await api(backend, other.apiKey).post('/posts').send(body(other.channels[0]!.id)).expect(201);
  });

  it('counts per organization across key rotations, and never counts unauthenticated requests', async () => {
    const org = await publicOrg(backend, 'limit-rotate');
    const channel = org.channels[0]!.id;
    for (let i = 0; i < 5; i++) await api(backend, 'wrong-key').post('/posts').send(body(channel)).expect(401);
    await api(backend, org.apiKey).post('/posts').send(body(channel)).expect(201);
    const rotated = ((await org.agent.post('/settings/api-key').expect(201)).body as { apiKey: string }).apiKey;
    await api(backend, rotated).post('/posts').send(body(channel)).expect(201);
    await api(backend, rotated).post('/posts').send(body(channel)).expect(429);
  });
});
