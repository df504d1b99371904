import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMediaStorage } from '../posts/media/local-media-storage';
import { mediaRefsOf, PostMediaError } from './post-media';

const ORG = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const KEY = `${ORG}/2026/11/${'a'.repeat(32)}.jpg`;
const VIDEO = `${ORG}/2026/11/${'b'.repeat(32)}.mp4`;

describe('post media', () => {
  let directory: string;
  let storage: LocalMediaStorage;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-post-media-'));
    storage = new LocalMediaStorage(directory, 'https://herald.example/uploads');
    await mkdir(join(directory, ORG, '2026', '11'), { recursive: true });
    await writeFile(join(directory, KEY), Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('maps library files to media references with Herald’s URL, the type of the key and alt text', () => {
    const refs = mediaRefsOf([{ id: 'm1', path: storage.urlOf(KEY) }, { path: `${storage.urlOf(VIDEO)}?v=2`, alt: 'a clip' }], storage);
    expect(refs).toEqual([
      { url: storage.urlOf(KEY), mimeType: 'image/jpeg', read: expect.any(Function) },
      { url: storage.urlOf(VIDEO), mimeType: 'video/mp4', alt: 'a clip', read: expect.any(Function) },
    ]);
    expect(mediaRefsOf([], storage)).toEqual([]);
    expect(mediaRefsOf(null, storage)).toEqual([]);
  });

  it('reads the bytes from storage; a missing file says so without naming a path', async () => {
    const [image, video] = mediaRefsOf([{ path: storage.urlOf(KEY) }, { path: storage.urlOf(VIDEO) }], storage);
    await expect(image?.read()).resolves.toEqual(Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]));
    const failure = await video?.read().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toContain(directory);
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
