import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Settings } from '@herald/config';
import { LocalMediaStorage, type MediaLimits, readInParts, type StagedUpload, type StoredObject } from './local-media-storage';
import { MediaReadError, type StoredFile } from './media-storage';
import { MAX_IMAGE_BYTES } from './media-types';

export function s3ClientOf(settings: S3Settings): S3Client {
  const config: S3ClientConfig = {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    // MinIO, R2 and older S3-compatible servers do not all accept the SDK's default CRC32 checksums on every call.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (settings.endpoint) config.endpoint = settings.endpoint;
  if (settings.accessKeyId && settings.secretAccessKey) config.credentials = { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey };
  return new S3Client(config);
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Reads a stream into memory, stopping (and destroying it) past `maxBytes`. */
async function collect(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new MediaReadError('too_large', 'This media file is larger than a post may carry.');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Media files in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2), under the same keys as on disk.
 * Uploads are still staged (type and size checked while they stream) in UPLOAD_DIRECTORY/.tmp, then streamed to
 * the bucket by a multipart upload, so no file is ever held whole in memory. Platforms reach a file at
 * S3_PUBLIC_URL/<key> when set; otherwise at Herald's /uploads/<key>, which answers with a redirect to a
 * pre-signed GET URL (docs/self-hosting.md#media-storage).
 */
export class S3MediaStorage extends LocalMediaStorage {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly heraldBaseUrl: string;
  private readonly objectBaseUrl: string | undefined;
  private readonly presignSeconds: number;

  constructor(settings: S3Settings, uploadDirectory: string, uploadsPublicUrl: string, limits: MediaLimits, client: S3Client = s3ClientOf(settings)) {
    super(uploadDirectory, uploadsPublicUrl, limits);
    this.client = client;
    this.bucket = settings.bucket;
    this.heraldBaseUrl = uploadsPublicUrl.replace(/\/+$/, '');
    this.objectBaseUrl = settings.publicUrl?.replace(/\/+$/, '');
    this.presignSeconds = settings.presignSeconds;
  }

  get bucketName(): string {
    return this.bucket;
  }

  /** Files are not on this machine's disk. */
  override pathOf(): string | undefined {
    return undefined;
  }

  override urlOf(key: string): string {
    return `${this.objectBaseUrl ?? this.heraldBaseUrl}/${key}`;
  }

  /** Accepts both the public bucket URL and Herald's /uploads URL (records written before S3_PUBLIC_URL was set). */
  override keyOfUrl(url: string): string | undefined {
    for (const base of [this.objectBaseUrl, this.heraldBaseUrl]) {
      if (!base || !url.startsWith(`${base}/`)) continue;
      const key = url.slice(base.length + 1).split(/[?#]/, 1)[0] ?? '';
      if (this.isKey(key)) return key;
    }
    return undefined;
  }

  /** Where /uploads/<key> sends a client: a pre-signed GET URL (or the public URL when S3_PUBLIC_URL is set). */
  override async downloadUrl(key: string): Promise<string | undefined> {
    if (!this.isKey(key)) return undefined;
    if (this.objectBaseUrl) return `${this.objectBaseUrl}/${key}`;
    const type = this.typeOf(key);
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentType: type?.mime }), { expiresIn: this.presignSeconds });
  }

  override async read(key: string, maxBytes: number): Promise<Buffer> {
    if (!this.isKey(key)) throw new MediaReadError('missing', 'This media file is not in Herald’s uploads.');
    let response;
    try {
      response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) throw new MediaReadError('missing', 'This media file is no longer in Herald’s uploads (deleted?); upload it again.');
      throw new MediaReadError('missing', 'This media file could not be read from the media storage; try again later.');
    }
    const body = response.Body as Readable;
    if ((response.ContentLength ?? 0) > maxBytes) {
      body.destroy();
      throw new MediaReadError('too_large', 'This media file is larger than a post may carry.');
    }
    return collect(body, maxBytes);
  }

  /** HeadObject for the size; the bytes are one GetObject per read, streamed (never buffered whole). */
  override async open(key: string): Promise<StoredFile> {
    const type = this.typeOf(key);
    if (!type) throw new MediaReadError('missing', 'This media file is not in Herald’s uploads.');
    let size: number;
    try {
      size = (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))).ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) throw new MediaReadError('missing', 'This media file is no longer in Herald’s uploads (deleted?); upload it again.');
      throw new MediaReadError('missing', 'This media file could not be read from the media storage; try again later.');
    }
    if (size > this.maxBytesOf(type)) throw new MediaReadError('too_large', 'This media file is larger than a post may carry.');
    const body = async function* (client: S3Client, bucket: string): AsyncGenerator<Uint8Array> {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      yield* response.Body as Readable;
    };
    return { size, chunks: (partBytes) => readInParts(() => body(this.client, this.bucket), partBytes, size) };
  }

  override async commit(staged: StagedUpload, key: string): Promise<void> {
    await this.putFile(key, staged.tempPath, staged.type.mime);
    await rm(staged.tempPath, { force: true });
  }

  /** Streams a file from disk into the bucket (multipart past 5 MB). */
  async putFile(key: string, path: string, contentType: string): Promise<void> {
    if (!this.isKey(key)) throw new Error(`not a media key: ${key}`);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: createReadStream(path), ContentType: contentType, CacheControl: 'public, max-age=31536000, immutable' },
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
    });
    await upload.done();
  }

  override async remove(key: string): Promise<void> {
    if (!this.isKey(key)) throw new Error(`not a media key: ${key}`);
    const keys = [...new Set([key, this.jpegSiblingKey(key)])];
    await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
  }

  override async exists(key: string): Promise<boolean> {
    if (!this.isKey(key)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  override async ensureJpegSibling(key: string): Promise<string> {
    const siblingKey = this.jpegSiblingKey(key);
    if (siblingKey === key) return key;
    if (await this.exists(siblingKey)) return siblingKey;
    const source = await this.read(key, MAX_IMAGE_BYTES);
    const sharp = (await import('sharp')).default;
    const jpeg = await sharp(source).flatten({ background: '#ffffff' }).jpeg({ quality: 90, mozjpeg: true }).toBuffer();
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: siblingKey, Body: jpeg, ContentType: 'image/jpeg', CacheControl: 'public, max-age=31536000, immutable' }),
    );
    return siblingKey;
  }

  /** Every object under a prefix (an organization's `<id>/`), page by page. */
  override async *list(prefix = ''): AsyncGenerator<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (object.Key && object.LastModified) yield { key: object.Key, lastModified: object.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  override close(): void {
    this.client.destroy();
  }

  /** Removes objects by key, 1,000 per request (the S3 limit). */
  override async removeKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    }
  }
}
