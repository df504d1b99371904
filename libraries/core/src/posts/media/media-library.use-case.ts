import { Readable } from 'node:stream';
import type { Media, MediaFilter, MediaRepository, PostUsingMedia } from '@herald/database';
import type Sharp from 'sharp';
import { AppError } from '../../common/app-error';
import type { LocalMediaStorage, StagedUpload } from './local-media-storage';
import { type MediaMetadata, MediaMetadataReader, UNKNOWN_METADATA } from './media-metadata';
import { MAX_IMAGE_BYTES } from './media-types';

export const MAX_ALT_LENGTH = 1000;

/** Crops by preset: the largest centred rectangle of that aspect ratio (width:height). */
export const CROP_PRESETS = { '1:1': 1, '4:5': 4 / 5, '1.91:1': 1.91, '9:16': 9 / 16, '16:9': 16 / 9 } as const;
export type CropPreset = keyof typeof CROP_PRESETS;

export type CropRequest = { x: number; y: number; width: number; height: number } | { aspect: CropPreset };

let sharpModule: typeof Sharp | undefined;
async function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= (await import('sharp')).default;
  return sharpModule;
}

export const MEDIA_PAGE_SIZE = 28;

/** A medium as the API answers it (GET /media, the uploads); its metadata as `MediaMetadata` says. */
export interface MediaView extends MediaMetadata {
  id: string;
  name: string;
  /** Absolute public URL (under UPLOADS_PUBLIC_URL): what a post's `image[].path` takes. */
  path: string;
  type: string;
  size: number;
  /** Alternative text, `null` when none was given. */
  alt: string | null;
  /** The media this one was cropped from. */
  sourceMediaId: string | null;
  createdAt: string;
}

export interface MediaListView {
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
  results: MediaView[];
}

/** Only a base name, printable and short: it is shown in the library, never used as a path. */
function displayName(original: string | undefined, fallback: string): string {
  const base = (original ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || fallback;
}

/** The organization's media library: uploads come in staged (type and size already checked by content). */
export class MediaLibrary {
  constructor(
    private readonly storage: LocalMediaStorage,
    private readonly media: MediaRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly metadata: Pick<MediaMetadataReader, 'read'> = new MediaMetadataReader(),
  ) {}

  async add(organizationId: string, staged: StagedUpload, originalName?: string, sourceMediaId?: string): Promise<MediaView> {
    const meta = await this.readMetadata(staged.tempPath, staged.type.mime);
    return this.record(organizationId, staged, meta, (key) => this.storage.commit(staged, key), originalName, sourceMediaId);
  }

  /**
   * A file already checked in the storage's staging area (a direct upload to S3): its metadata is read from
   * `metadataSource` (a path, or a URL ffprobe reads by ranges), then `place` moves it under its media key.
   */
  async addStored(
    organizationId: string,
    file: Pick<StagedUpload, 'type' | 'size'>,
    metadataSource: string,
    place: (key: string) => Promise<void>,
    originalName?: string,
  ): Promise<MediaView> {
    const meta = await this.readMetadata(metadataSource, file.type.mime);
    return this.record(organizationId, file, meta, place, originalName);
  }

  private async readMetadata(source: string, mime: string): Promise<MediaMetadata> {
    try {
      return await this.metadata.read(source, mime);
    } catch {
      // The reader logs and never throws; a file without metadata is still a file.
      return UNKNOWN_METADATA;
    }
  }

  private async record(
    organizationId: string,
    file: Pick<StagedUpload, 'type' | 'size'>,
    meta: MediaMetadata,
    place: (key: string) => Promise<void>,
    originalName?: string,
    sourceMediaId?: string,
  ): Promise<MediaView> {
    const key = this.storage.newKey(organizationId, file.type.extension, this.now());
    await place(key);
    try {
      const row = await this.media.create(organizationId, {
        name: displayName(originalName, key.slice(key.lastIndexOf('/') + 1)),
        fileKey: key,
        type: file.type.mime,
        size: file.size,
        ...meta,
        ...(sourceMediaId ? { sourceMediaId } : {}),
      });
      return this.view(row);
    } catch (error) {
      await this.storage.remove(key);
      throw error;
    }
  }

  async list(organizationId: string, page: number, filter: MediaFilter = {}): Promise<MediaListView> {
    const current = Math.max(1, Math.floor(page));
    const { items, total } = await this.media.list(organizationId, { skip: (current - 1) * MEDIA_PAGE_SIZE, take: MEDIA_PAGE_SIZE }, filter);
    return { page: current, pages: Math.ceil(total / MEDIA_PAGE_SIZE), total, results: items.map((m) => this.view(m)) };
  }

  /** Sets (or, with an empty text, clears) the alternative text. */
  async setAlt(organizationId: string, id: string, alt: string): Promise<MediaView> {
    const clean = alt.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
    if ([...clean].length > MAX_ALT_LENGTH) throw AppError.validation('The alt text is too long.', [{ field: 'alt', message: `alt must be at most ${MAX_ALT_LENGTH} characters` }]);
    const row = await this.media.setAlt(organizationId, id, clean === '' ? null : clean);
    if (!row) throw AppError.notFound('Media');
    return this.view(row);
  }

  /**
   * A soft delete, refused while a post not yet published carries the file (by id or by URL): it would fail when its
   * time comes. Published posts keep their copy on the platform; the cleanup sweep removes the file later.
   */
  async remove(organizationId: string, id: string): Promise<void> {
    const row = await this.media.findById(organizationId, id);
    if (!row) throw AppError.notFound('Media');
    const posts = await this.media.postsUsing(organizationId, { id: row.id, url: this.storage.urlOf(row.fileKey) });
    if (posts.length > 0) throw AppError.conflict('media_in_use', inUseMessage(row.name, posts));
    if (!(await this.media.softDelete(organizationId, id, this.now()))) throw AppError.notFound('Media');
  }

  /** Crops an image server-side into a new media row; the original stays as it was. */
  async crop(organizationId: string, id: string, request: CropRequest): Promise<MediaView> {
    const row = await this.media.findById(organizationId, id);
    if (!row) throw AppError.notFound('Media');
    if (!row.type.startsWith('image/')) throw AppError.badRequest('unsupported_media_type', 'Only images can be cropped.');
    const sharp = await loadSharp();
    const original = await this.storage.read(row.fileKey, MAX_IMAGE_BYTES);
    // Upright first (EXIF orientation applied), so the rectangle is the one the person saw.
    const upright = await sharp(original, { animated: false }).rotate().toBuffer({ resolveWithObject: true });
    const { width: W, height: H } = upright.info;
    const rect = cropRectangle(request, W, H);
    const output = sharp(upright.data).extract({ left: rect.x, top: rect.y, width: rect.width, height: rect.height });
    const format = row.type === 'image/jpeg' ? output.jpeg({ quality: 92 }) : row.type === 'image/webp' ? output.webp({ quality: 92 }) : output.png();
    const bytes = await format.toBuffer();
    const staged = await this.storage.stage(Readable.from([bytes]));
    const stem = row.name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
    try {
      return await this.add(organizationId, staged, `${stem} (${rect.width}x${rect.height}).${staged.type.extension}`, row.id);
    } catch (error) {
      await this.storage.discard(staged);
      throw error;
    }
  }

  view(row: Media): MediaView {
    return {
      id: row.id,
      name: row.name,
      path: this.storage.urlOf(row.fileKey),
      type: row.type,
      size: row.size,
      alt: row.alt,
      width: row.width,
      height: row.height,
      durationMs: row.durationMs,
      videoCodec: row.videoCodec,
      audioCodec: row.audioCodec,
      sourceMediaId: row.sourceMediaId,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

function inUseMessage(name: string, posts: PostUsingMedia[]): string {
  const named = posts.map((post) => {
    const text = post.content.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    const excerpt = text.length > 40 ? `${text.slice(0, 40)}…` : text || '(no text)';
    return `"${excerpt}" (${post.publishDate.toISOString().slice(0, 16).replace('T', ' ')} UTC, post ${post.id})`;
  });
  return `"${name}" is used by ${posts.length === 1 ? 'a post' : 'posts'} not yet published: ${named.join('; ')}. Remove it from ${posts.length === 1 ? 'that post' : 'those posts'} first.`;
}

/** The rectangle to keep, in the upright image's pixels; refuses one that does not fit. */
export function cropRectangle(request: CropRequest, imageWidth: number, imageHeight: number): { x: number; y: number; width: number; height: number } {
  if ('aspect' in request) {
    const ratio = CROP_PRESETS[request.aspect];
    let width = imageWidth;
    let height = Math.round(width / ratio);
    if (height > imageHeight) {
      height = imageHeight;
      width = Math.max(1, Math.min(imageWidth, Math.round(height * ratio)));
    }
    height = Math.max(1, height);
    return { x: Math.floor((imageWidth - width) / 2), y: Math.floor((imageHeight - height) / 2), width, height };
  }
  const { x, y, width, height } = request;
  if (x + width > imageWidth || y + height > imageHeight) {
    throw AppError.validation('The crop does not fit inside the image.', [{ field: 'width', message: `the image is ${imageWidth}x${imageHeight}: x + width and y + height must stay within it` }]);
  }
  return { x, y, width, height };
}
