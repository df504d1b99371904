/** What the rules need to know about one attached medium. `size` (bytes) is checked only when known. */
export interface MediaDescriptor {
  mime: string;
  path: string;
  size?: number;
  /** The description a person gave the medium (alt text). */
  alt?: string;
}

export type MediaKind = 'image' | 'gif' | 'video' | 'other';

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** Guesses the MIME type from a path or URL's extension (query and fragment ignored); unknown is `application/octet-stream`. */
export function mimeFromPath(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  const dot = bare.lastIndexOf('.');
  const extension = dot >= 0 && dot > bare.lastIndexOf('/') ? bare.slice(dot + 1).toLowerCase() : '';
  return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** Turns a post's `image[]` entry (which carries no type) into a descriptor; an explicit `mime` wins over the guess. */
export function describeMedia(media: { path: string; mime?: string; size?: number; alt?: string }): MediaDescriptor {
  const described: MediaDescriptor = { mime: media.mime ?? mimeFromPath(media.path), path: media.path };
  if (media.size !== undefined) described.size = media.size;
  if (typeof media.alt === 'string' && media.alt !== '') described.alt = media.alt;
  return described;
}

export function mediaKind(mime: string): MediaKind {
  const lower = mime.toLowerCase();
  if (lower === 'image/gif') return 'gif';
  if (lower.startsWith('image/')) return 'image';
  if (lower.startsWith('video/')) return 'video';
  return 'other';
}

/** The extensions `image[].path` may end with (docs/public-api.md §3.2.1). Checked case-sensitively, as Postiz does. */
export const ALLOWED_MEDIA_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.mp4'] as const;

export function hasAllowedMediaExtension(path: string): boolean {
  const bare = path.split('?', 1)[0] ?? '';
  return ALLOWED_MEDIA_EXTENSIONS.some((extension) => bare.endsWith(extension));
}
