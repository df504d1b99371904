import type { MediaRepository } from '@herald/database';
import type { MediaRef } from '@herald/shared';
import type { CreatePostDto } from '@herald/shared/dto';
import { AppError, type ErrorDetail } from '../common/app-error';
import { isUuid } from './ids';
import type { MediaStorage } from './media/media-storage';

export type OwnMediaLookup = Pick<MediaRepository, 'findByFileKeys' | 'findByIds'>;

interface Slot {
  field: string;
  channel: string;
  url: string;
  id: string | undefined;
  set: (path: string) => void;
}

/** The images of one entry of a post, and the field they are reported under (`posts[0].value[1].image`). */
export interface ImageList {
  channel: string;
  field: string;
  /** Rewritten in place to each file's canonical URL. */
  images: MediaRef[];
}

/**
 * Media a post may carry (docs/operations.md#post-media): only files of the organization's own library, named by their Herald URL
 * (under UPLOADS_PUBLIC_URL) or by their media id. Each accepted path is rewritten to the file's canonical URL;
 * anything else (another host, a deleted file, another organization's) is refused as a whole with 400
 * `media_not_uploaded`, before anything is written. Files from elsewhere come in through upload-from-URL first.
 */
/** Each accepted medium's size in bytes, by its canonical URL (what the post then carries), as the library recorded it. */
export type OwnMediaSizes = ReadonlyMap<string, number>;

export function requireOwnMedia(body: CreatePostDto, organizationId: string, lookup: OwnMediaLookup, storage: MediaStorage): Promise<OwnMediaSizes> {
  const lists = body.posts.flatMap((entry, i) => entry.value.map((value, j) => ({ channel: entry.integration.id, field: `posts[${i}].value[${j}].image`, images: value.image ?? [] })));
  return requireOwnImages(lists, organizationId, lookup, storage);
}

/** requireOwnMedia for images from anywhere else (the rows a duplicate copies). */
export async function requireOwnImages(lists: readonly ImageList[], organizationId: string, lookup: OwnMediaLookup, storage: MediaStorage): Promise<OwnMediaSizes> {
  const slots: Slot[] = [];
  const ownPrefix = `${organizationId.toLowerCase()}/`;
  for (const list of lists) {
    list.images.forEach((image, k) => {
      const base = `${list.field}[${k}]`;
      const path = typeof image.path === 'string' ? image.path : '';
      const id = typeof image.id === 'string' && isUuid(image.id) ? image.id : undefined;
      slots.push({ field: `${base}.path`, channel: list.channel, url: path, id, set: (url) => (image.path = url) });
      if (typeof image.thumbnail === 'string' && image.thumbnail !== '') {
        slots.push({ field: `${base}.thumbnail`, channel: list.channel, url: image.thumbnail, id: undefined, set: (url) => (image.thumbnail = url) });
      }
    });
  }
  const sizes = new Map<string, number>();
  if (slots.length === 0) return sizes;
  const keyOf = (url: string) => {
    const key = storage.keyOfUrl(url);
    return key?.startsWith(ownPrefix) ? key : undefined;
  };
  // The JPEG written beside a library PNG or WebP for a JPEG-only platform (platform-images.ts) is the same file: its path,
  // sent back when a post is edited, is accepted when its source is in the library.
  const sourcesOf = (key: string) => (key.endsWith('.jpg') ? [key.replace(/\.jpg$/, '.png'), key.replace(/\.jpg$/, '.webp')] : []);
  const keys = [
    ...new Set(
      slots.flatMap((s) => {
        const key = keyOf(s.url);
        return key ? [key, ...sourcesOf(key)] : [];
      }),
    ),
  ];
  const ids = [...new Set(slots.map((s) => s.id).filter((id): id is string => id !== undefined))];
  const [byKey, byId] = await Promise.all([lookup.findByFileKeys(organizationId, keys), lookup.findByIds(organizationId, ids)]);
  const ownKeys = new Set(byKey.map((m) => m.fileKey));
  const keyOfId = new Map(byId.map((m) => [m.id, m.fileKey]));
  const sizeOfKey = new Map([...byKey, ...byId].map((m) => [m.fileKey, m.size]));
  const refused: ErrorDetail[] = [];
  for (const slot of slots) {
    const key = keyOf(slot.url);
    const found = key && (ownKeys.has(key) || sourcesOf(key).some((k) => ownKeys.has(k))) ? key : slot.id ? keyOfId.get(slot.id) : undefined;
    if (found) {
      slot.set(storage.urlOf(found));
      const size = sizeOfKey.get(found);
      if (size !== undefined) sizes.set(storage.urlOf(found), size);
    } else refused.push({ channel: slot.channel, field: slot.field, code: 'media_not_uploaded', message: `${slot.field} is not a file of this organization’s media library.` });
  }
  if (refused.length === 0) return sizes;
  const first = refused[0]?.field ?? 'media';
  throw AppError.badRequest(
    'media_not_uploaded',
    `${first}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''} is not a file of this organization’s media library: upload it first (from a file, or from a URL), then use the path the upload returned.`,
    refused,
  );
}
