import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUpDeletedMedia, LocalMediaStorage } from '@herald/core';
import { MediaRepository } from '@herald/database';
import request from 'supertest';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { PNG_1PX } from './posts-fixtures';

const PUBLIC = 'http://media.test/uploads';
const MP4_HEAD = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(20)]);
const GIF_1PX = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const WEBP_HEAD = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(14)]);

interface Uploaded {
  id: string;
  name: string;
  path: string;
  type: string;
  size: number;
}

describe('media library and /uploads', () => {
  let backend: TestBackend;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-media-'));
    backend = await startTestBackend({ UPLOAD_DIRECTORY: directory, UPLOADS_PUBLIC_URL: PUBLIC });
  });
  afterAll(async () => {
    await backend.close();
    await rm(directory, { recursive: true, force: true });
  });

  type Agent = Awaited<ReturnType<typeof signUp>>['agent'];
  const upload = (agent: Agent, bytes: Buffer, filename: string, contentType = 'application/octet-stream') =>
    agent.post('/media/upload').attach('file', bytes, { filename, contentType });
  const keyOf = (path: string) => path.slice(`${PUBLIC}/`.length);

  it('recognises a PNG by its content even when it is named and declared as a JPEG', async () => {
    const { agent, organization } = await signUp(backend, 'media');
    const res = await upload(agent, PNG_1PX, 'holiday.jpg', 'image/jpeg').expect(201);
    const body = res.body as Uploaded;
    expect(body).toEqual({ id: expect.any(String), name: 'holiday.jpg', path: expect.stringMatching(new RegExp(`^${PUBLIC}/${organization.id}/\\d{4}/\\d{2}/[0-9a-f]{32}\\.png$`)), type: 'image/png', size: PNG_1PX.length, alt: null, width: 1, height: 1, durationMs: null, videoCodec: null, audioCodec: null, sourceMediaId: null, createdAt: expect.any(String) });
    expect(await readFile(join(directory, keyOf(body.path)))).toEqual(PNG_1PX);

    const served = await request(backend.server).get(`/uploads/${keyOf(body.path)}`).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(served.body as Buffer)).toEqual(PNG_1PX);
  });

  it.each<[string, Buffer, string]>([
    ['GIF', GIF_1PX, 'image/gif'],
    ['WebP', WEBP_HEAD, 'image/webp'],
    ['MP4 sent as a JPEG by the SDK', MP4_HEAD, 'video/mp4'],
  ])('accepts %s', async (_name, bytes, type) => {
    const { agent } = await signUp(backend, 'media-kinds');
    const res = await upload(agent, bytes, 'jpeg', 'image/jpeg').expect(201);
    expect((res.body as Uploaded).type).toBe(type);
    expect((res.body as Uploaded).path.endsWith(`.${type.split('/')[1]!.replace('jpeg', 'jpg')}`)).toBe(true);
  });

  it.each<[string, Buffer, string]>([
    ['a text file named .png', Buffer.from('hello, I am plain text, honestly'), 'notes.png'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.png'],
    ['a QuickTime movie', Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  '), Buffer.alloc(12)]), 'clip.mp4'],
    ['an empty file', Buffer.alloc(0), 'empty.jpg'],
  ])('refuses %s with 400 and keeps nothing', async (_name, bytes, filename) => {
    const { agent, organization } = await signUp(backend, 'media-bad');
    const res = await upload(agent, bytes, filename, 'image/png').expect(400);
    expect(res.body.code).toBe('unsupported_media_type');
    expect(await backend.db.media.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(existsSync(join(directory, organization.id))).toBe(false);
  });

  it('refuses an image over its cap, keeping neither a row nor a file', async () => {
    const { agent, organization } = await signUp(backend, 'media-big');
    const big = Buffer.concat([PNG_1PX, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(agent, big, 'big.png').expect(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(await backend.db.media.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(readdirSync(join(directory, '.tmp'))).toEqual([]);
  });

  it('asks for the file part', async () => {
    const { agent } = await signUp(backend, 'media-none');
    await agent.post('/media/upload').field('other', 'x').expect(400);
    await agent.post('/media/upload').send({ file: 'not multipart' }).expect(400);
  });

  it('never lets the client name reach the disk', async () => {
    const { agent, organization } = await signUp(backend, 'media-names');
    for (const filename of ['../../../../etc/passwd.png', '..\\..\\evil.png', '/abs/olute.png', '.hidden.png']) {
      const body = (await upload(agent, PNG_1PX, filename).expect(201)).body as Uploaded;
      expect(body.path).not.toContain('..');
      expect(keyOf(body.path).startsWith(`${organization.id}/`)).toBe(true);
      expect(body.name).not.toMatch(/[\\/]/);
    }
    expect(existsSync(join(directory, '..', 'evil.png'))).toBe(false);
  });

  it.each(['/uploads/../package.json', '/uploads/%2e%2e/%2e%2e/package.json', '/uploads/..%2f..%2fpackage.json', '/uploads/.tmp', '/uploads/', '/uploads', '/uploads/x.png'])(
    'serves nothing but stored files: %s → 404',
    async (path) => {
      await request(backend.server).get(path).expect(404);
    },
  );

  it('does not list directories', async () => {
    const { agent, organization } = await signUp(backend, 'media-dir');
    const body = (await upload(agent, PNG_1PX, 'a.png').expect(201)).body as Uploaded;
    const key = keyOf(body.path);
    await request(backend.server).get(`/uploads/${organization.id}`).expect(404);
    await request(backend.server).get(`/uploads/${key.slice(0, key.lastIndexOf('/'))}/`).expect(404);
  });

  it('lists the organization media by page, newest first, and deletes by id within the organization only', async () => {
    const owner = await signUp(backend, 'media-list');
    const other = await signUp(backend, 'media-list-other');
    const first = (await upload(owner.agent, PNG_1PX, 'first.png').expect(201)).body as Uploaded;
    await backend.db.media.update({ where: { id: first.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const second = (await upload(owner.agent, GIF_1PX, 'second.gif').expect(201)).body as Uploaded;
    await upload(other.agent, PNG_1PX, 'theirs.png').expect(201);

    const list = await owner.agent.get('/media').query({ page: '1' }).expect(200);
    expect(list.body).toMatchObject({ page: 1, pages: 1, total: 2 });
    expect((list.body.results as Uploaded[]).map((m) => m.id)).toEqual([second.id, first.id]);
    await owner.agent.get('/media').query({ page: 'two' }).expect(400);
    expect((await owner.agent.get('/media').query({ page: '2' }).expect(200)).body.results).toEqual([]);

    await other.agent.delete(`/media/${first.id}`).expect(404);
    await other.agent.delete('/media/not-a-uuid').expect(404);
    await owner.agent.delete(`/media/${first.id}`).expect(200);
    await owner.agent.delete(`/media/${first.id}`).expect(404);
    expect(((await owner.agent.get('/media').expect(200)).body.results as Uploaded[]).map((m) => m.id)).toEqual([second.id]);
    // Posts scheduled with it still publish: the file stays until the cleanup sweep.
    await request(backend.server).get(`/uploads/${keyOf(first.path)}`).expect(200);
  });

  it('the cleanup sweep removes the files and rows of media deleted before the cutoff', async () => {
    const { agent, organization } = await signUp(backend, 'media-clean');
    const kept = (await upload(agent, PNG_1PX, 'kept.png').expect(201)).body as Uploaded;
    const gone = (await upload(agent, PNG_1PX, 'gone.png').expect(201)).body as Uploaded;
    await agent.delete(`/media/${gone.id}`).expect(200);
    const storage = new LocalMediaStorage(directory, PUBLIC, { maxVideoBytes: 1024 * 1024 * 1024 });
    const sibling = await storage.ensureJpegSibling(keyOf(gone.path));

    const purged = await cleanUpDeletedMedia({ media: new MediaRepository(backend.db), storage }, { deletedBefore: new Date(Date.now() + 60_000) });
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(directory, keyOf(gone.path)))).toBe(false);
    expect(existsSync(join(directory, sibling))).toBe(false);
    expect(existsSync(join(directory, keyOf(kept.path)))).toBe(true);
    expect(await backend.db.media.findMany({ where: { organizationId: organization.id }, select: { id: true } })).toEqual([{ id: kept.id }]);
  });
});
