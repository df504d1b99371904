import type { Media } from '@herald/database';
import type { LocalMediaStorage, StagedUpload } from '../posts/media/local-media-storage';
import type { MediaLibrary, MediaView } from '../posts/media/media-library.use-case';
import { downloadMedia, MediaDownloadError } from '../posts/media/download-media';
import type { SafeRequestOptions } from '../webhooks/safe-http/safe-request';
import type { PublicApiReads } from './public-api.reads';
import { PublicApiError } from './public-api-error';

export interface PublicMediaDeps {
  library: MediaLibrary;
  storage: LocalMediaStorage;
  reads: Pick<PublicApiReads, 'media'>;
  /** UPLOAD_FROM_URL_ALLOW_PRIVATE: plain http and loopback/private addresses (tests, a LAN). */
  allowPrivate: boolean;
  /** The whole download. */
  downloadTimeoutMs?: number;
  /** Tests only: the resolver and address policy of safeRequest. */
  network?: Pick<SafeRequestOptions, 'resolve' | 'isAllowed'>;
}

/** The upload answer (docs/public-api.md §4.1): `name` is the stored file name, never the client's. */
export interface PublicUploadView {
  id: string;
  name: string;
  originalName: null;
  path: string;
  thumbnail: null;
  alt: null;
}

export interface PublicMediaItem {
  id: string;
  name: string;
  originalName: string | null;
  path: string;
  thumbnail: null;
  alt: null;
  thumbnailTimestamp: null;
  type: 'image' | 'video';
  fileSize: number;
  createdAt: string;
}

export const PUBLIC_MEDIA_PAGE_SIZE = 18;
const MEDIA_EXTENSION = /\.(png|jpg|jpeg|gif|webp|mp4)$/;
const EXTENSION_MESSAGE = 'File must have a valid extension: .png, .jpg, .jpeg, .gif, .webp, or .mp4';
const PUBLIC_URL_MESSAGE = 'URL must be a public HTTPS URL and cannot point to internal network addresses';

function storedName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function toUploadView(media: MediaView): PublicUploadView {
  return { id: media.id, name: storedName(media.path), originalName: null, path: media.path, thumbnail: null, alt: null };
}

/** A download's refusal in upload-from-url's families: C for the address, A for the rest. */
function downloadError(error: unknown): unknown {
  if (!(error instanceof MediaDownloadError)) return error;
  switch (error.reason) {
    case 'address':
      return PublicApiError.validation([PUBLIC_URL_MESSAGE]);
    case 'type':
      return PublicApiError.msg(400, 'Unsupported file type.');
    case 'size':
      return PublicApiError.msg(400, 'File is too large.');
    case 'fetch':
      return PublicApiError.msg(400, 'Failed to fetch URL');
  }
}

/** Uploads and the media list, through the same media library as the dashboard. */
export class PublicMedia {
  constructor(private readonly deps: PublicMediaDeps) {}

  async upload(organizationId: string, staged: StagedUpload, originalName: string | undefined): Promise<PublicUploadView> {
    return toUploadView(await this.deps.library.add(organizationId, staged, originalName));
  }

  /**
   * Fetches a file under the outbound rules (public addresses only, each redirect checked, connection pinned to
   * the checked address, size and time capped), recognises it by content, and adds it to the library.
   */
  async uploadFromUrl(organizationId: string, body: unknown): Promise<PublicUploadView> {
    const url = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['url'] : undefined;
    if (url === undefined || url === null) throw PublicApiError.validation(['url should not be null or undefined', 'url must be a string', EXTENSION_MESSAGE]);
    if (typeof url !== 'string') throw PublicApiError.validation(['url must be a string', EXTENSION_MESSAGE]);
    if (!MEDIA_EXTENSION.test(url.split('?', 1)[0] ?? '')) throw PublicApiError.validation([EXTENSION_MESSAGE]);

    let download;
    try {
      download = await downloadMedia(url, this.deps.storage, { allowPrivate: this.deps.allowPrivate, ...(this.deps.downloadTimeoutMs ? { timeoutMs: this.deps.downloadTimeoutMs } : {}), ...(this.deps.network ? { network: this.deps.network } : {}) });
    } catch (error) {
      throw downloadError(error);
    }
    const { staged, name } = download;
    return toUploadView(await this.deps.library.add(organizationId, staged, name));
  }

  /** GET /public/v1/media: newest first, 18 a page (1-based), `search` in the original name. */
  async list(organizationId: string, rawPage: unknown, rawSearch: unknown): Promise<{ pages: number; results: PublicMediaItem[] }> {
    const page = typeof rawPage === 'string' && /^\d{1,6}$/.test(rawPage) ? Math.max(1, Number(rawPage)) : 1;
    const search = typeof rawSearch === 'string' && rawSearch.trim() !== '' ? rawSearch.trim().slice(0, 200) : undefined;
    const { items, total } = await this.deps.reads.media(organizationId, (page - 1) * PUBLIC_MEDIA_PAGE_SIZE, PUBLIC_MEDIA_PAGE_SIZE, search);
    return { pages: Math.ceil(total / PUBLIC_MEDIA_PAGE_SIZE), results: items.map((m) => this.item(m)) };
  }

  private item(media: Media): PublicMediaItem {
    const path = this.deps.storage.urlOf(media.fileKey);
    return {
      id: media.id,
      name: storedName(media.fileKey),
      originalName: media.name,
      path,
      thumbnail: null,
      alt: null,
      thumbnailTimestamp: null,
      type: media.type.startsWith('video/') ? 'video' : 'image',
      fileSize: media.size,
      createdAt: media.createdAt.toISOString(),
    };
  }
}
