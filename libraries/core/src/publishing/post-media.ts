import type { MediaRef } from '@herald/providers';

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** The MIME type a media URL's file name announces (the media library names files by their sniffed type). */
export function mimeFromPath(path: string): string | undefined {
  let pathname = path;
  try {
    pathname = new URL(path).pathname;
  } catch {
    // Not an absolute URL: read the extension from the string itself.
  }
  const extension = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return extension ? MIME_BY_EXTENSION[extension] : undefined;
}

export class PostMediaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostMediaError';
  }
}

/** The post's `image` column (`[{id?, path, alt?, thumbnail?, thumbnailTimestamp?}]`, absolute URLs) as the providers' media references. */
export function mediaRefsOf(image: unknown): MediaRef[] {
  if (!Array.isArray(image)) return [];
  return image.map((entry: unknown) => {
    const path = typeof entry === 'object' && entry !== null && 'path' in entry ? entry.path : undefined;
    if (typeof path !== 'string' || path.length === 0) throw new PostMediaError('A media entry of the post has no path');
    const mimeType = mimeFromPath(path);
    if (!mimeType) throw new PostMediaError(`Unsupported media type: ${path}`);
    const record = entry as Record<string, unknown>;
    const alt = typeof record['alt'] === 'string' && record['alt'] ? record['alt'] : undefined;
    const thumbnail = typeof record['thumbnail'] === 'string' && record['thumbnail'] ? record['thumbnail'] : undefined;
    const offset = typeof record['thumbnailTimestamp'] === 'number' && Number.isFinite(record['thumbnailTimestamp']) ? record['thumbnailTimestamp'] : undefined;
    return {
      url: path,
      mimeType,
      ...(alt ? { alt } : {}),
      ...(thumbnail ? { thumbnail } : {}),
      ...(offset !== undefined ? { thumbnailTimestamp: offset } : {}),
    };
  });
}
