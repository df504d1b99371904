import type { MediaRef } from '@herald/providers';
import { mediaTypeOfExtension } from '../posts/media/media-types';
import type { MediaStorage } from '../posts/media/media-storage';

export class PostMediaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostMediaError';
  }
}

/**
 * The post's `image` column (`[{id?, path, alt?, thumbnail?, thumbnailTimestamp?}]`) as the providers' media
 * references. Every path, and a video's cover, must be a file of Herald's own uploads (checked again here, after the
 * check at creation, for rows written before it or by hand): its bytes are streamed from storage (checked against
 * the type's cap: videos UPLOAD_MAX_VIDEO_MB), and platforms that fetch media themselves get Herald's own URL of it. Nothing is ever fetched from an address a person chose, and no
 * message names one.
 */
export function mediaRefsOf(image: unknown, storage: MediaStorage): MediaRef[] {
  if (!Array.isArray(image)) return [];
  return image.map((entry: unknown, index): MediaRef => {
    const path = typeof entry === 'object' && entry !== null && 'path' in entry ? entry.path : undefined;
    if (typeof path !== 'string' || path.length === 0) throw new PostMediaError(`Media ${index + 1} of the post has no path`);
    const key = storage.keyOfUrl(path);
    const type = key ? mediaTypeOfExtension(key.slice(key.lastIndexOf('.') + 1)) : undefined;
    if (!key || !type) throw new PostMediaError(`Media ${index + 1} of the post is not a file of Herald’s uploads; upload it to the media library and edit the post`);
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const alt = typeof record['alt'] === 'string' && record['alt'] ? record['alt'] : undefined;
    let thumbnail: string | undefined;
    if (typeof record['thumbnail'] === 'string' && record['thumbnail']) {
      const coverKey = storage.keyOfUrl(record['thumbnail']);
      if (!coverKey) throw new PostMediaError(`The cover of media ${index + 1} of the post is not a file of Herald’s uploads; upload it and edit the post`);
      thumbnail = storage.urlOf(coverKey);
    }
    const offset = typeof record['thumbnailTimestamp'] === 'number' && Number.isFinite(record['thumbnailTimestamp']) ? record['thumbnailTimestamp'] : undefined;
    return {
      url: storage.urlOf(key),
      mimeType: type.mime,
      open: () => storage.open(key),
      ...(alt ? { alt } : {}),
      ...(thumbnail ? { thumbnail } : {}),
      ...(offset !== undefined ? { thumbnailTimestamp: offset } : {}),
    };
  });
}
