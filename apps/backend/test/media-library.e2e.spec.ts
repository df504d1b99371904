import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaMetadataReader } from '@herald/core';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel } from './posts-fixtures';

const PUBLIC = 'http://media.test/uploads';

interface Uploaded {
  id: string;
  name: string;
  path: string;
  type: string;
  alt: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  sourceMediaId: string | null;
}

/** A real PNG of that size, drawn by ffmpeg (the same Debian package that gives ffprobe). */
function png(width: number, height: number): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `color=c=red:s=${width}x${height}`, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-']);
}

describe('media library: search, alt text, in-use deletes, metadata and crops', () => {
  let backend: TestBackend;
  let directory: string;
  let video: Buffer;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-media-lib-'));
    // A real 2 s, 320x240 H.264 + AAC video made by Debian's ffmpeg (the jest stage installs it).
    const clip = join(directory, 'clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', clip]);
    video = await readFile(clip);
    backend = await startTestBackend({ UPLOAD_DIRECTORY: join(directory, 'uploads'), UPLOADS_PUBLIC_URL: PUBLIC });
  });
  afterAll(async () => {
    await backend.close();
    await rm(directory, { recursive: true, force: true });
  });

  type Agent = Awaited<ReturnType<typeof signUp>>['agent'];
  const upload = async (agent: Agent, bytes: Buffer, filename: string) => (await agent.post('/media/upload').attach('file', bytes, { filename, contentType: 'application/octet-stream' }).expect(201)).body as Uploaded;

  it('reads an image\'s dimensions with sharp and a video\'s duration, size and codecs with ffprobe, and lists them', async () => {
    const { agent } = await signUp(backend, 'media-meta');
    const image = await upload(agent, png(40, 30), 'wide.png');
    expect(image).toMatchObject({ width: 40, height: 30, durationMs: null, videoCodec: null });
    const clip = await upload(agent, video, 'clip.mp4');
    expect(clip).toMatchObject({ type: 'video/mp4', width: 320, height: 240, videoCodec: 'h264', audioCodec: 'aac' });
    expect(clip.durationMs).toBeGreaterThanOrEqual(1900);
    expect(clip.durationMs).toBeLessThanOrEqual(2100);
    const listed = (await agent.get('/media').expect(200)).body.results as Uploaded[];
    expect(listed.find((m) => m.id === clip.id)).toMatchObject({ width: 320, height: 240, videoCodec: 'h264' });
  });

  it('stores a video without metadata, and says so in the log, when ffprobe is missing', async () => {
    const warnings: unknown[][] = [];
    const reader = new MediaMetadataReader({ ffprobe: join(directory, 'no-such-ffprobe'), logger: { warn: (...args: unknown[]) => warnings.push(args) } });
    const clip = join(directory, 'clip.mp4');
    expect(await reader.read(clip, 'video/mp4')).toEqual({ width: null, height: null, durationMs: null, videoCodec: null, audioCodec: null });
    expect(await reader.read(clip, 'video/mp4')).toMatchObject({ durationMs: null });
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).toContain('ffprobe is missing');
  });

  it('searches by name (any case) and filters by type, keeping the page shape', async () => {
    const { agent } = await signUp(backend, 'media-search');
    const beach = await upload(agent, png(4, 4), 'Beach Sunset.png');
    const city = await upload(agent, png(4, 4), 'city.png');
    const clip = await upload(agent, video, 'beach-clip.mp4');

    const byName = (await agent.get('/media').query({ search: 'BEACH' }).expect(200)).body;
    expect(byName).toMatchObject({ page: 1, pages: 1, total: 2 });
    expect((byName.results as Uploaded[]).map((m) => m.id).sort()).toEqual([beach.id, clip.id].sort());
    const images = (await agent.get('/media').query({ type: 'image' }).expect(200)).body.results as Uploaded[];
    expect(images.map((m) => m.id).sort()).toEqual([beach.id, city.id].sort());
    const videos = (await agent.get('/media').query({ type: 'video', search: 'beach' }).expect(200)).body.results as Uploaded[];
    expect(videos.map((m) => m.id)).toEqual([clip.id]);
    // LIKE's wildcards are plain characters in a search.
    expect((await agent.get('/media').query({ search: '%' }).expect(200)).body.total).toBe(0);
    const bad = await agent.get('/media').query({ type: 'audio' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed' });
  });

  it('sets and clears alt text (at most 1,000 characters), within the organization only', async () => {
    const owner = await signUp(backend, 'media-alt');
    const other = await signUp(backend, 'media-alt-other');
    const image = await upload(owner.agent, png(4, 4), 'a.png');

    const set = await owner.agent.put(`/media/${image.id}`).send({ alt: '  A red square  ' }).expect(200);
    expect(set.body).toMatchObject({ id: image.id, alt: 'A red square' });
    expect(((await owner.agent.get('/media').expect(200)).body.results as Uploaded[])[0]!.alt).toBe('A red square');
    await owner.agent.put(`/media/${image.id}`).send({ alt: 'x'.repeat(1000) }).expect(200);
    const long = await owner.agent.put(`/media/${image.id}`).send({ alt: 'x'.repeat(1001) }).expect(400);
    expect(long.body.code).toBe('validation_failed');
    await owner.agent.put(`/media/${image.id}`).send({ alt: 42 }).expect(400);
    await owner.agent.put(`/media/${image.id}`).send({}).expect(400);
    await other.agent.put(`/media/${image.id}`).send({ alt: 'theirs' }).expect(404);
    expect((await owner.agent.put(`/media/${image.id}`).send({ alt: '' }).expect(200)).body.alt).toBeNull();
  });

  it('refuses to delete a file a post not yet published uses (by id or by path) with 409 naming the posts', async () => {
    const { agent, organization } = await signUp(backend, 'media-in-use');
    const channel = await addChannel(backend, organization.id, 'x');
    const byId = await upload(agent, png(4, 4), 'by-id.png');
    const byPath = await upload(agent, png(4, 4), 'by-path.png');
    const published = await upload(agent, png(4, 4), 'published.png');
    const post = (content: string, state: 'QUEUE' | 'PUBLISHED', image: object[]) =>
      backend.db.post.create({ data: { organizationId: organization.id, integrationId: channel.id, group: `g-${content}`, state, content, publishDate: new Date('2030-01-02T09:30:00Z'), image: image as never } });
    const queued = await post('Launch day, see you there', 'QUEUE', [{ id: byId.id, path: 'https://elsewhere.example/x.png' }]);
    const second = await post('Another one', 'QUEUE', [{ path: byPath.path, alt: 'x' }]);
    await post('Done already', 'PUBLISHED', [{ id: published.id, path: published.path }]);

    const refused = await agent.delete(`/media/${byId.id}`).expect(409);
    expect(refused.body.code).toBe('media_in_use');
    expect(refused.body.message).toContain('Launch day, see you there');
    expect(refused.body.message).toContain(queued.id);
    expect(refused.body.message).toContain('2030-01-02 09:30 UTC');
    const refusedByPath = await agent.delete(`/media/${byPath.id}`).expect(409);
    expect(refusedByPath.body.message).toContain(second.id);
    expect(await backend.db.media.count({ where: { id: { in: [byId.id, byPath.id] }, deletedAt: null } })).toBe(2);

    await agent.delete(`/media/${published.id}`).expect(200);
    await backend.db.post.update({ where: { id: queued.id }, data: { state: 'PUBLISHED' } });
    await agent.delete(`/media/${byId.id}`).expect(200);
  });

  it('crops an image server-side into a new media row, keeping the original', async () => {
    const owner = await signUp(backend, 'media-crop');
    const other = await signUp(backend, 'media-crop-other');
    const original = await upload(owner.agent, png(200, 100), 'wide.png');
    const originalBytes = await readFile(join(directory, 'uploads', original.path.slice(PUBLIC.length + 1)));

    const rect = (await owner.agent.post(`/media/${original.id}/crop`).send({ x: 10, y: 20, width: 50, height: 60 }).expect(201)).body as Uploaded;
    expect(rect).toMatchObject({ type: 'image/png', width: 50, height: 60, sourceMediaId: original.id, name: 'wide (50x60).png' });
    expect(rect.id).not.toBe(original.id);
    const stored = await new MediaMetadataReader().read(join(directory, 'uploads', rect.path.slice(PUBLIC.length + 1)), 'image/png');
    expect([stored.width, stored.height]).toEqual([50, 60]);

    const portrait = (await owner.agent.post(`/media/${original.id}/crop`).send({ aspect: '4:5' }).expect(201)).body as Uploaded;
    expect([portrait.width, portrait.height]).toEqual([80, 100]);
    const landscape = (await owner.agent.post(`/media/${original.id}/crop`).send({ aspect: '1.91:1' }).expect(201)).body as Uploaded;
    expect([landscape.width, landscape.height]).toEqual([191, 100]);

    expect(await readFile(join(directory, 'uploads', original.path.slice(PUBLIC.length + 1)))).toEqual(originalBytes);
    expect((await owner.agent.get('/media').expect(200)).body.total).toBe(4);

    expect((await owner.agent.post(`/media/${original.id}/crop`).send({ x: 190, y: 0, width: 20, height: 10 }).expect(400)).body.code).toBe('validation_failed');
    expect((await owner.agent.post(`/media/${original.id}/crop`).send({ x: -1, y: 0, width: 20, height: 10 }).expect(400)).body.code).toBe('validation_failed');
    expect((await owner.agent.post(`/media/${original.id}/crop`).send({ aspect: '3:1' }).expect(400)).body.code).toBe('validation_failed');
    await other.agent.post(`/media/${original.id}/crop`).send({ aspect: '1:1' }).expect(404);
    const clip = await upload(owner.agent, video, 'clip.mp4');
    expect((await owner.agent.post(`/media/${clip.id}/crop`).send({ aspect: '1:1' }).expect(400)).body.code).toBe('unsupported_media_type');
  });
});
