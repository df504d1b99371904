import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, entry, uploadImage, uploadVideo } from './posts-fixtures';
import { api, publicOrg, xPost } from './public-api.fixtures';

const AT = '2031-03-10T14:30:00.000Z';

// Issue 16: a post names only files of its organization's media library. An address of the internal network given
// as media is refused at creation (400 media_not_uploaded, nothing written) and is never fetched by anyone.
describe('posts carry only the organization’s own uploads', () => {
  let backend: TestBackend;
  let listener: http.Server;
  let hits = 0;
  let internal = '';

  beforeAll(async () => {
    backend = await startTestBackend();
    listener = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end('png');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    internal = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/a.png`;
  });
  afterAll(async () => {
    await backend.close();
    await new Promise((resolve) => listener.close(resolve));
  });
  beforeEach(() => {
    hits = 0;
  });

  it('POST /posts and PUT /posts/:group refuse an internal address as media, naming the field', async () => {
    const { agent, organization } = await signUp(backend, 'own-media');
    const x = await addChannel(backend, organization.id, 'x');
    const own = await uploadImage(backend, organization.id);
    const body = (image: { path: string }[]) => ({ type: 'schedule', date: AT, posts: [entry(x, [{ content: 'hello', image }])] });

    const refused = await agent.post('/posts').send(body([own, { path: internal }])).expect(400);
    expect(refused.body).toMatchObject({ code: 'media_not_uploaded', message: expect.stringContaining('value[0].image[1].path') });
    expect(JSON.stringify(refused.body)).not.toContain('127.0.0.1');
    expect(await backend.db.post.count({ where: { organizationId: organization.id } })).toBe(0);

    const [created] = (await agent.post('/posts').send(body([own])).expect(201)).body as { group: string; postId: string }[];
    const edit = await agent.put(`/posts/${created!.group}`).send(body([{ path: internal }])).expect(400);
    expect(edit.body).toMatchObject({ code: 'media_not_uploaded', message: expect.stringContaining('value[0].image[0].path') });
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: created!.postId } })).image).toEqual([own]);
    expect(hits).toBe(0);
  });

  it('refuses a library video larger than X takes (512 MB) before scheduling, by the size the library recorded', async () => {
    const { agent, organization } = await signUp(backend, 'own-media-size');
    const x = await addChannel(backend, organization.id, 'x');
    const video = await uploadVideo(backend, organization.id, 'long.mp4');
    const body = (type: string) => ({ type, date: AT, posts: [entry(x, [{ content: 'a long clip', image: [video] }])] });
    await agent.post('/posts').send(body('schedule')).expect(201);
    // The library's record of a 600 MB upload (the file itself is not read: sizes are checked from the records).
    await backend.db.media.update({ where: { id: video.id }, data: { size: 600 * 1024 * 1024 } });

    const refused = await agent.post('/posts').send(body('schedule')).expect(400);
    expect(refused.body).toMatchObject({
      code: 'validation_failed',
      details: [{ channel: x.id, field: 'posts.0.value.0.image.0', code: 'media_too_large', message: expect.stringMatching(/\.mp4 is 600 MB; an X video may be at most 512 MB\.$/) }],
    });
    // A draft waits until it is scheduled.
    await agent.post('/posts').send(body('draft')).expect(201);
  });

  it('POST /public/v1/posts refuses it too, before any channel of the request is written', async () => {
    const { apiKey, channels, orgId } = await publicOrg(backend, 'own-media-api', ['x', 'x']);
    const channel = channels[0]!;
    const post = xPost(channel.id, 'hello');
    const second = xPost(channels[1]!.id, 'hello').posts[0]!;
    second.value[0]!.image = [{ path: internal }] as never[];
    const res = await api(backend, apiKey).post('/posts').send({ ...post, posts: [...post.posts, second] }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'media_not_uploaded', message: expect.stringContaining('posts[1].value[0].image[0].path') });
    expect(await backend.db.post.count({ where: { organizationId: orgId } })).toBe(0);
    expect(hits).toBe(0);
  });

  it('a duplicate of a row that names another address is refused', async () => {
    const { agent, organization } = await signUp(backend, 'own-media-dup');
    const x = await addChannel(backend, organization.id, 'x');
    const [created] = (await agent.post('/posts').send({ type: 'draft', date: AT, posts: [entry(x, [{ content: 'old' }])] }).expect(201)).body as { group: string; postId: string }[];
    // A row written before the rule (or by hand).
    await backend.db.post.update({ where: { id: created!.postId }, data: { image: [{ path: internal }] } });
    const res = await agent.post(`/posts/${created!.group}/duplicate`).send({}).expect(400);
    expect(res.body).toMatchObject({ code: 'media_not_uploaded' });
    expect(await backend.db.post.count({ where: { organizationId: organization.id } })).toBe(1);
    expect(hits).toBe(0);
  });
});
