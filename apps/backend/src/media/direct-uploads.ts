import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import {
  AppError,
  LocalMediaStorage,
  MAX_IMAGE_BYTES,
  MediaLibrary,
  type MediaView,
  S3_MAX_PARTS,
  S3_MIN_PART_BYTES,
  S3MediaStorage,
  SNIFF_BYTES,
  sniffMediaType,
  type StoredPart,
  unsupportedMediaType,
} from '@herald/core';
import type { PartUrls, UploadStatus } from '@herald/shared';
import type Redis from 'ioredis';
import { CONFIG, REDIS } from '../infra/tokens';
import { parseUploadStart, uploadStatus } from './chunked-uploads';
import { UploadAllowance } from './upload-allowance';

/** An unfinished direct upload is forgotten (and aborted in the bucket) after a day without a part URL asked. */
const SESSION_TTL_SECONDS = 24 * 60 * 60;
/** Part URLs signed per request. */
const MAX_URLS_PER_REQUEST = 100;
const MB = 1024 * 1024;

interface DirectSession {
  mode: 'direct';
  organizationId: string;
  name: string;
  size: number;
  chunkSize: number;
  chunks: number;
  /** The staging key in the bucket, and S3's id of the multipart upload. */
  key: string;
  s3UploadId: string;
}

const sessionKey = (id: string) => `herald:upload:session:${id}`;
/** Every open multipart upload (member: its key and S3 id), scored by its last activity: for the sweep. */
const OPEN_KEY = 'herald:upload:direct:open';
const openMember = (session: Pick<DirectSession, 'key' | 's3UploadId'>) => JSON.stringify({ key: session.key, uploadId: session.s3UploadId });

function parseIndexes(value: unknown, chunks: number, field: string): number[] {
  const list = Array.isArray(value) ? value : [];
  const fine = list.length >= 1 && list.length <= MAX_URLS_PER_REQUEST && list.every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < chunks);
  if (!fine) throw AppError.validation('The parts are invalid.', [{ field, message: `${field} must list 1 to ${MAX_URLS_PER_REQUEST} part indexes, 0 to ${chunks - 1}` }]);
  return [...new Set(list as number[])].sort((a, b) => a - b);
}

/**
 * Large uploads straight to the bucket (STORAGE=s3, docs/api-additions.md#direct-uploads-to-s3): the API starts a
 * multipart upload for a staging key and signs an UploadPart URL per part on demand; the browser PUTs the parts to
 * S3 itself. Resume asks the bucket which parts it has (ListParts); complete() assembles them from the bucket's own
 * list, then checks the object like a single upload (type from a ranged GET of its first bytes, size cap, quota),
 * reads its metadata without downloading a video (ffprobe reads a pre-signed URL by ranges) and copies it to its
 * media key. The API never holds more than the first bytes of the file. The session lives in Redis like a chunked one.
 */
@Injectable()
export class DirectUploads {
  private readonly s3: S3MediaStorage | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(REDIS) private readonly redis: Redis,
    storage: LocalMediaStorage,
    private readonly allowance: UploadAllowance,
    private readonly library: MediaLibrary,
  ) {
    const direct = config.storage.kind === 's3' && config.storage.directUploads;
    this.s3 = direct && storage instanceof S3MediaStorage ? storage : undefined;
  }

  /** STORAGE=s3 with S3_DIRECT_UPLOADS on: POST /media/uploads starts a direct upload. */
  get enabled(): boolean {
    return this.s3 !== undefined;
  }

  private get storage(): S3MediaStorage {
    if (!this.s3) throw AppError.conflict('upload_mode_mismatch', 'This server takes uploads in chunks (PUT /media/uploads/:id/chunks/:index), not directly to the bucket.');
    return this.s3;
  }

  /** Parts of at least S3's 5 MiB (UPLOAD_CHUNK_KB when larger), few enough for S3's 10,000. */
  private partSizeFor(size: number): number {
    const fewEnough = Math.ceil(size / S3_MAX_PARTS / MB) * MB;
    return Math.max(S3_MIN_PART_BYTES, this.config.uploadChunkBytes, fewEnough);
  }

  async create(organizationId: string, body: unknown): Promise<UploadStatus> {
    const storage = this.storage;
    const { name, size } = parseUploadStart(body, this.config.uploadMaxVideoBytes);
    await this.allowance.assertFits(organizationId, size);
    await this.sweep();

    const id = randomUUID();
    const chunkSize = this.partSizeFor(size);
    const key = storage.newStagingKey();
    const s3UploadId = await storage.startMultipart(key);
    const session: DirectSession = { mode: 'direct', organizationId, name, size, chunkSize, chunks: Math.ceil(size / chunkSize), key, s3UploadId };
    await this.open(id, session);
    return uploadStatus(id, 'direct', session, []);
  }

  private async open(id: string, session: DirectSession): Promise<void> {
    await this.redis.multi().set(sessionKey(id), JSON.stringify(session), 'EX', SESSION_TTL_SECONDS).zadd(OPEN_KEY, Date.now(), openMember(session)).exec();
  }

  /** Activity: the session lives another day. Only refreshes (a session completed meanwhile stays gone). */
  private async touch(id: string, session: DirectSession): Promise<void> {
    await this.redis.multi().expire(sessionKey(id), SESSION_TTL_SECONDS).zadd(OPEN_KEY, 'XX', Date.now(), openMember(session)).exec();
  }

  private async load(organizationId: string, id: string): Promise<DirectSession> {
    const raw = await this.redis.get(sessionKey(id));
    const session = raw ? (JSON.parse(raw) as Partial<DirectSession>) : undefined;
    if (!session || session.organizationId !== organizationId || session.mode !== 'direct') throw AppError.notFound('The upload');
    return session as DirectSession;
  }

  private expectedSize(session: DirectSession, index: number): number {
    return Math.min(session.chunkSize, session.size - index * session.chunkSize);
  }

  /** The bucket's parts by index, only those of the right size (a part of another size must be sent again). */
  private async partsOf(id: string, session: DirectSession): Promise<Map<number, StoredPart>> {
    const listed = await this.storage.listParts(session.key, session.s3UploadId);
    if (!listed) {
      // The bucket dropped it (aborted, or its lifecycle rule): nothing to resume.
      await this.forget(id, session);
      throw AppError.notFound('The upload');
    }
    const parts = new Map<number, StoredPart>();
    for (const part of listed) {
      const index = part.partNumber - 1;
      if (index >= 0 && index < session.chunks && part.size === this.expectedSize(session, index)) parts.set(index, part);
    }
    return parts;
  }

  async status(organizationId: string, id: string): Promise<UploadStatus> {
    const session = await this.load(organizationId, id);
    const parts = await this.partsOf(id, session);
    return uploadStatus(id, 'direct', session, [...parts.keys()].sort((a, b) => a - b));
  }

  /** Fresh pre-signed UploadPart URLs for the parts asked (0-based indexes; S3's part number is index + 1). */
  async partUrls(organizationId: string, id: string, body: unknown): Promise<PartUrls> {
    const storage = this.storage;
    const session = await this.load(organizationId, id);
    const indexes = parseIndexes((body as { parts?: unknown } | null)?.parts, session.chunks, 'parts');
    const expiresAt = new Date(Date.now() + storage.partUrlSeconds * 1000).toISOString();
    const parts = [];
    for (const index of indexes) {
      const size = this.expectedSize(session, index);
      parts.push({ index, size, url: await storage.partUrl(session.key, session.s3UploadId, index + 1, size) });
    }
    await this.touch(id, session);
    return { uploadId: id, expiresAt, parts };
  }

  async complete(organizationId: string, id: string, body: unknown): Promise<MediaView> {
    const storage = this.storage;
    const session = await this.load(organizationId, id);
    const parts = await this.partsOf(id, session);
    const missing = [];
    for (let i = 0; i < session.chunks; i += 1) if (!parts.has(i)) missing.push(i);
    if (missing.length > 0) {
      throw new AppError('upload_incomplete', `${missing.length} of ${session.chunks} parts have not arrived; send them, then complete again.`, [
        { field: 'chunks', code: 'upload_incomplete', message: `missing parts: ${missing.slice(0, 50).join(', ')}` },
      ]);
    }
    // The browser may name the ETags S3 gave it: a part the bucket holds with another ETag was overwritten since.
    const claimed = (body as { parts?: unknown } | null)?.parts;
    if (Array.isArray(claimed)) {
      const differing = (claimed as unknown[])
        .filter((p): p is { index: number; etag: string } => {
          const part = (typeof p === 'object' && p !== null ? p : {}) as { index?: unknown; etag?: unknown };
          return Number.isInteger(part.index) && typeof part.etag === 'string';
        })
        .filter((p) => parts.has(p.index) && parts.get(p.index)!.etag !== p.etag.replace(/"/g, ''))
        .map((p) => p.index);
      if (differing.length > 0) {
        throw new AppError('upload_part_mismatch', `${differing.length} part(s) in the bucket are not the ones this browser sent; send them again, then complete.`, [
          { field: 'parts', code: 'upload_part_mismatch', message: `parts: ${differing.slice(0, 50).join(', ')}` },
        ]);
      }
    }
    // Claim the session: a second complete() (or an abort) finds nothing.
    if ((await this.redis.del(sessionKey(id))) === 0) throw AppError.notFound('The upload');
    try {
      await storage.completeMultipart(session.key, session.s3UploadId, [...parts.values()].sort((a, b) => a.partNumber - b.partNumber));
    } catch (error) {
      // Nothing is lost: the parts stay in the bucket and the session comes back, to complete again (or resume).
      await this.open(id, session);
      const name = (error as { name?: string }).name ?? '';
      if (['InvalidPart', 'InvalidPartOrder', 'EntityTooSmall'].includes(name)) {
        throw new AppError('upload_part_mismatch', 'The bucket\'s parts changed while the upload was being completed; check them (GET /media/uploads/:id), then complete again.', [
          { field: 'parts', code: 'upload_part_mismatch', message: name },
        ]);
      }
      throw error;
    }
    try {
      await this.redis.zrem(OPEN_KEY, openMember(session));
      const { size, head } = await storage.headOf(session.key, SNIFF_BYTES);
      const type = sniffMediaType(head);
      if (!type) throw unsupportedMediaType();
      const video = type.mime.startsWith('video/');
      const cap = video ? this.config.uploadMaxVideoBytes : MAX_IMAGE_BYTES;
      if (size > cap) throw new AppError('payload_too_large', `${video ? 'Videos' : 'Images'} may be at most ${Math.round(cap / MB)} MB.`);
      await this.allowance.assertFits(organizationId, size);
      // ffprobe reads a video through a pre-signed URL by ranges; an image (10 MB at most) is copied to disk for sharp.
      const readable = await storage.readableCopy(session.key, !video);
      try {
        return await this.library.addStored(organizationId, { type, size }, readable.source, (key) => storage.adoptStaged(session.key, key, type.mime, size), session.name);
      } finally {
        await readable.release();
      }
    } catch (error) {
      // Refused (type, size, quota) or failed: the assembled staging object goes.
      await this.discard(session, true).catch(() => undefined);
      throw error;
    }
  }

  /** Removes what the bucket holds of an upload: its parts, or the assembled staging object. */
  private async discard(session: DirectSession, assembled: boolean): Promise<void> {
    if (!assembled) await this.storage.abortMultipart(session.key, session.s3UploadId);
    await this.storage.removeStaged(session.key);
    await this.redis.zrem(OPEN_KEY, openMember(session));
  }

  private async forget(id: string, session: DirectSession): Promise<void> {
    await this.redis.del(sessionKey(id));
    await this.discard(session, false);
  }

  async abort(organizationId: string, id: string): Promise<void> {
    const session = await this.load(organizationId, id);
    await this.forget(id, session);
  }

  /** Aborts the multipart uploads nobody asked part URLs for in a day (their sessions have expired). */
  private async sweep(): Promise<void> {
    if (!this.s3) return;
    const stale = await this.redis.zrangebyscore(OPEN_KEY, 0, Date.now() - SESSION_TTL_SECONDS * 1000, 'LIMIT', 0, 50);
    for (const member of stale) {
      const upload = JSON.parse(member) as { key: string; uploadId: string };
      try {
        await this.s3.abortMultipart(upload.key, upload.uploadId);
        await this.s3.removeStaged(upload.key);
      } catch {
        // The next sweep tries again; the bucket's lifecycle rule is the backstop (docs/self-hosting.md#direct-uploads).
        continue;
      }
      await this.redis.zrem(OPEN_KEY, member);
    }
  }
}
