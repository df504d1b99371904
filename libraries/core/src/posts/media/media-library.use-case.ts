import type { Media, MediaRepository } from '@herald/database';
import { AppError } from '../../common/app-error';
import type { LocalMediaStorage, StagedUpload } from './local-media-storage';

export const MEDIA_PAGE_SIZE = 28;

export interface MediaView {
  id: string;
  name: string;
  /** Absolute public URL (under UPLOADS_PUBLIC_URL): what a post's `image[].path` takes. */
  path: string;
  type: string;
  size: number;
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
  ) {}

  async add(organizationId: string, staged: StagedUpload, originalName?: string): Promise<MediaView> {
    const key = this.storage.newKey(organizationId, staged.type.extension, this.now());
    await this.storage.commit(staged, key);
    try {
      const row = await this.media.create(organizationId, {
        name: displayName(originalName, key.slice(key.lastIndexOf('/') + 1)),
        fileKey: key,
        type: staged.type.mime,
        size: staged.size,
      });
      return this.view(row);
    } catch (error) {
      await this.storage.remove(key);
      throw error;
    }
  }

  async list(organizationId: string, page: number): Promise<MediaListView> {
    const current = Math.max(1, Math.floor(page));
    const { items, total } = await this.media.list(organizationId, { skip: (current - 1) * MEDIA_PAGE_SIZE, take: MEDIA_PAGE_SIZE });
    return { page: current, pages: Math.ceil(total / MEDIA_PAGE_SIZE), total, results: items.map((m) => this.view(m)) };
  }

  /** A soft delete: posts already scheduled with the file keep working until the cleanup sweep removes it. */
  async remove(organizationId: string, id: string): Promise<void> {
    if (!(await this.media.softDelete(organizationId, id, this.now()))) throw AppError.notFound('Media');
  }

  view(row: Media): MediaView {
    return { id: row.id, name: row.name, path: this.storage.urlOf(row.fileKey), type: row.type, size: row.size, createdAt: row.createdAt.toISOString() };
  }
}
