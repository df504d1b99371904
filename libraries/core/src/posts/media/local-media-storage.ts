import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Sharp from 'sharp';
import { AppError } from '../../common/app-error';
import { inParts, MediaReadError, type MediaStorage, type StoredFile } from './media-storage';
import { isVideo, MAX_IMAGE_BYTES, mediaTypeOfExtension, type MediaType, SNIFF_BYTES, sniffMediaType } from './media-types';

// sharp (libvips, about 20 MB resident once loaded) is loaded with the first image to convert, not when a process
// starts: the cron and an idle API never convert one (bench/README.md, "Idle memory").
let sharpModule: typeof Sharp | undefined;
async function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= (await import('sharp')).default;
  return sharpModule;
}

/** One stored file, as listed (for the cleanup of files no medium refers to). */
export interface StoredObject {
  key: string;
  lastModified: Date;
}

/** An upload written to a temporary file and recognised, not yet in the library. */
export interface StagedUpload {
  tempPath: string;
  type: MediaType;
  size: number;
}

// `<organization id>/<yyyy>/<mm>/<32 hex>.<ext>`: nothing from the client, so a key can never climb out of the root.
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/\d{4}\/\d{2}\/[0-9a-f]{32}\.(jpg|png|gif|webp|mp4)$/;

const TEMP_DIRECTORY = '.tmp';

export function unsupportedMediaType(): AppError {
  return AppError.badRequest('unsupported_media_type', 'Only JPEG, PNG, GIF and WebP images and MP4 videos can be uploaded (recognised by their content).');
}

function tooLarge(type: MediaType, maxBytes: number): AppError {
  const mb = `${Math.round(maxBytes / (1024 * 1024))} MB`;
  return new AppError('payload_too_large', isVideo(type) ? `Videos may be at most ${mb}.` : `Images may be at most ${mb}.`);
}

/** What a storage takes: videos up to UPLOAD_MAX_VIDEO_MB (CoreConfig.uploadMaxVideoBytes), images up to 10 MB. */
export interface MediaLimits {
  maxVideoBytes: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Checks the type and the size while the bytes stream past, so a refused file is never fully written. */
class UploadInspector extends Transform {
  type: MediaType | undefined;
  size = 0;
  private head = Buffer.alloc(0);

  constructor(private readonly maxBytesOf: (type: MediaType) => number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (!this.type) {
      this.head = Buffer.concat([this.head, chunk]).subarray(0, SNIFF_BYTES);
      if (this.head.length >= SNIFF_BYTES) {
        this.type = sniffMediaType(this.head);
        if (!this.type) return done(unsupportedMediaType());
      }
    }
    if (this.type && this.size > this.maxBytesOf(this.type)) return done(tooLarge(this.type, this.maxBytesOf(this.type)));
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.type ??= sniffMediaType(this.head);
    done(this.type ? null : unsupportedMediaType());
  }
}

/** A stream made anew for each read, cut into parts; a file that disappears meanwhile is `missing`, not an fs error. */
export async function* readInParts(open: () => AsyncIterable<Uint8Array>, partBytes: number, size: number): AsyncGenerator<Buffer> {
  try {
    yield* inParts(open(), partBytes, size);
  } catch (error) {
    if (error instanceof MediaReadError || error instanceof RangeError) throw error;
    throw new MediaReadError('missing', 'This media file could not be read from Herald’s uploads (deleted?); try again, or upload it again.');
  }
}

/**
 * Media files under UPLOAD_DIRECTORY, reached by platforms at UPLOADS_PUBLIC_URL. Files are named by key only;
 * the client's file name never reaches the disk.
 */
export class LocalMediaStorage implements MediaStorage {
  private readonly root: string;
  private readonly publicBaseUrl: string;
  /** UPLOAD_MAX_VIDEO_MB in bytes: the cap of uploads and of publishing reads. */
  readonly maxVideoBytes: number;

  constructor(uploadDirectory: string, uploadsPublicUrl: string, limits: MediaLimits) {
    this.root = resolve(uploadDirectory);
    this.publicBaseUrl = uploadsPublicUrl.replace(/\/+$/, '');
    this.maxVideoBytes = limits.maxVideoBytes;
  }

  /** The largest file of a type this storage takes and reads. */
  maxBytesOf(type: MediaType): number {
    return isVideo(type) ? this.maxVideoBytes : MAX_IMAGE_BYTES;
  }

  newKey(organizationId: string, extension: MediaType['extension'], now: Date): string {
    const month = String(now.getUTCMonth() + 1).padStart(2, '0');
    return `${organizationId.toLowerCase()}/${now.getUTCFullYear()}/${month}/${randomBytes(16).toString('hex')}.${extension}`;
  }

  isKey(key: string): boolean {
    return KEY.test(key);
  }

  /** The file of a key; `undefined` for anything that is not a key this storage made. */
  pathOf(key: string): string | undefined {
    return this.isKey(key) ? join(this.root, ...key.split('/')) : undefined;
  }

  typeOf(key: string): MediaType | undefined {
    return this.isKey(key) ? mediaTypeOfExtension(key.slice(key.lastIndexOf('.') + 1)) : undefined;
  }

  urlOf(key: string): string {
    return `${this.publicBaseUrl}/${key}`;
  }

  /** The key behind one of this storage's public URLs (query ignored), else `undefined`. */
  keyOfUrl(url: string): string | undefined {
    const prefix = `${this.publicBaseUrl}/`;
    if (!url.startsWith(prefix)) return undefined;
    const key = url.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
    return this.isKey(key) ? key : undefined;
  }

  async read(key: string, maxBytes: number): Promise<Buffer> {
    const path = this.pathOf(key);
    if (!path) throw new MediaReadError('missing', 'This media file is not in Herald’s uploads.');
    let file;
    try {
      file = await open(path, 'r');
    } catch {
      throw new MediaReadError('missing', 'This media file is no longer in Herald’s uploads (deleted?); upload it again.');
    }
    try {
      const { size } = await file.stat();
      if (size > maxBytes) throw new MediaReadError('too_large', 'This media file is larger than a post may carry.');
      return await file.readFile();
    } finally {
      await file.close();
    }
  }

  async open(key: string): Promise<StoredFile> {
    const path = this.pathOf(key);
    const type = this.typeOf(key);
    if (!path || !type) throw new MediaReadError('missing', 'This media file is not in Herald’s uploads.');
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      throw new MediaReadError('missing', 'This media file is no longer in Herald’s uploads (deleted?); upload it again.');
    }
    if (size > this.maxBytesOf(type)) throw new MediaReadError('too_large', 'This media file is larger than a post may carry.');
    return { size, chunks: (partBytes) => readInParts(() => createReadStream(path, { highWaterMark: Math.min(partBytes, 8 * 1024 * 1024) }), partBytes, size) };
  }

  /** Where GET /uploads/<key> redirects to, for a storage whose files are elsewhere; `undefined`: served from disk. */
  downloadUrl(_key: string): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }

  /** Every stored file (JPEG siblings included) under a key prefix such as an organization's `<id>/`. */
  async *list(prefix = ''): AsyncGenerator<StoredObject> {
    // An organization's prefix (`<uuid>/`) names a folder: only that folder is walked.
    const folder = /^[0-9a-f-]{36}\/$/.test(prefix) ? join(this.root, prefix.slice(0, -1)) : this.root;
    let entries;
    try {
      entries = await readdir(folder, { recursive: true, withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const key = path.slice(this.root.length + 1).split(sep).join('/');
      if (!this.isKey(key) || !key.startsWith(prefix)) continue;
      const info = await stat(path).catch(() => undefined);
      if (info) yield { key, lastModified: info.mtime };
    }
  }

  /** Releases what the storage holds open (nothing on disk; the S3 client's sockets). */
  close(): void {}

  /** Nest calls this on app.close() for the backend's instance. */
  onApplicationShutdown(): void {
    this.close();
  }

  /** Removes files by key (keys this storage did not make are ignored). */
  async removeKeys(keys: string[]): Promise<void> {
    for (const key of keys) {
      const path = this.pathOf(key);
      if (path) await rm(path, { force: true });
    }
  }

  /** Streams an upload to a temporary file, refusing it as soon as its type or size is wrong. */
  async stage(source: Readable): Promise<StagedUpload> {
    const directory = join(this.root, TEMP_DIRECTORY);
    await mkdir(directory, { recursive: true });
    const tempPath = join(directory, randomBytes(16).toString('hex'));
    const inspector = new UploadInspector((type) => this.maxBytesOf(type));
    try {
      await pipeline(source, inspector, createWriteStream(tempPath, { flags: 'wx' }));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    if (!inspector.type) throw unsupportedMediaType();
    return { tempPath, type: inspector.type, size: inspector.size };
  }

  /** Where chunked uploads assemble their files (inside the staging area, so commit() can rename them). */
  chunkDirectory(): string {
    return join(this.root, TEMP_DIRECTORY, 'chunked');
  }

  /**
   * A file already assembled in chunkDirectory() (a chunked upload), recognised from its first bytes and checked
   * against its type's cap like stage(). Refused files are removed.
   */
  async adopt(tempPath: string): Promise<StagedUpload> {
    const file = await open(tempPath, 'r');
    let head: Buffer;
    let size: number;
    try {
      size = (await file.stat()).size;
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
    const type = sniffMediaType(head);
    if (!type || size > this.maxBytesOf(type)) {
      await rm(tempPath, { force: true });
      if (!type) throw unsupportedMediaType();
      throw tooLarge(type, this.maxBytesOf(type));
    }
    return { tempPath, type, size };
  }

  async discard(staged: Pick<StagedUpload, 'tempPath'>): Promise<void> {
    await rm(staged.tempPath, { force: true });
  }

  async commit(staged: StagedUpload, key: string): Promise<void> {
    const target = this.requirePath(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(staged.tempPath, target);
  }

  /** Removes a key's file and its JPEG sibling, if any. */
  async remove(key: string): Promise<void> {
    const path = this.requirePath(key);
    await rm(path, { force: true });
    const sibling = this.jpegSiblingKey(key);
    if (sibling !== key) await rm(this.requirePath(sibling), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    return path !== undefined && exists(path);
  }

  jpegSiblingKey(key: string): string {
    return key.replace(/\.[a-z0-9]+$/, '.jpg');
  }

  /**
   * Instagram only publishes JPEG: writes `<name>.jpg` beside a PNG or WebP (once; later calls reuse it) and
   * returns its key. Transparency becomes white, as Instagram would show it.
   */
  async ensureJpegSibling(key: string): Promise<string> {
    const source = this.requirePath(key);
    const siblingKey = this.jpegSiblingKey(key);
    if (siblingKey === key) return key;
    const target = this.requirePath(siblingKey);
    if (await exists(target)) return siblingKey;
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const sharp = await loadSharp();
      await sharp(source).flatten({ background: '#ffffff' }).jpeg({ quality: 90, mozjpeg: true }).toFile(temp);
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
    return siblingKey;
  }

  private requirePath(key: string): string {
    const path = this.pathOf(key);
    if (!path) throw new Error(`not a media key: ${key}`);
    return path;
  }
}
