// What the media library accepts, recognised by the file's first bytes: never by its name or the client's MIME type.

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
// Videos have no constant cap: UPLOAD_MAX_VIDEO_MB (CoreConfig.uploadMaxVideoBytes) is the one, for uploads and
// publishing alike (a storage is made with it: LocalMediaStorage.maxBytesOf).
/** Enough bytes to recognise every accepted type. */
export const SNIFF_BYTES = 16;

export interface MediaType {
  mime: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'video/mp4';
  extension: 'jpg' | 'png' | 'gif' | 'webp' | 'mp4';
}

const JPEG: MediaType = { mime: 'image/jpeg', extension: 'jpg' };
const PNG: MediaType = { mime: 'image/png', extension: 'png' };
const GIF: MediaType = { mime: 'image/gif', extension: 'gif' };
const WEBP: MediaType = { mime: 'image/webp', extension: 'webp' };
const MP4: MediaType = { mime: 'video/mp4', extension: 'mp4' };

export const MEDIA_TYPES: readonly MediaType[] = [JPEG, PNG, GIF, WEBP, MP4];

// ISO base media brands that are MP4. QuickTime (`qt  `) and M4V are not accepted.
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71', 'avc1', 'dash', 'mmp4', 'MSNV']);

function ascii(head: Uint8Array, from: number, to: number): string {
  return Buffer.from(head.subarray(from, to)).toString('latin1');
}

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** The accepted type of a file from its first bytes (at least SNIFF_BYTES when the file is that long), if any. */
export function sniffMediaType(head: Uint8Array): MediaType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (head.length >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')) return GIF;
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return WEBP;
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && MP4_BRANDS.has(ascii(head, 8, 12))) return MP4;
  return undefined;
}

export function isVideo(type: MediaType): boolean {
  return type.mime.startsWith('video/');
}

export function mediaTypeOfExtension(extension: string): MediaType | undefined {
  return MEDIA_TYPES.find((t) => t.extension === extension);
}
