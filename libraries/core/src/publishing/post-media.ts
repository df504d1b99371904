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
 * The post's `image` column (`[{id?, path, alt?}]`) as the providers' media references. Every path must be a file
 * of Herald's own uploads (checked again here, after the check at creation, for rows written before it or by
 * hand): its bytes are read from storage, and platforms that fetch media themselves get Herald's own URL of it.
 * Nothing is ever fetched from an address a person chose, and no message names one.
 */
export function mediaRefsOf(image: unknown, storage: MediaStorage): MediaRef[] {
  if (!Array.isArray(image)) return [];
  return image.map((entry: unknown, index): MediaRef => {
    const path = typeof entry === 'object' && entry !== null && 'path' in entry ? entry.path : undefined;
    if (typeof path !== 'string' || path.length === 0) throw new PostMediaError(`Media ${index + 1} of the post has no path`);
    const key = storage.keyOfUrl(path);
    const type = key ? mediaTypeOfExtension(key.slice(key.lastIndexOf('.') + 1)) : undefined;
    if (!key || !type) throw new PostMediaError(`Media ${index + 1} of the post is not a file of Herald’s uploads; upload it to the media library and edit the post`);
    const alt = typeof entry === 'object' && entry !== null && 'alt' in entry && typeof entry.alt === 'string' ? entry.alt : undefined;
    const ref: MediaRef = { url: storage.urlOf(key), mimeType: type.mime, read: () => storage.read(key, type.maxBytes) };
    return alt ? { ...ref, alt } : ref;
  });
}
