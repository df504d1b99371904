import { createHash } from 'node:crypto';
import { type SandboxContext } from '../context';
import { type LedgerMedia } from '../core/ledger';
import { sniffMedia } from '../core/media-sniff';
import { type XMedia, type XMediaKind } from './x-state';

export const X_MEDIA_TYPES = [
  'video/mp4', 'video/webm', 'video/mp2t', 'video/quicktime', 'text/srt', 'text/vtt', 'image/jpeg', 'image/gif', 'image/bmp',
  'image/png', 'image/webp', 'image/pjpeg', 'image/tiff',
];
export const X_MEDIA_CATEGORIES = ['amplify_video', 'tweet_gif', 'tweet_image', 'tweet_video', 'dm_gif', 'dm_image', 'dm_video', 'subtitles'];

const MB = 1024 * 1024;
const MAX_BYTES: Record<XMediaKind, number> = { image: 5 * MB, gif: 15 * MB, video: 512 * MB, subtitles: MB };
const EXPIRY_MS = 24 * 3600_000;

function kindFor(mediaType: string, category: string | undefined): XMediaKind {
  if (mediaType.startsWith('video/')) return 'video';
  if (mediaType.startsWith('text/')) return 'subtitles';
  if (mediaType === 'image/gif' && category !== 'tweet_image' && category !== 'dm_image') return 'gif';
  return 'image';
}

const KEY_PREFIX: Record<XMediaKind, string> = { image: '3', gif: '16', video: '7', subtitles: '3' };

export function initMedia(
  ctx: SandboxContext,
  input: { ownerId: string; mediaType: string; totalBytes: number; category?: string; additionalOwners?: string[] },
): XMedia | string {
  if (!X_MEDIA_TYPES.includes(input.mediaType)) return `media_type ${input.mediaType} is not supported.`;
  if (input.category !== undefined && !X_MEDIA_CATEGORIES.includes(input.category)) return `media_category ${input.category} is not supported.`;
  const kind = kindFor(input.mediaType, input.category);
  if (!Number.isInteger(input.totalBytes) || input.totalBytes < 1) return 'total_bytes must be a positive integer.';
  if (input.totalBytes > MAX_BYTES[kind]) return `File size exceeds ${MAX_BYTES[kind]} bytes.`;
  const id = ctx.x.mediaIds.next();
  const now = ctx.clock.now();
  const media: XMedia = {
    id,
    mediaKey: `${KEY_PREFIX[kind]}_${id}`,
    ownerId: input.ownerId,
    additionalOwners: input.additionalOwners ?? [],
    mediaType: input.mediaType,
    kind,
    totalBytes: input.totalBytes,
    segments: new Map(),
    hash: createHash('sha256'),
    hashedThrough: 0,
    early: new Map(),
    createdAt: now,
    expiresAt: now + EXPIRY_MS,
    ...(input.category !== undefined ? { category: input.category } : {}),
  };
  ctx.x.media.set(id, media);
  return media;
}

/** The media if it exists, is not expired and the caller may use it. */
export function findMedia(ctx: SandboxContext, id: string | null | undefined, userId: string): XMedia | undefined {
  if (!id) return undefined;
  const media = ctx.x.media.get(id);
  if (!media || ctx.clock.now() > media.expiresAt) return undefined;
  return media.ownerId === userId || media.additionalOwners.includes(userId) ? media : undefined;
}

// Enough of the file's start to recognise every format sniffMedia knows.
const HEAD_BYTES = 64 * 1024;

/**
 * APPEND (https://docs.x.com/x-api/media/append-media-upload): `segment_index` 0 to 999, `media` at most 5 MB per
 * segment (https://developer.x.com/en/docs/media/upload-media/api-reference/post-media-upload-append). A segment
 * sent again replaces the earlier one. Only sizes and digests are kept (see XMedia.segments).
 */
export function appendSegment(media: XMedia, index: number, data: Buffer): string | undefined {
  if (media.finalizedAt !== undefined) return 'Media has already been finalized.';
  if (!Number.isInteger(index) || index < 0 || index > 999) return 'segment_index must be between 0 and 999.';
  if (data.length === 0) return 'media is required.';
  if (data.length > 5 * MB) return 'Segment larger than 5 MB.';
  const sha256 = createHash('sha256').update(data).digest('hex');
  const earlier = media.segments.get(index);
  if (earlier && index < media.hashedThrough && earlier.sha256 !== sha256) media.digestLost = true;
  media.segments.set(index, { bytes: data.length, sha256 });
  if (index === 0) media.head = Buffer.from(data.subarray(0, HEAD_BYTES));
  if (index === media.hashedThrough) {
    media.hash.update(data);
    media.hashedThrough += 1;
    for (let next = media.early.get(media.hashedThrough); next; next = media.early.get(media.hashedThrough)) {
      media.early.delete(media.hashedThrough);
      media.hash.update(next);
      media.hashedThrough += 1;
    }
  } else if (index > media.hashedThrough) {
    media.early.set(index, data);
  }
  return undefined;
}

/** Bytes received so far, over every segment. */
export function receivedBytes(media: XMedia): number {
  let total = 0;
  for (const segment of media.segments.values()) total += segment.bytes;
  return total;
}

const EXPECTED_FORMAT: Record<string, string[]> = {
  'image/jpeg': ['jpeg'],
  'image/pjpeg': ['jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/bmp': ['bmp'],
  'video/mp4': ['mp4', 'mov'],
  'video/quicktime': ['mov', 'mp4'],
  'video/webm': ['webm'],
};

/** Returns an error message for a synchronous failure (bad sizes, or an image that is not what it claims). */
export function finalizeMedia(ctx: SandboxContext, media: XMedia): string | undefined {
  if (media.finalizedAt !== undefined) return 'Media has already been finalized.';
  if (receivedBytes(media) !== media.totalBytes) return 'Segments do not add up to provided total file size.';
  // Segments past a gap in the indexes come last, in index order (as the file is then read).
  for (const [index, data] of [...media.early.entries()].sort(([a], [b]) => a - b)) {
    media.hash.update(data);
    media.early.delete(index);
  }
  media.sha256 = media.digestLost ? 'unknown' : media.hash.digest('hex');
  const expected = EXPECTED_FORMAT[media.mediaType];
  const actual = sniffMedia(media.head ?? Buffer.alloc(0)).format;
  media.format = actual;
  if (expected && !expected.includes(actual)) {
    if (media.kind === 'image') return 'InvalidMedia: Invalid or Unsupported media, Reason: UnsupportedMedia.';
    media.invalid = 'Invalid or Unsupported media, Reason: UnsupportedMedia.';
  }
  media.finalizedAt = ctx.clock.now();
  return undefined;
}

export interface MediaProcessing {
  state: 'uninitialized' | 'pending' | 'in_progress' | 'succeeded' | 'failed';
  progress: number;
  checkAfterSecs: number;
}

/** Images are ready at FINALIZE; videos and GIFs go pending → in_progress → succeeded|failed over time. */
export function mediaState(ctx: SandboxContext, media: XMedia): MediaProcessing {
  if (media.finalizedAt === undefined) return { state: 'uninitialized', progress: 0, checkAfterSecs: 1 };
  if (media.kind === 'image' || media.kind === 'subtitles') return { state: 'succeeded', progress: 100, checkAfterSecs: 0 };
  const total = ctx.timing.xMediaProcessingMs;
  const elapsed = ctx.clock.now() - media.finalizedAt;
  const checkAfterSecs = Math.max(1, Math.ceil((total - elapsed) / 1000));
  if (elapsed < total / 3) return { state: 'pending', progress: 0, checkAfterSecs };
  if (elapsed < total) return { state: 'in_progress', progress: Math.min(99, Math.floor((elapsed / total) * 100)), checkAfterSecs };
  return media.invalid ? { state: 'failed', progress: 100, checkAfterSecs: 0 } : { state: 'succeeded', progress: 100, checkAfterSecs: 0 };
}

export function processingInfo(ctx: SandboxContext, media: XMedia, forStatus: boolean): Record<string, unknown> | undefined {
  const s = mediaState(ctx, media);
  if (!forStatus && (media.kind === 'image' || media.kind === 'subtitles')) return undefined;
  const info: Record<string, unknown> = { state: s.state === 'uninitialized' ? 'pending' : s.state, progress_percent: s.progress };
  if (s.state === 'pending' || s.state === 'in_progress') info.check_after_secs = s.checkAfterSecs;
  if (s.state === 'failed') info.error = { code: 1, name: 'InvalidMedia', message: media.invalid ?? 'Invalid or Unsupported media.' };
  return info;
}

export function mediaLedgerEntry(ctx: SandboxContext, id: string): LedgerMedia | undefined {
  const media = ctx.x.media.get(id);
  if (!media) return undefined;
  const entry: LedgerMedia = { url: `x-media:${id}`, bytes: receivedBytes(media), format: media.format ?? sniffMedia(media.head ?? Buffer.alloc(0)).format, sha256: media.sha256 ?? 'unknown' };
  return media.altText === undefined ? entry : { ...entry, alt: media.altText };
}
