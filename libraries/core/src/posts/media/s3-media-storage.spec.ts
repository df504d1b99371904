import type { S3Settings } from '@herald/config';
import { S3MediaStorage } from './s3-media-storage';

const SETTINGS: S3Settings = {
  endpoint: 'http://minio:9000',
  region: 'us-east-1',
  bucket: 'herald-media',
  accessKeyId: 'herald',
  secretAccessKey: 'secret-secret',
  forcePathStyle: true,
  presignSeconds: 21600,
  partUrlSeconds: 900,
  directUploads: true,
};
const KEY = `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/2026/12/${'a'.repeat(32)}.mp4`;

describe('S3MediaStorage: URLs for browsers (docs/self-hosting.md#direct-uploads)', () => {
  const storages: S3MediaStorage[] = [];
  const storage = (settings: Partial<S3Settings> = {}) => {
    const made = new S3MediaStorage({ ...SETTINGS, ...settings }, '/tmp/herald-uploads', 'https://api.example.com/uploads', { maxVideoBytes: 1024 * 1024 * 1024 });
    storages.push(made);
    return made;
  };
  afterAll(() => storages.forEach((s) => s.close()));

  it('signs part URLs and GET redirects for S3_PUBLIC_ENDPOINT, while the API keeps talking to S3_ENDPOINT', async () => {
    const s3 = storage({ publicEndpoint: 'https://s3.example.com' });
    const staging = s3.newStagingKey();
    expect(staging).toMatch(/^staging\/[0-9a-f]{32}$/);
    const part = new URL(await s3.partUrl(staging, 'upload-1', 3, 5 * 1024 * 1024));
    expect(`${part.origin}${part.pathname}`).toBe(`https://s3.example.com/herald-media/${staging}`);
    expect(Object.fromEntries(['partNumber', 'uploadId', 'X-Amz-Expires', 'X-Amz-SignedHeaders'].map((k) => [k, part.searchParams.get(k)]))).toEqual({
      partNumber: '3',
      uploadId: 'upload-1',
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'content-length;host',
    });
    // No checksum of an empty body is signed in (the SDK's default would add x-amz-checksum-crc32 of nothing, which
    // the real S3 then checks against the part and refuses).
    expect([...part.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(new URL((await s3.downloadUrl(KEY))!).origin).toBe('https://s3.example.com');
    // ffprobe, on the server, reads through the internal address.
    const readable = await s3.readableCopy(KEY, false);
    expect(new URL(readable.source).origin).toBe('http://minio:9000');
  });

  it('without S3_PUBLIC_ENDPOINT signs for S3_ENDPOINT, and refuses keys that are not staging keys', async () => {
    const s3 = storage();
    expect(new URL(await s3.partUrl(s3.newStagingKey(), 'u', 1, 100)).origin).toBe('http://minio:9000');
    expect(() => s3.partUrl(KEY, 'u', 1, 100)).toThrow(/not a staging key/);
    expect(() => s3.partUrl('staging/../x', 'u', 1, 100)).toThrow(/not a staging key/);
  });
});
