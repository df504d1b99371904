import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Settings } from '@herald/config';
import { LocalMediaStorage, type MediaLimits, readInParts, type StagedUpload, type StoredObject } from './local-media-storage';
import { MediaReadError, type StoredFile } from './media-storage';
import { MAX_IMAGE_BYTES } from './media-types';

/** S3's multipart rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const S3_MIN_PART_BYTES = 5 * 1024 * 1024;
export const S3_MAX_PARTS = 10_000;
/** The largest object a single CopyObject copies; bigger ones are copied part by part. */
const COPY_OBJECT_MAX_BYTES = 5 * 1024 * 1024 * 1024;
const COPY_PART_BYTES = 512 * 1024 * 1024;
/** Direct uploads land here, outside every organization's prefix, until they are checked (docs/self-hosting.md#direct-uploads). */
export const S3_STAGING_PREFIX = 'staging/';

/** A part of an unfinished multipart upload, as the bucket lists it. */
export interface StoredPart {
  partNumber: number;
  size: number;
  etag: string;
}

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
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.name === 'NoSuchUpload' || e?.$metadata?.httpStatusCode === 404;
}

const unquoted = (etag: string | undefined) => (etag ?? '').replace(/"/g, '');

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
  /** Signs the URLs browsers use (S3_PUBLIC_ENDPOINT, else S3_ENDPOINT); never sends a request itself. */
  readonly signer: S3Client;
  readonly partUrlSeconds: number;
  private readonly bucket: string;
  private readonly heraldBaseUrl: string;
  private readonly objectBaseUrl: string | undefined;
  private readonly presignSeconds: number;

  constructor(settings: S3Settings, uploadDirectory: string, uploadsPublicUrl: string, limits: MediaLimits, client: S3Client = s3ClientOf(settings)) {
    super(uploadDirectory, uploadsPublicUrl, limits);
    this.client = client;
    this.signer = settings.publicEndpoint && settings.publicEndpoint !== settings.endpoint ? s3ClientOf({ ...settings, endpoint: settings.publicEndpoint }) : client;
    this.partUrlSeconds = settings.partUrlSeconds;
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
    return getSignedUrl(this.signer, new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentType: type?.mime }), { expiresIn: this.presignSeconds });
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
    if (this.signer !== this.client) this.signer.destroy();
  }

  // Direct uploads (docs/api-additions.md#direct-uploads-to-s3): the browser sends the parts of a multipart upload
  // straight to the bucket by pre-signed URLs; the API only starts it, signs, lists, completes and checks.

  /** A fresh staging key: outside every organization's prefix, never a media key. */
  newStagingKey(): string {
    return `${S3_STAGING_PREFIX}${randomBytes(16).toString('hex')}`;
  }

  private assertStaging(key: string): void {
    if (!/^staging\/[0-9a-f]{32}$/.test(key)) throw new Error(`not a staging key: ${key}`);
  }

  /** CreateMultipartUpload for a staging key; its S3 upload id. */
  async startMultipart(key: string): Promise<string> {
    this.assertStaging(key);
    const started = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: 'application/octet-stream' }));
    if (!started.UploadId) throw new Error('the bucket answered CreateMultipartUpload without an UploadId');
    return started.UploadId;
  }

  /**
   * A pre-signed UploadPart URL (signed for the browser's endpoint), valid `partUrlSeconds`. Its Content-Length is
   * signed too: the bucket takes exactly `bytes` for this part (a browser sends a file slice's own length), so nobody
   * holding the URL can park a larger part in the bucket past the upload's size and the quota checked for it.
   */
  partUrl(key: string, uploadId: string, partNumber: number, bytes: number): Promise<string> {
    this.assertStaging(key);
    return getSignedUrl(this.signer, new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, ContentLength: bytes }), {
      expiresIn: this.partUrlSeconds,
      signableHeaders: new Set(['content-length']),
    });
  }

  /** ListParts, page by page; `undefined` when the bucket no longer knows the upload. */
  async listParts(key: string, uploadId: string): Promise<StoredPart[] | undefined> {
    this.assertStaging(key);
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    try {
      for (;;) {
        const page = await this.client.send(new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }));
        for (const part of page.Parts ?? []) {
          if (part.PartNumber !== undefined) parts.push({ partNumber: part.PartNumber, size: part.Size ?? 0, etag: unquoted(part.ETag) });
        }
        if (!page.IsTruncated || !page.NextPartNumberMarker) break;
        marker = page.NextPartNumberMarker;
      }
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  /** CompleteMultipartUpload with the parts (and ETags) the bucket itself listed. */
  async completeMultipart(key: string, uploadId: string, parts: StoredPart[]): Promise<void> {
    this.assertStaging(key);
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: `"${p.etag}"` })) },
      }),
    );
  }

  /** AbortMultipartUpload (the parts are deleted); an upload the bucket no longer knows is fine. */
  async abortMultipart(key: string, uploadId: string): Promise<void> {
    this.assertStaging(key);
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** An object's size and its first `bytes` (a ranged GET), without reading the rest. */
  async headOf(key: string, bytes: number): Promise<{ size: number; head: Buffer }> {
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    const size = head.ContentLength ?? 0;
    if (size === 0) return { size, head: Buffer.alloc(0) };
    const ranged = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${Math.min(bytes, size) - 1}` }));
    const body = Buffer.from(await ranged.Body!.transformToByteArray());
    return { size, head: body.subarray(0, bytes) };
  }

  /**
   * Where a reader of the object's content finds it without the API holding it: a short pre-signed GET URL (for
   * ffprobe, which reads by ranges) or, with `download`, a temporary copy on disk (for sharp; images are small).
   */
  async readableCopy(key: string, download: boolean): Promise<{ source: string; release: () => Promise<void> }> {
    if (!download) {
      const source = await getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: 900 });
      return { source, release: () => Promise.resolve() };
    }
    const directory = join(this.chunkDirectory(), '..');
    await mkdir(directory, { recursive: true });
    const source = join(directory, randomBytes(16).toString('hex'));
    const release = () => rm(source, { force: true });
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      await pipeline(object.Body as Readable, createWriteStream(source, { flags: 'wx' }));
    } catch (error) {
      await release();
      throw error;
    }
    return { source, release };
  }

  /**
   * Moves a checked staging object to its media key, with its real type and the cache headers of an upload:
   * CopyObject up to 5 GiB, UploadPartCopy beyond; then the staging object is deleted.
   */
  async adoptStaged(stagingKey: string, key: string, contentType: string, size: number): Promise<void> {
    this.assertStaging(stagingKey);
    if (!this.isKey(key)) throw new Error(`not a media key: ${key}`);
    const source = `${this.bucket}/${stagingKey}`;
    const headers = { ContentType: contentType, CacheControl: 'public, max-age=31536000, immutable' };
    if (size <= COPY_OBJECT_MAX_BYTES) {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: source, MetadataDirective: 'REPLACE', ...headers }));
    } else {
      const uploadId = (await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ...headers }))).UploadId!;
      try {
        const parts = [];
        for (let start = 0, number = 1; start < size; start += COPY_PART_BYTES, number += 1) {
          const end = Math.min(size, start + COPY_PART_BYTES) - 1;
          const copied = await this.client.send(
            new UploadPartCopyCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: number, CopySource: source, CopySourceRange: `bytes=${start}-${end}` }),
          );
          parts.push({ PartNumber: number, ETag: copied.CopyPartResult?.ETag });
        }
        await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      } catch (error) {
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
        throw error;
      }
    }
    await this.removeStaged(stagingKey);
  }

  /** Deletes a staging object (absent is fine). */
  async removeStaged(stagingKey: string): Promise<void> {
    this.assertStaging(stagingKey);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: stagingKey }));
  }

  /** Removes objects by key, 1,000 per request (the S3 limit). */
  override async removeKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    }
  }
}
