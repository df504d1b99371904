import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PartUrls, UploadStatus } from '@herald/shared';
import request from 'supertest';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { startRedisServer, startS3Server, type TestS3 } from './s3-server';

/**
 * Direct uploads to S3 (docs/api-additions.md#direct-uploads-to-s3) against the real backend and a real
 * S3-compatible server (s3rver, in process; its missing ListParts and AbortMultipartUpload are added in
 * s3-server.ts as S3 documents them): the parts go from the client straight to the bucket by pre-signed URLs.
 */
const MiB = 1024 * 1024;

type Status = UploadStatus;

describe('direct uploads to S3 (STORAGE=s3, POST /media/uploads)', () => {
  let s3: TestS3;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let backend: TestBackend;
  let directory: string;
  let video: Buffer;
  let image: Buffer;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-s3-direct-'));
    // A real H.264 video of about 12 MB (lossless noise; Debian's ffmpeg), its index at the end (no faststart), so it
    // takes three parts of S3's minimum 5 MiB and ffprobe has to read it by ranges.
    const clip = join(directory, 'clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=480x360:rate=25,noise=alls=80:allf=t', '-t', '2.4', '-c:v', 'libx264', '-qp', '0', '-pix_fmt', 'yuv420p', clip]);
    video = await readFile(clip);
    const still = join(directory, 'still.jpg');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48', '-frames:v', '1', still]);
    image = await readFile(still);
    s3 = await startS3Server();
    redis = await startRedisServer();
    backend = await startTestBackend({
      ...s3.env,
      REDIS_URL: redis.url,
      UPLOAD_DIRECTORY: join(directory, 'uploads'),
      UPLOAD_CHUNK_KB: '64',
      UPLOAD_MAX_VIDEO_MB: '30',
      UPLOAD_QUOTA_MB: '40',
      S3_PART_URL_SECONDS: '600',
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.close();
    await redis?.close();
    await s3?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  type Agent = Awaited<ReturnType<typeof signUp>>['agent'];
  const urlsFor = async (agent: Agent, id: string, parts: number[]) => (await agent.post(`/media/uploads/${id}/parts`).send({ parts }).expect(200)).body as PartUrls;
  /** What a browser does: PUT the bytes to the pre-signed URL, and read the part's ETag from the answer. */
  const putPart = async (url: string, bytes: Buffer) => {
    const answer = await fetch(url, { method: 'PUT', body: bytes });
    expect(answer.status).toBe(200);
    return answer.headers.get('etag')!;
  };
  const stagingKeys = () => s3.keys('staging/');

  it('sends a video in parts straight to the bucket, resumes after a failed part, and completes into a media row', async () => {
    const { agent, organization } = await signUp(backend, 's3-direct');
    const started = (await agent.post('/media/uploads').send({ name: 'beach.mp4', size: video.length, type: 'video/mp4' }).expect(201)).body as Status;
    // Parts of S3's minimum (UPLOAD_CHUNK_KB is smaller), the last one the rest.
    expect(started).toMatchObject({ mode: 'direct', chunkSize: 5 * MiB, chunks: 3, received: [], missing: [0, 1, 2] });
    const id = started.uploadId;
    const part = (index: number) => video.subarray(index * 5 * MiB, Math.min(video.length, (index + 1) * 5 * MiB));
    expect(await s3.openUploads()).toHaveLength(1);

    const first = await urlsFor(agent, id, [0, 1, 2]);
    expect(first.parts.map((p) => [p.index, p.size])).toEqual([
      [0, 5 * MiB],
      [1, 5 * MiB],
      [2, video.length - 10 * MiB],
    ]);
    const signed = new URL(first.parts[1]!.url);
    expect(signed.origin).toBe(s3.settings.endpoint);
    expect(signed.searchParams.get('partNumber')).toBe('2');
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(Date.parse(first.expiresAt)).toBeGreaterThan(Date.now());

    const etags = new Map<number, string>();
    etags.set(2, await putPart(first.parts[2]!.url, part(2)));
    etags.set(0, await putPart(first.parts[0]!.url, part(0)));
    // Part 1 fails half-way (the bucket keeps what arrived, a part of the wrong size): it counts as missing.
    await putPart(first.parts[1]!.url, part(1).subarray(0, 2 * MiB));
    // Nothing is an object yet: the parts are only in the multipart upload.
    expect(await stagingKeys()).toEqual([]);

    const early = await agent.post(`/media/uploads/${id}/complete`).send({}).expect(409);
    expect(early.body).toMatchObject({ code: 'upload_incomplete', details: [expect.objectContaining({ message: 'missing parts: 1' })] });
    // Resume, maybe hours later: the bucket says which parts it has, and fresh URLs are signed for the others.
    const status = (await agent.get(`/media/uploads/${id}`).expect(200)).body as Status;
    expect(status).toMatchObject({ mode: 'direct', received: [0, 2], missing: [1] });
    const again = await urlsFor(agent, id, status.missing);
    expect(again.parts.map((p) => p.index)).toEqual([1]);
    etags.set(1, await putPart(again.parts[0]!.url, part(1)));

    // ETags the browser got are checked against the bucket's own list.
    const wrong = await agent.post(`/media/uploads/${id}/complete`).send({ parts: [{ index: 0, etag: '"0123456789abcdef0123456789abcdef"' }] }).expect(409);
    expect(wrong.body).toMatchObject({ code: 'upload_part_mismatch' });
    const done = await agent
      .post(`/media/uploads/${id}/complete`)
      .send({ parts: [...etags].map(([index, etag]) => ({ index, etag })) })
      .expect(201);
    expect(done.body).toMatchObject({ name: 'beach.mp4', type: 'video/mp4', size: video.length, width: 480, height: 360, videoCodec: 'h264' });
    expect(done.body.durationMs).toBeGreaterThan(2000);

    // The object is under its media key, whole, with its real type; the staging object and the upload are gone.
    const row = await backend.db.media.findFirstOrThrow({ where: { id: done.body.id, organizationId: organization.id } });
    expect(row.fileKey).toMatch(new RegExp(`^${organization.id}/\\d{4}/\\d{2}/[0-9a-f]{32}\\.mp4$`));
    expect(await s3.keys(`${organization.id}/`)).toEqual([row.fileKey]);
    expect((await s3.object(row.fileKey))!.equals(video)).toBe(true);
    expect(await stagingKeys()).toEqual([]);
    expect(await s3.openUploads()).toEqual([]);
    await agent.get(`/media/uploads/${id}`).expect(404);
    await agent.post(`/media/uploads/${id}/complete`).send({}).expect(404);
    // Served like any upload: /uploads/<key> redirects to the bucket.
    await request(backend.server).get(`/uploads/${row.fileKey}`).expect(302);
  }, 60_000);

  it('an aborted upload leaves nothing in the bucket', async () => {
    const { agent } = await signUp(backend, 's3-direct-abort');
    const { uploadId } = (await agent.post('/media/uploads').send({ name: 'gone.mp4', size: video.length }).expect(201)).body as Status;
    const urls = await urlsFor(agent, uploadId, [0]);
    await putPart(urls.parts[0]!.url, video.subarray(0, 5 * MiB));
    expect(await s3.openUploads()).toHaveLength(1);
    await agent.delete(`/media/uploads/${uploadId}`).expect(200);
    expect(await s3.openUploads()).toEqual([]);
    expect(await stagingKeys()).toEqual([]);
    await agent.get(`/media/uploads/${uploadId}`).expect(404);
    await agent.post(`/media/uploads/${uploadId}/parts`).send({ parts: [1] }).expect(404);
  });

  it('refuses a file whose bytes are not an accepted type (400), leaving nothing in the bucket', async () => {
    const { agent, organization } = await signUp(backend, 's3-direct-type');
    const junk = Buffer.alloc(4000, 7);
    const { uploadId } = (await agent.post('/media/uploads').send({ name: 'x.mp4', size: junk.length, type: 'video/mp4' }).expect(201)).body as Status;
    await putPart((await urlsFor(agent, uploadId, [0])).parts[0]!.url, junk);
    const refused = await agent.post(`/media/uploads/${uploadId}/complete`).send({}).expect(400);
    expect(refused.body).toMatchObject({ code: 'unsupported_media_type' });
    expect(await stagingKeys()).toEqual([]);
    expect(await s3.keys(`${organization.id}/`)).toEqual([]);
    expect(await s3.openUploads()).toEqual([]);
    expect(await backend.db.media.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  it('reads an image\'s size, and refuses past the quota: at the start, and at completion when the quota filled meanwhile', async () => {
    const { agent, organization } = await signUp(backend, 's3-direct-quota');
    const tooMuch = await agent.post('/media/uploads').send({ name: 'long.mp4', size: 41 * MiB }).expect(413);
    expect(tooMuch.body).toMatchObject({ code: 'payload_too_large' });
    const overQuota = await agent.post('/media/uploads').send({ name: 'long.mp4', size: 29 * MiB, type: 'video/mp4' });
    expect(overQuota.status).toBe(201);
    await agent.delete(`/media/uploads/${(overQuota.body as Status).uploadId}`).expect(200);

    const send = async () => {
      const { uploadId } = (await agent.post('/media/uploads').send({ name: 'still.jpg', size: image.length, type: 'image/jpeg' }).expect(201)).body as Status;
      await putPart((await urlsFor(agent, uploadId, [0])).parts[0]!.url, image);
      return uploadId;
    };
    const first = await agent.post(`/media/uploads/${await send()}/complete`).send({}).expect(201);
    expect(first.body).toMatchObject({ type: 'image/jpeg', width: 64, height: 48 });

    // Another upload started while there was room; by its completion the organization's files fill the quota.
    const late = await send();
    await backend.db.media.create({ data: { organizationId: organization.id, name: 'big.mp4', fileKey: `${organization.id}/2026/01/${'c'.repeat(32)}.mp4`, type: 'video/mp4', size: 40 * MiB - image.length } });
    const refused = await agent.post(`/media/uploads/${late}/complete`).send({}).expect(413);
    expect(refused.body).toMatchObject({ code: 'upload_quota_exceeded' });
    expect(await stagingKeys()).toEqual([]);
    expect(await s3.keys(`${organization.id}/`)).toEqual([first.body.path.split('/uploads/')[1]]);
    // And a new one is refused from the start.
    const full = await agent.post('/media/uploads').send({ name: 'still.jpg', size: image.length }).expect(413);
    expect(full.body).toMatchObject({ code: 'upload_quota_exceeded' });
  });

  it('refuses chunks sent to the API, bad part lists, and another organization', async () => {
    const { agent } = await signUp(backend, 's3-direct-bad');
    const { uploadId } = (await agent.post('/media/uploads').send({ name: 'clip.mp4', size: video.length }).expect(201)).body as Status;
    const chunk = await agent.put(`/media/uploads/${uploadId}/chunks/0`).set('Content-Type', 'application/octet-stream').send(video.subarray(0, 1000)).expect(409);
    expect(chunk.body).toMatchObject({ code: 'upload_mode_mismatch' });
    for (const parts of [[], [3], [-1], ['0'], undefined]) {
      const bad = await agent.post(`/media/uploads/${uploadId}/parts`).send({ parts }).expect(400);
      expect(bad.body).toMatchObject({ code: 'validation_failed' });
    }
    const other = await signUp(backend, 's3-direct-other');
    await other.agent.get(`/media/uploads/${uploadId}`).expect(404);
    await other.agent.post(`/media/uploads/${uploadId}/parts`).send({ parts: [0] }).expect(404);
    await other.agent.post(`/media/uploads/${uploadId}/complete`).send({}).expect(404);
    await other.agent.delete(`/media/uploads/${uploadId}`).expect(404);
    await agent.delete(`/media/uploads/${uploadId}`).expect(200);
  });

  it('aborts in the bucket the uploads whose session expired, when the next one starts', async () => {
    const { agent } = await signUp(backend, 's3-direct-expired');
    const { uploadId } = (await agent.post('/media/uploads').send({ name: 'left.mp4', size: video.length }).expect(201)).body as Status;
    await putPart((await urlsFor(agent, uploadId, [0])).parts[0]!.url, video.subarray(0, 5 * MiB));
    const open = await s3.openUploads();
    expect(open).toHaveLength(1);
    // A day without activity: the session expired in Redis; the open upload's last activity is that old.
    await backend.redis.del(`herald:upload:session:${uploadId}`);
    const [member] = await backend.redis.zrange('herald:upload:direct:open', 0, -1);
    await backend.redis.zadd('herald:upload:direct:open', Date.now() - 25 * 3600 * 1000, member!);
    const next = (await agent.post('/media/uploads').send({ name: 'next.mp4', size: 1000 }).expect(201)).body as Status;
    const now = await s3.openUploads();
    expect(now).toHaveLength(1);
    expect(now).not.toContain(open[0]);
    await agent.delete(`/media/uploads/${next.uploadId}`).expect(200);
    expect(await backend.redis.zcard('herald:upload:direct:open')).toBe(0);
  });
});
