import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, entry, PNG_1PX } from './posts-fixtures';

const PUBLIC = 'http://media.test/uploads';
const AT = '2031-03-10T14:30:00.000Z';

describe('posts: Instagram gets JPEG', () => {
  let backend: TestBackend;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-ig-'));
    backend = await startTestBackend({ UPLOAD_DIRECTORY: directory, UPLOADS_PUBLIC_URL: PUBLIC });
  });
  afterAll(async () => {
    await backend.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('converts a library PNG to a JPEG sibling at schedule time for Instagram only', async () => {
    const { agent, organization } = await signUp(backend, 'ig-jpeg');
    const ig = await addChannel(backend, organization.id, 'instagram-standalone');
    const x = await addChannel(backend, organization.id, 'x');
    const media = (await agent.post('/media/upload').attach('file', PNG_1PX, { filename: 'logo.png', contentType: 'image/png' }).expect(201)).body as { id: string; path: string };
    const image = [{ id: media.id, path: media.path }];

    const created = (await agent.post('/posts').send({ type: 'schedule', date: AT, posts: [entry(ig, [{ content: 'logo', image }]), entry(x, [{ content: 'logo', image }])] }).expect(201))
      .body as { postId: string }[];

    const igRow = await backend.db.post.findUniqueOrThrow({ where: { id: created[0]!.postId } });
    const jpegPath = media.path.replace(/\.png$/, '.jpg');
    expect(igRow.image).toEqual([{ id: media.id, path: jpegPath }]);
    const jpeg = await readFile(join(directory, jpegPath.slice(PUBLIC.length + 1)));
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const served = await request(backend.server).get(`/uploads/${jpegPath.slice(PUBLIC.length + 1)}`).expect(200);
    expect(served.headers['content-type']).toBe('image/jpeg');

    // X takes PNG as it is.
    const xRow = await backend.db.post.findUniqueOrThrow({ where: { id: created[1]!.postId } });
    expect(xRow.image).toEqual(image);

    // The JPEG's path, sent back alone in an edit, is still the library's file.
    const group = igRow.group;
    await agent.put(`/posts/${group}`).send({ type: 'schedule', date: AT, posts: [entry(ig, [{ id: igRow.id, content: 'logo again', image: [{ path: jpegPath }] }])] }).expect(200);
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: igRow.id } })).image).toEqual([{ path: jpegPath }]);
  });

  it('refuses media from elsewhere and another organization\'s file, naming the field; nothing is written', async () => {
    const owner = await signUp(backend, 'ig-owner');
    const other = await signUp(backend, 'ig-other');
    const ig = await addChannel(backend, other.organization.id, 'instagram');
    const theirs = (await owner.agent.post('/media/upload').attach('file', PNG_1PX, { filename: 'a.png' }).expect(201)).body as { id: string; path: string };
    const mine = (await other.agent.post('/media/upload').attach('file', PNG_1PX, { filename: 'b.png' }).expect(201)).body as { id: string; path: string };
    for (const image of [
      [{ path: mine.path }, { id: 'ext', path: 'https://cdn.example.com/pic.png' }],
      [{ path: mine.path }, { id: theirs.id, path: theirs.path }],
    ]) {
      const res = await other.agent.post('/posts').send({ type: 'schedule', date: AT, posts: [entry(ig, [{ content: 'two', image }])] }).expect(400);
      expect(res.body).toMatchObject({ code: 'media_not_uploaded', message: expect.stringContaining('posts[0].value[0].image[1].path') });
    }
    expect(await backend.db.post.count({ where: { organizationId: other.organization.id } })).toBe(0);
  });

  it('takes a library file by its media id alone, storing its own URL', async () => {
    const { agent, organization } = await signUp(backend, 'ig-by-id');
    const x = await addChannel(backend, organization.id, 'x');
    const media = (await agent.post('/media/upload').attach('file', PNG_1PX, { filename: 'c.png' }).expect(201)).body as { id: string; path: string };
    const created = (await agent.post('/posts').send({ type: 'schedule', date: AT, posts: [entry(x, [{ content: 'by id', image: [{ id: media.id, path: 'https://elsewhere.example/c.png' }] }])] }).expect(201))
      .body as { postId: string }[];
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: created[0]!.postId } })).image).toEqual([{ id: media.id, path: media.path }]);
  });
});
