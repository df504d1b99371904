import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMediaStorage, migrateMediaToS3, S3MediaStorage } from '@herald/core';
import { minimalJpeg } from '../../sandbox/src/core/media-sniff';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, PNG_1PX } from './posts-fixtures';
import { startS3Server, type TestS3 } from './s3-server';

/**
 * `npm run media:migrate -- --to s3` (docs/self-hosting.md#moving-existing-media-to-s3): an instance that ran with
 * local storage copies its files to a real S3-compatible server (s3rver, in process) and its posts' image addresses
 * move to the bucket's public address; an interrupted run is finished by running it again.
 */
const HERALD_UPLOADS = 'http://herald.test/uploads';

interface Uploaded {
  id: string;
  path: string;
}

describe('media:migrate --to s3', () => {
  let backend: TestBackend;
  let s3: TestS3;
  let directory: string;
  let target: S3MediaStorage;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-media-migrate-'));
    s3 = await startS3Server('herald-migrate');
    backend = await startTestBackend({ UPLOAD_DIRECTORY: directory, UPLOADS_PUBLIC_URL: HERALD_UPLOADS });
  });
  afterAll(async () => {
    target?.client.destroy();
    await backend?.close();
    await s3?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('copies every local file under its key, rewrites posts to the public bucket address, and resumes after an interruption', async () => {
    const { agent, organization } = await signUp(backend, 'migrate');
    const jpeg = minimalJpeg(64, 64);
    const uploads: Uploaded[] = [];
    for (const [bytes, name] of [[jpeg, 'a.jpg'], [PNG_1PX, 'b.png'], [jpeg, 'c.jpg']] as const) {
      uploads.push((await agent.post('/media/upload').attach('file', bytes, name).expect(201)).body as Uploaded);
    }
    const keys = uploads.map((u) => u.path.slice(`${HERALD_UPLOADS}/`.length));
    const local = backend.app.get(LocalMediaStorage);
    const sibling = await local.ensureJpegSibling(keys[1]!);
    const channel = await addChannel(backend, organization.id, 'x');
    const image = [
      { id: uploads[0]!.id, path: uploads[0]!.path, alt: 'first' },
      { id: uploads[1]!.id, path: uploads[1]!.path },
    ];
    const foreign = [{ id: randomUUID(), path: 'https://cdn.example.com/elsewhere.jpg' }];
    const post = await backend.db.post.create({ data: { organizationId: organization.id, integrationId: channel.id, group: randomUUID(), publishDate: new Date(Date.now() + 86_400_000), content: 'later', image } });
    const other = await backend.db.post.create({ data: { organizationId: organization.id, integrationId: channel.id, group: randomUUID(), publishDate: new Date(Date.now() + 86_400_000), content: 'elsewhere', image: foreign } });

    const publicUrl = `${s3.settings.endpoint}/${s3.settings.bucket}`;
    target = new S3MediaStorage({ ...s3.settings, publicUrl }, directory, HERALD_UPLOADS, { maxVideoBytes: 1024 * 1024 * 1024 });
    const deps = { db: backend.db, local: new LocalMediaStorage(directory, HERALD_UPLOADS, { maxVideoBytes: 1024 * 1024 * 1024 }), target, uploadDirectory: directory };

    // Interrupted after two files: nothing rewritten yet (posts still point at files that are all on disk).
    const first = await migrateMediaToS3(deps, { maxFiles: 2 });
    expect(first).toEqual({ copied: 2, skipped: 0, postsRewritten: 0, more: true });
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: post.id } })).image).toEqual(image);

    // Run again: the two copied files are skipped, the rest copied, then the posts rewritten.
    const second = await migrateMediaToS3(deps);
    expect(second).toEqual({ copied: 2, skipped: 2, postsRewritten: 1, more: false });
    expect(await s3.keys(`${organization.id}/`)).toEqual([...keys, sibling].sort());
    for (const key of keys) expect(await s3.object(key)).toEqual(await readFile(join(directory, key)));
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: post.id } })).image).toEqual([
      { id: uploads[0]!.id, path: `${publicUrl}/${keys[0]}`, alt: 'first' },
      { id: uploads[1]!.id, path: `${publicUrl}/${keys[1]}` },
    ]);
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: other.id } })).image).toEqual(foreign);
    // The rewritten addresses are the bucket's own and serve the file.
    const served = await fetch(`${publicUrl}/${keys[0]}`);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(jpeg);
    expect(target.keyOfUrl(`${publicUrl}/${keys[0]}`)).toBe(keys[0]);

    // A third run has nothing left to do.
    expect(await migrateMediaToS3(deps)).toEqual({ copied: 0, skipped: 4, postsRewritten: 0, more: false });
    // Media rows hold keys, which did not change.
    expect((await backend.db.media.findMany({ where: { organizationId: organization.id }, select: { fileKey: true } })).map((m) => m.fileKey).sort()).toEqual([...keys].sort());
  });
});
