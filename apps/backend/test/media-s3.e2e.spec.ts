import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { cleanUpDeletedMedia, cleanUpUnusedFiles, createLogger, createMediaStorage, LocalMediaStorage, S3MediaStorage } from '@herald/core';
import { MediaRepository, type PostState } from '@herald/database';
import axios from 'axios';
import request from 'supertest';
import { type MediaServer, startMediaServer } from '../../sandbox/src/test-support/media-server';
import { FAST_PUBLISHING, freshDatabase } from '../../workers/test/support/harness';
import { startWorkersApp, type WorkersApp } from '../../workers/src/workers-app';
import { signUp } from './harness';
import { consent, type PlatformHarness, startPlatformHarness } from './platform-harness';
import { SETTINGS } from './posts-fixtures';
import { startRedisServer, startS3Server, type TestS3 } from './s3-server';

/**
 * STORAGE=s3 end to end against a real S3-compatible server (s3rver, in process): an upload lands in the bucket,
 * /uploads/<key> redirects to a pre-signed GET URL that serves it, a post with it publishes to the strict X sandbox
 * (the workers read the bytes from the bucket), and deleting it (the cron's cleanup), or the organization, removes
 * the objects (docs/self-hosting.md#media-storage).
 */
const DATABASE = 'herald_media_s3';

interface Uploaded {
  id: string;
  path: string;
  type: string;
  size: number;
}

describe('media on S3 (STORAGE=s3)', () => {
  let s3: TestS3;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let h: PlatformHarness;
  let media: MediaServer;
  let workers: WorkersApp;
  let agent: Agent;
  let uploads: string;
  /** Herald's public /uploads address as platforms see it: a plain forwarder to the backend (which listens once started). */
  let front: Server;
  let backendPort = 0;
  let HERALD_UPLOADS = '';
  const keyOf = (path: string) => path.slice(`${HERALD_UPLOADS}/`.length);
  const clients: Array<{ destroy(): void }> = [];
  /** Storages made by the tests: their S3 clients' sockets are closed at the end. */
  const created = (storage: LocalMediaStorage) => {
    if (storage instanceof S3MediaStorage) clients.push(storage.client);
    return storage;
  };

  beforeAll(async () => {
    s3 = await startS3Server();
    redis = await startRedisServer();
    const databaseUrl = await freshDatabase(DATABASE);
    uploads = await mkdtemp(join(tmpdir(), 'herald-media-s3-'));
    front = createServer((req, res) => {
      const forwarded = httpRequest({ host: '127.0.0.1', port: backendPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forwarded.on('error', () => res.writeHead(502).end());
      req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    HERALD_UPLOADS = `http://127.0.0.1:${(front.address() as { port: number }).port}/uploads`;
    media = await startMediaServer({ uploadDirectory: uploads });
    h = await startPlatformHarness({ DATABASE_URL: databaseUrl, REDIS_URL: redis.url, UPLOAD_DIRECTORY: uploads, UPLOADS_PUBLIC_URL: HERALD_UPLOADS, ...s3.env, S3_DIRECT_UPLOADS: 'false' });
    await new Promise<void>((resolve) => h.backend.server.listen(0, '127.0.0.1', resolve));
    backendPort = (h.backend.server.address() as { port: number }).port;
    agent = new Agent({ ca: h.sandbox.caCertPem, keepAlive: false });
    workers = await startWorkersApp(
      { ...h.backend.config, concurrency: 2 },
      {
        logger: createLogger('media-s3-workers', h.backend.config.logLevel),
        providerDeps: { http: axios.create({ httpsAgent: agent, timeout: 5_000, maxRedirects: 0, validateStatus: () => true }), httpsAgent: agent },
        publishing: FAST_PUBLISHING,
        lockDurationMs: 5_000,
        stalledIntervalMs: 2_000,
        webhooks: false,
      },
    );
  }, 60_000);

  afterAll(async () => {
    await workers?.close(1_000);
    for (const client of clients) client.destroy();
    await h?.close();
    await media?.close();
    await new Promise((resolve) => (front ? front.close(resolve) : resolve(undefined)));
    agent?.destroy();
    await redis?.close();
    await s3?.close();
    if (uploads) await rm(uploads, { recursive: true, force: true });
  });

  it('the backend, the workers and the cron pick the S3 adapter from the environment', () => {
    expect(h.backend.config.storage).toMatchObject({ kind: 's3', bucket: 'herald-media', forcePathStyle: true });
    expect(h.backend.app.get(LocalMediaStorage).constructor.name).toBe(S3MediaStorage.name);
  });

  it('an upload lands in the bucket (not on disk), and /uploads/<key> redirects to a pre-signed URL that serves it', async () => {
    const { agent: person, organization } = await signUp(h.backend, 'media-s3');
    const square = media.file('/square.jpg')!;
    const body = (await person.post('/media/upload').attach('file', square, 'square.jpg').expect(201)).body as Uploaded;
    expect(body.path.startsWith(`${HERALD_UPLOADS}/${organization.id}/`)).toBe(true);
    const key = keyOf(body.path);
    expect(await s3.object(key)).toEqual(square);
    expect(await s3.keys(`${organization.id}/`)).toEqual([key]);

    const redirect = await request(h.backend.server).get(`/uploads/${key}`).expect(302);
    const signed = new URL(redirect.headers.location as string);
    expect(signed.origin).toBe(s3.settings.endpoint);
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('3600');
    const served = await fetch(signed);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(square);
    // Without the signature the bucket is not readable through that address.
    expect(signed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('with S3_DIRECT_UPLOADS=false, a chunked upload (POST /media/uploads) goes through the API into the bucket', async () => {
    const { agent: person, organization } = await signUp(h.backend, 'media-s3-chunked');
    const square = media.file('/square.jpg')!;
    const started = (await person.post('/media/uploads').send({ name: 'square.jpg', size: square.length, type: 'image/jpeg' }).expect(201)).body as { uploadId: string; mode: string; chunks: number };
    expect(started).toMatchObject({ mode: 'chunked', chunks: 1 });
    await person.put(`/media/uploads/${started.uploadId}/chunks/0`).set('Content-Type', 'application/octet-stream').send(square).expect(200);
    const body = (await person.post(`/media/uploads/${started.uploadId}/complete`).expect(201)).body as Uploaded;
    expect(body).toMatchObject({ type: 'image/jpeg', size: square.length });
    expect(await s3.object(keyOf(body.path))).toEqual(square);
    expect(await s3.keys(`${organization.id}/`)).toEqual([keyOf(body.path)]);
  });

  /** Connects a channel, uploads a picture to the bucket, schedules a post with it and waits until it is published. */
  const publishWithUpload = async (platform: 'x' | 'instagram-standalone', owner: string, text: string): Promise<Uploaded> => {
    const session = await signUp(h.backend, owner);
    const url = ((await session.agent.get(`/integrations/social/${platform}`).expect(200)).body as { url: string }).url;
    const query = await consent(h, url, { persona: 'alice' });
    const channel = ((await session.agent.post(`/integrations/social/${platform}/connect`).send(query).expect(200)).body as { id: string }).id;
    const uploaded = (await session.agent.post('/media/upload').attach('file', media.file('/square.jpg')!, 'square.jpg').expect(201)).body as Uploaded;
    const created = (
      await session.agent
        .post('/posts')
        .send({
          type: 'schedule',
          date: new Date(Date.now() + 1_000).toISOString(),
          shortLink: false,
          tags: [],
          posts: [{ integration: { id: channel }, value: [{ content: text, image: [{ id: uploaded.id, path: uploaded.path }] }], settings: SETTINGS[platform] }],
        })
        .expect(201)
    ).body as Array<{ postId: string }>;
    const final: PostState[] = ['PUBLISHED', 'ERROR'];
    for (let waited = 0; ; waited += 100) {
      const row = await h.backend.db.post.findUniqueOrThrow({ where: { id: created[0]!.postId } });
      if (final.includes(row.state)) {
        expect({ state: row.state, error: row.error }).toEqual({ state: 'PUBLISHED', error: null });
        return uploaded;
      }
      if (waited > 45_000) throw new Error(`post still ${row.state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('a post with an S3 file publishes to X: the workers read its bytes from the bucket', async () => {
    const text = 'From the bucket to X';
    await publishWithUpload('x', 'media-s3-post', text);
    const tweets = h.sandbox.ledger.published.filter((e) => e.platform === 'x' && e.text === text);
    expect(tweets).toHaveLength(1);
    expect(tweets[0]!.media).toHaveLength(1);
  }, 60_000);

  it('Instagram fetches the file itself: Herald\'s /uploads address redirects it to the pre-signed URL, and the post publishes', async () => {
    const text = 'From the bucket to Instagram';
    const uploaded = await publishWithUpload('instagram-standalone', 'media-s3-ig', text);
    const entry = h.sandbox.ledger.published.find((e) => e.platform === 'instagram' && e.text === text);
    expect(entry).toMatchObject({ kind: 'image', params: { image_url: uploaded.path } });
  }, 60_000);

  it('publishing streams an object in parts (HeadObject for the size, one GetObject read as consumed); a missing one is `missing`', async () => {
    const { organization } = await signUp(h.backend, 'media-s3-open');
    const storage = created(createMediaStorage(h.backend.config));
    const bytes = media.file('/square.jpg')!;
    const key = `${organization.id}/2026/01/${'c'.repeat(32)}.jpg`;
    await storage.commit(await storage.stage(Readable.from([bytes])), key);
    const opened = await storage.open(key);
    expect(opened.size).toBe(bytes.length);
    const parts: Buffer[] = [];
    for await (const part of opened.chunks(1000)) parts.push(part);
    expect(parts.slice(0, -1).every((p) => p.length === 1000)).toBe(true);
    expect(Buffer.concat(parts)).toEqual(bytes);
    await expect(storage.open(`${organization.id}/2026/01/${'d'.repeat(32)}.jpg`)).rejects.toMatchObject({ reason: 'missing' });
  });

  it('deleting a medium keeps the object until the cleanup sweep, which removes it (and its JPEG sibling) from the bucket', async () => {
    const { agent: person, organization } = await signUp(h.backend, 'media-s3-clean');
    const png = (await person.post('/media/upload').attach('file', media.file('/image.png')!, 'logo.png').expect(201)).body as Uploaded;
    const kept = (await person.post('/media/upload').attach('file', media.file('/square.jpg')!, 'kept.jpg').expect(201)).body as Uploaded;
    const storage = created(createMediaStorage(h.backend.config));
    const sibling = await storage.ensureJpegSibling(keyOf(png.path));
    expect(sibling).not.toBe(keyOf(png.path));
    expect(await s3.has(sibling)).toBe(true);

    await person.delete(`/media/${png.id}`).expect(200);
    // Posts scheduled with it still publish until the retention ends.
    expect(await s3.has(keyOf(png.path))).toBe(true);
    await request(h.backend.server).get(`/uploads/${keyOf(png.path)}`).expect(302);

    const purged = await cleanUpDeletedMedia({ media: new MediaRepository(h.backend.db), storage }, { deletedBefore: new Date(Date.now() + 60_000) });
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await s3.keys(`${organization.id}/`)).toEqual([keyOf(kept.path)]);
    expect(await h.backend.db.media.findMany({ where: { organizationId: organization.id }, select: { id: true } })).toEqual([{ id: kept.id }]);
  });

  it('the cron removes objects no media row names (once past the retention), keeping used files and their JPEG siblings', async () => {
    const { agent: person, organization } = await signUp(h.backend, 'media-s3-unused');
    const png = (await person.post('/media/upload').attach('file', media.file('/image.png')!, 'used.png').expect(201)).body as Uploaded;
    const storage = created(createMediaStorage(h.backend.config));
    const sibling = await storage.ensureJpegSibling(keyOf(png.path));
    // A file whose row was never written (a crash between the upload and the insert).
    const strayJpg = `${organization.id}/2026/01/${'b'.repeat(32)}.jpg`;
    await storage.commit(await storage.stage(Readable.from([media.file('/square.jpg')!])), strayJpg);
    expect(await s3.keys(`${organization.id}/`)).toEqual([keyOf(png.path), sibling, strayJpg].sort());

    // Not yet past the retention: nothing goes.
    expect(await cleanUpUnusedFiles({ media: new MediaRepository(h.backend.db), storage }, { olderThan: new Date(Date.now() - 86_400_000) })).toBe(0);
    expect(await cleanUpUnusedFiles({ media: new MediaRepository(h.backend.db), storage }, { olderThan: new Date(Date.now() + 60_000) })).toBeGreaterThanOrEqual(1);
    expect(await s3.keys(`${organization.id}/`)).toEqual([keyOf(png.path), sibling].sort());
  });

  it('deleting the organization removes all its objects', async () => {
    const { agent: person, organization, password } = await signUp(h.backend, 'media-s3-org');
    await person.post('/media/upload').attach('file', media.file('/square.jpg')!, 'a.jpg').expect(201);
    await person.post('/media/upload').attach('file', media.file('/square.jpg')!, 'b.jpg').expect(201);
    expect(await s3.keys(`${organization.id}/`)).toHaveLength(2);
    await person.delete('/organization').send({ password }).expect(200);
    expect(await s3.keys(`${organization.id}/`)).toEqual([]);
  });

  it('with S3_PUBLIC_URL, platforms get the public address and the workers still read by key', async () => {
    const storage = created(createMediaStorage({ ...h.backend.config, storage: { ...s3.settings, kind: 's3', publicUrl: `${s3.settings.endpoint}/${s3.settings.bucket}` } }));
    const key = `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/2026/12/${'a'.repeat(32)}.jpg`;
    const staged = await storage.stage(Readable.from([media.file('/square.jpg')!]));
    await storage.commit(staged, key);
    const url = storage.urlOf(key);
    expect(url).toBe(`${s3.settings.endpoint}/${s3.settings.bucket}/${key}`);
    expect(storage.keyOfUrl(url)).toBe(key);
    expect(storage.keyOfUrl(`${HERALD_UPLOADS}/${key}`)).toBe(key);
    expect(await storage.downloadUrl(key)).toBe(url);
    const served = await fetch(url);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(media.file('/square.jpg'));
    expect(await storage.read(key, 10_000_000)).toEqual(media.file('/square.jpg'));
    await expect(storage.read(key, 10)).rejects.toMatchObject({ reason: 'too_large' });
    await storage.remove(key);
    await expect(storage.read(key, 10_000_000)).rejects.toMatchObject({ reason: 'missing' });
  });
});
