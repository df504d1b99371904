import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUp, startTestBackend, type TestBackend } from './harness';

const CHUNK = 64 * 1024;

describe('chunked, resumable uploads (POST /media/uploads)', () => {
  let backend: TestBackend;
  let directory: string;
  let video: Buffer;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-chunked-'));
    // A real H.264 video of about 300 KB (noise does not compress; Debian's ffmpeg), so it takes several 64 KB parts.
    const clip = join(directory, 'clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25,noise=alls=60:allf=t', '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', clip]);
    video = await readFile(clip);
    backend = await startTestBackend({ UPLOAD_DIRECTORY: join(directory, 'uploads'), UPLOAD_CHUNK_KB: '64', UPLOAD_MAX_VIDEO_MB: '1' });
  });
  afterAll(async () => {
    await backend.close();
    await rm(directory, { recursive: true, force: true });
  });

  type Agent = Awaited<ReturnType<typeof signUp>>['agent'];
  const part = (index: number) => video.subarray(index * CHUNK, Math.min(video.length, (index + 1) * CHUNK));
  const put = (agent: Agent, id: string, index: number, bytes: Buffer) => agent.put(`/media/uploads/${id}/chunks/${index}`).set('Content-Type', 'application/octet-stream').send(bytes);

  it('takes the parts in any order, tells which are missing, resumes, and completes into a media row', async () => {
    const { agent, organization } = await signUp(backend, 'chunked');
    const started = await agent.post('/media/uploads').send({ name: 'beach.mp4', size: video.length, type: 'video/mp4' }).expect(201);
    const chunks = Math.ceil(video.length / CHUNK);
    expect(chunks).toBeGreaterThanOrEqual(3);
    expect(started.body).toMatchObject({ chunkSize: CHUNK, chunks, received: [], size: video.length });
    const id = started.body.uploadId as string;

    // Every part but the second, the last one first; one sent twice (idempotent).
    for (let i = chunks - 1; i >= 0; i -= 1) if (i !== 1) await put(agent, id, i, part(i)).expect(200);
    await put(agent, id, 0, part(0)).expect(200);
    const early = await agent.post(`/media/uploads/${id}/complete`).expect(409);
    expect(early.body).toMatchObject({ code: 'upload_incomplete' });
    const status = await agent.get(`/media/uploads/${id}`).expect(200);
    expect(status.body.missing).toEqual([1]);
    expect(status.body.received).toHaveLength(chunks - 1);

    await put(agent, id, 1, part(1)).expect(200);
    const done = await agent.post(`/media/uploads/${id}/complete`).expect(201);
    expect(done.body).toMatchObject({ name: 'beach.mp4', type: 'video/mp4', size: video.length, width: 320, height: 240, videoCodec: 'h264' });
    const row = await backend.db.media.findFirstOrThrow({ where: { id: done.body.id, organizationId: organization.id } });
    expect(await readFile(join(directory, 'uploads', ...row.fileKey.split('/')))).toEqual(video);
    // The session is gone, and so is the partial file.
    await agent.get(`/media/uploads/${id}`).expect(404);
    expect(await readdir(join(directory, 'uploads', '.tmp', 'chunked'))).toEqual([]);
  });

  it('refuses a part of the wrong size or index, a file past UPLOAD_MAX_VIDEO_MB, and another organization', async () => {
    const { agent } = await signUp(backend, 'chunked-bad');
    const tooBig = await agent.post('/media/uploads').send({ name: 'long.mp4', size: 2 * 1024 * 1024, type: 'video/mp4' }).expect(413);
    expect(tooBig.body).toMatchObject({ code: 'payload_too_large', message: 'Videos may be at most 1 MB.' });
    const invalid = await agent.post('/media/uploads').send({ name: '', size: -1 }).expect(400);
    expect(invalid.body).toMatchObject({ code: 'validation_failed' });

    const id = (await agent.post('/media/uploads').send({ name: 'clip.mp4', size: video.length }).expect(201)).body.uploadId as string;
    const short = await put(agent, id, 0, part(0).subarray(0, 1000)).expect(400);
    expect(short.body).toMatchObject({ code: 'upload_chunk_invalid' });
    const outOfRange = await put(agent, id, 99, part(0)).expect(400);
    expect(outOfRange.body).toMatchObject({ code: 'upload_chunk_invalid' });
    expect((await agent.get(`/media/uploads/${id}`).expect(200)).body.received).toEqual([]);

    const other = await signUp(backend, 'chunked-other');
    await other.agent.get(`/media/uploads/${id}`).expect(404);
    await put(other.agent, id, 0, part(0)).expect(404);
    await agent.delete(`/media/uploads/${id}`).expect(200);
    await agent.get(`/media/uploads/${id}`).expect(404);
  });

  it('refuses at completion a file whose bytes are not an accepted type', async () => {
    const { agent } = await signUp(backend, 'chunked-type');
    const junk = Buffer.alloc(CHUNK + 10, 7);
    const id = (await agent.post('/media/uploads').send({ name: 'x.mp4', size: junk.length }).expect(201)).body.uploadId as string;
    await put(agent, id, 0, junk.subarray(0, CHUNK)).expect(200);
    await put(agent, id, 1, junk.subarray(CHUNK)).expect(200);
    const res = await agent.post(`/media/uploads/${id}/complete`).expect(400);
    expect(res.body).toMatchObject({ code: 'unsupported_media_type' });
  });
});
