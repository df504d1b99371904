import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { AppError, LocalMediaStorage, MAX_IMAGE_BYTES, MediaLibrary, type MediaView } from '@herald/core';
import { UPLOAD_TYPES, type UploadStatus } from '@herald/shared';
import type Redis from 'ioredis';
import { CONFIG, REDIS } from '../infra/tokens';
import { UploadAllowance } from './upload-allowance';

/** An unfinished upload is forgotten (and its file removed) after a day without a part arriving. */
const SESSION_TTL_SECONDS = 24 * 60 * 60;

interface UploadSession {
  organizationId: string;
  name: string;
  size: number;
  chunkSize: number;
  chunks: number;
}

/** What a client needs to go on with an upload: its shape, the parts the store has, and the ones still to send. */
export function uploadStatus(
  uploadId: string,
  mode: UploadStatus['mode'],
  session: { name: string; size: number; chunkSize: number; chunks: number },
  received: number[],
): UploadStatus {
  const have = new Set(received);
  const missing = [];
  for (let i = 0; i < session.chunks; i += 1) if (!have.has(i)) missing.push(i);
  return { uploadId, mode, name: session.name, size: session.size, chunkSize: session.chunkSize, chunks: session.chunks, received, missing };
}

/**
 * The start of an upload in parts (`POST /media/uploads {name, size, type?}`), either kind: a name, a size, and the
 * declared type's cap. The declared type only refuses early; completing checks the bytes themselves.
 */
export function parseUploadStart(body: unknown, uploadMaxVideoBytes: number): { name: string; size: number } {
  const value = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const details = [];
  if (typeof value.name !== 'string' || value.name.trim() === '' || value.name.length > 255) details.push({ field: 'name', message: 'name must be the file name (1 to 255 characters)' });
  if (typeof value.size !== 'number' || !Number.isInteger(value.size) || value.size < 1) details.push({ field: 'size', message: 'size must be the file size in bytes' });
  if (value.type !== undefined && (typeof value.type !== 'string' || !UPLOAD_TYPES.includes(value.type))) details.push({ field: 'type', message: `type must be one of ${UPLOAD_TYPES.join(', ')}` });
  if (details.length > 0) throw AppError.validation('The upload is invalid.', details);
  const size = value.size as number;
  const declared = typeof value.type === 'string' ? value.type : '';
  const cap = declared.startsWith('image/') ? MAX_IMAGE_BYTES : declared.startsWith('video/') ? uploadMaxVideoBytes : Math.max(uploadMaxVideoBytes, MAX_IMAGE_BYTES);
  if (size > cap) throw new AppError('payload_too_large', `${declared.startsWith('image/') ? 'Images' : declared.startsWith('video/') ? 'Videos' : 'Files'} may be at most ${Math.round(cap / (1024 * 1024))} MB.`);
  return { name: (value.name as string).trim(), size };
}

const sessionKey = (id: string) => `herald:upload:session:${id}`;
const receivedKey = (id: string) => `herald:upload:received:${id}`;

function chunkInvalid(message: string, field = 'chunk'): AppError {
  return AppError.badRequest('upload_chunk_invalid', message, [{ field, code: 'upload_chunk_invalid', message }]);
}

/** Counts the bytes of a part while they pass, refusing it as soon as it is longer than announced. */
class PartCounter extends Transform {
  bytes = 0;
  constructor(private readonly expected: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expected) return done(chunkInvalid(`This part must be ${this.expected} bytes; more arrived.`));
    done(null, chunk);
  }
}

/**
 * Resumable uploads in parts (docs/api-additions.md#chunked-uploads): each part is streamed to its offset in one
 * file of the staging area, so no request ever holds more than a stream buffer of the video. The session (who,
 * what size, which parts arrived) lives in Redis and expires; complete() checks the assembled file like a single
 * upload (type from its bytes, size cap, quota) and hands it to the media library, which commits it to the storage.
 */
@Injectable()
export class ChunkedUploads {
  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly storage: LocalMediaStorage,
    private readonly allowance: UploadAllowance,
    private readonly library: MediaLibrary,
  ) {}

  private pathOf(id: string): string {
    return join(this.storage.chunkDirectory(), id);
  }

  async create(organizationId: string, body: unknown): Promise<UploadStatus> {
    const { name, size } = parseUploadStart(body, this.config.uploadMaxVideoBytes);
    await this.allowance.assertFits(organizationId, size);
    await this.sweep();

    const id = randomUUID();
    const chunkSize = this.config.uploadChunkBytes;
    const session: UploadSession = { organizationId, name, size, chunkSize, chunks: Math.ceil(size / chunkSize) };
    await mkdir(this.storage.chunkDirectory(), { recursive: true });
    const file = await open(this.pathOf(id), 'wx');
    try {
      await file.truncate(size);
    } finally {
      await file.close();
    }
    await this.redis.set(sessionKey(id), JSON.stringify(session), 'EX', SESSION_TTL_SECONDS);
    return uploadStatus(id, 'chunked', session, []);
  }

  private async load(organizationId: string, id: string): Promise<UploadSession> {
    const raw = await this.redis.get(sessionKey(id));
    const session = raw ? (JSON.parse(raw) as UploadSession & { mode?: string }) : undefined;
    if (!session || session.organizationId !== organizationId || session.mode !== undefined) throw AppError.notFound('The upload');
    return session;
  }

  private async receivedOf(id: string): Promise<number[]> {
    return (await this.redis.smembers(receivedKey(id))).map(Number).sort((a, b) => a - b);
  }

  async status(organizationId: string, id: string): Promise<UploadStatus> {
    const session = await this.load(organizationId, id);
    return uploadStatus(id, 'chunked', session, await this.receivedOf(id));
  }

  /** Writes part `index` at its offset; sending a part again overwrites it (idempotent). */
  async putChunk(organizationId: string, id: string, rawIndex: string, body: Readable, contentLength: string | undefined): Promise<{ index: number; size: number }> {
    const session = await this.load(organizationId, id);
    const index = /^\d{1,9}$/.test(rawIndex) ? Number(rawIndex) : NaN;
    if (!Number.isInteger(index) || index >= session.chunks) throw chunkInvalid(`The part index must be 0 to ${session.chunks - 1}.`, 'index');
    const start = index * session.chunkSize;
    const expected = Math.min(session.chunkSize, session.size - start);
    if (contentLength !== undefined && Number(contentLength) !== expected) throw chunkInvalid(`Part ${index} must be ${expected} bytes; ${contentLength} were announced.`);
    const counter = new PartCounter(expected);
    await pipeline(body, counter, createWriteStream(this.pathOf(id), { flags: 'r+', start }));
    if (counter.bytes !== expected) throw chunkInvalid(`Part ${index} must be ${expected} bytes; ${counter.bytes} arrived.`);
    await this.redis.multi().sadd(receivedKey(id), String(index)).expire(receivedKey(id), SESSION_TTL_SECONDS).expire(sessionKey(id), SESSION_TTL_SECONDS).exec();
    return { index, size: expected };
  }

  async complete(organizationId: string, id: string): Promise<MediaView> {
    const session = await this.load(organizationId, id);
    const status = uploadStatus(id, 'chunked', session, await this.receivedOf(id));
    if (status.missing.length > 0) {
      throw new AppError('upload_incomplete', `${status.missing.length} of ${session.chunks} parts have not arrived; send them, then complete again.`, [
        { field: 'chunks', code: 'upload_incomplete', message: `missing parts: ${status.missing.slice(0, 50).join(', ')}` },
      ]);
    }
    // Claim the session: a second complete() (or a late part) finds nothing.
    if ((await this.redis.del(sessionKey(id), receivedKey(id))) === 0) throw AppError.notFound('The upload');
    const staged = await this.storage.adopt(this.pathOf(id));
    await this.allowance.assertRoom(organizationId, staged);
    try {
      return await this.library.add(organizationId, staged, session.name);
    } catch (error) {
      await this.storage.discard(staged);
      throw error;
    }
  }

  async abort(organizationId: string, id: string): Promise<void> {
    await this.load(organizationId, id);
    await this.redis.del(sessionKey(id), receivedKey(id));
    await rm(this.pathOf(id), { force: true });
  }

  /** Removes partial files no part has reached for a day (their sessions have expired). */
  private async sweep(): Promise<void> {
    const directory = this.storage.chunkDirectory();
    const entries = await readdir(directory).catch(() => [] as string[]);
    const before = Date.now() - SESSION_TTL_SECONDS * 1000;
    for (const name of entries) {
      const path = join(directory, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < before) await rm(path, { force: true });
    }
  }
}
