import { AppError } from '../../common/app-error';
import { OutboundRefusedError, safeRequest, type SafeRequestOptions } from '../../webhooks/safe-http/safe-request';
import type { LocalMediaStorage, StagedUpload } from './local-media-storage';
import { MAX_IMAGE_BYTES } from './media-types';

export interface DownloadMediaOptions {
  /** UPLOAD_FROM_URL_ALLOW_PRIVATE: plain http and loopback/private addresses (tests, a LAN). */
  allowPrivate: boolean;
  /** The whole download. */
  timeoutMs?: number;
  /** Tests only: the resolver and address policy of safeRequest. */
  network?: Pick<SafeRequestOptions, 'resolve' | 'isAllowed'>;
}

export type DownloadRefusal = 'address' | 'fetch' | 'type' | 'size';

/** Why a file could not be brought in from its URL; each caller words it its own way. */
export class MediaDownloadError extends Error {
  constructor(
    readonly reason: DownloadRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'MediaDownloadError';
  }
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Fetches a file under the outbound rules (public addresses only, each redirect checked, the connection pinned to
 * the checked address, size and time capped) and stages it, recognised by its content. `name` is the URL's file name.
 */
export async function downloadMedia(url: string, storage: LocalMediaStorage, options: DownloadMediaOptions): Promise<{ staged: StagedUpload; name: string | undefined }> {
  let response;
  try {
    response = await safeRequest(url, {
      allowPrivate: options.allowPrivate,
      protocols: options.allowPrivate ? ['https:', 'http:'] : ['https:'],
      maxRedirects: 3,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: { 'user-agent': 'Herald/1 (upload-from-url)', accept: 'image/*,video/mp4' },
      ...options.network,
    });
  } catch (error) {
    if (error instanceof OutboundRefusedError && error.hop === 0) throw new MediaDownloadError('address', 'URL must be a public HTTPS URL and cannot point to internal network addresses');
    throw new MediaDownloadError('fetch', 'Failed to fetch URL');
  }
  try {
    if (response.status < 200 || response.status >= 300) throw new MediaDownloadError('fetch', `Failed to fetch URL (HTTP ${response.status})`);
    if (Number(response.headers['content-length'] ?? 0) > Math.max(storage.maxVideoBytes, MAX_IMAGE_BYTES)) throw new MediaDownloadError('size', 'File is too large.');
    const staged = await storage.stage(response.body);
    let name: string | undefined;
    try {
      const path = new URL(response.url).pathname;
      name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || undefined;
    } catch {
      name = undefined;
    }
    return { staged, name };
  } catch (error) {
    if (error instanceof MediaDownloadError) throw error;
    if (error instanceof AppError && error.code === 'unsupported_media_type') throw new MediaDownloadError('type', 'Unsupported file type.');
    if (error instanceof AppError && error.status === 413) throw new MediaDownloadError('size', 'File is too large.');
    throw new MediaDownloadError('fetch', 'Failed to fetch URL');
  } finally {
    response.release();
  }
}
