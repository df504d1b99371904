import { mkdtemp, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMediaStorage } from '../posts/media/local-media-storage';
import { inParts, MediaReadError } from '../posts/media/media-storage';
import { mediaRefsOf, PostMediaError } from './post-media';

const ORG = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const KEY = `${ORG}/2026/11/${'a'.repeat(32)}.jpg`;
const VIDEO = `${ORG}/2026/11/${'b'.repeat(32)}.mp4`;

async function drain(parts: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

async function* pieces(...sizes: number[]): AsyncGenerator<Buffer> {
  let next = 0;
  for (const size of sizes) yield await Promise.resolve(Buffer.from(Array.from({ length: size }, () => next++ % 256)));
}

describe('inParts', () => {
  it('cuts buffers of any sizes into parts of exactly the size asked, the last one the rest', async () => {
    const parts = await drain(inParts(pieces(3, 1, 7, 2, 5), 4, 18));
    expect(parts.map((p) => p.length)).toEqual([4, 4, 4, 4, 2]);
    expect(Buffer.concat(parts)).toEqual(Buffer.from(Array.from({ length: 18 }, (_, i) => i)));
  });

  it('refuses a stream longer or shorter than the size it was opened with', async () => {
    await expect(drain(inParts(pieces(4, 4), 4, 7))).rejects.toMatchObject({ reason: 'changed' });
    await expect(drain(inParts(pieces(4, 2), 4, 7))).rejects.toMatchObject({ reason: 'changed' });
  });
});

describe('post media', () => {
  let directory: string;
  let storage: LocalMediaStorage;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-post-media-'));
    storage = new LocalMediaStorage(directory, 'https://herald.example/uploads', { maxVideoBytes: 1024 * 1024 });
    await mkdir(join(directory, ORG, '2026', '11'), { recursive: true });
    await writeFile(join(directory, KEY), Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('maps library files to media references with Herald’s URL, the type of the key and alt text', () => {
    const refs = mediaRefsOf([{ id: 'm1', path: storage.urlOf(KEY) }, { path: `${storage.urlOf(VIDEO)}?v=2`, alt: 'a clip' }], storage);
    expect(refs).toEqual([
      { url: storage.urlOf(KEY), mimeType: 'image/jpeg', open: expect.any(Function) },
      { url: storage.urlOf(VIDEO), mimeType: 'video/mp4', alt: 'a clip', open: expect.any(Function) },
    ]);
    expect(mediaRefsOf([], storage)).toEqual([]);
    expect(mediaRefsOf(null, storage)).toEqual([]);
  });

  it('streams the bytes from storage in parts; a missing file says so without naming a path', async () => {
    const [image, video] = mediaRefsOf([{ path: storage.urlOf(KEY) }, { path: storage.urlOf(VIDEO) }], storage);
    const opened = await image!.open();
    expect(opened.size).toBe(6);
    const parts: Buffer[] = [];
    for await (const part of opened.chunks(4)) parts.push(part);
    expect(parts).toEqual([Buffer.from([0xff, 0xd8, 0xff, 1]), Buffer.from([2, 3])]);
    const failure = await video?.open().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MediaReadError);
    expect((failure as Error).message).not.toContain(directory);
  });

  it('refuses a video over the storage’s cap (UPLOAD_MAX_VIDEO_MB) when it is opened, before reading it', async () => {
    const big = `${ORG}/2026/11/${'c'.repeat(32)}.mp4`;
    const handle = await open(join(directory, big), 'w');
    await handle.truncate(1024 * 1024 + 1);
    await handle.close();
    const [video] = mediaRefsOf([{ path: storage.urlOf(big) }], storage);
    await expect(video!.open()).rejects.toMatchObject({ reason: 'too_large', message: 'This media file is larger than a post may carry.' });
  });

  it('fails a read whose file changed size since it was opened, and one deleted meanwhile', async () => {
    const key = `${ORG}/2026/11/${'d'.repeat(32)}.mp4`;
    await writeFile(join(directory, key), Buffer.alloc(10, 1));
    const [video] = mediaRefsOf([{ path: storage.urlOf(key) }], storage);
    const opened = await video!.open();
    await writeFile(join(directory, key), Buffer.alloc(12, 1));
    await expect(drain(opened.chunks(4))).rejects.toMatchObject({ reason: 'changed' });
    await rm(join(directory, key));
    await expect(drain(opened.chunks(4))).rejects.toMatchObject({ reason: 'missing' });
  });

  it.each([
    ['no path', { id: 'm1' }],
    ['another host', { path: 'http://127.0.0.1:9/a.png' }],
    ['a look-alike prefix', { path: 'https://herald.example/uploadsX/a.jpg' }],
    ['a path outside the keys', { path: 'https://herald.example/uploads/../etc/passwd.jpg' }],
  ])('refuses %s without naming the address', (_name, entry) => {
    expect(() => mediaRefsOf([entry], storage)).toThrow(PostMediaError);
    try {
      mediaRefsOf([entry], storage);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/127\.0\.0\.1|herald\.example|passwd/);
    }
  });
});
