import { fetchRemoteMedia, type SandboxContext } from '../context';
import { type SandboxReply } from '../core/http-types';
import { type LedgerMedia, mediaDigest } from '../core/ledger';
import { sniffMedia } from '../core/media-sniff';
import { igPublishError } from '../graph/graph-errors';

export type FetchedMedia = { ok: true; media: LedgerMedia } | { ok: false; reply: SandboxReply; reason: string };

function downloadFailed(url: string): FetchedMedia {
  return {
    ok: false,
    reason: 'Media download has failed.',
    reply: igPublishError(9004, 2207052, 'Only photo or video can be accepted as media type.', 'Media download has failed.', `The media could not be fetched from this uri: ${url}`),
  };
}

/** Meta "cURLs" every image: JPEG only, ≤ 8 MB, aspect ratio 4:5 to 1.91:1 for feed posts. */
export async function fetchImage(ctx: SandboxContext, url: string, checkAspect: boolean): Promise<FetchedMedia> {
  const result = await fetchRemoteMedia(ctx, url, ctx.limits.maxImageBytes);
  if (!result.ok) {
    if (result.reason === 'timeout') {
      return { ok: false, reason: 'timeout', reply: igPublishError(-2, 2207003, 'Timeout', 'Media download timed out', 'It takes too long to download the media.', true) };
    }
    if (result.reason === 'too-large') {
      return { ok: false, reason: 'too large', reply: igPublishError(36000, 2207004, 'The image size is too large.', 'Image size too large', 'It should be less than 8 MiB.') };
    }
    return downloadFailed(url);
  }
  const sniff = sniffMedia(result.data);
  if (sniff.format !== 'jpeg') {
    return {
      ok: false,
      reason: `not a JPEG (${sniff.format})`,
      reply: igPublishError(36001, 2207005, 'The image format is not supported.', 'Unsupported format', 'The image format is not supported. Supported formats: JPEG.'),
    };
  }
  if (checkAspect && sniff.width && sniff.height) {
    const ratio = sniff.width / sniff.height;
    if (ratio < 0.8 - 1e-9 || ratio > 1.91 + 1e-9) {
      return {
        ok: false,
        reason: 'aspect ratio',
        reply: igPublishError(
          36003,
          2207009,
          'The aspect ratio is not supported.',
          'Unsupported aspect ratio',
          `The submitted image with aspect ratio ('${sniff.width}/${sniff.height}') cannot be published. Please submit an image with a valid aspect ratio.`,
        ),
      };
    }
  }
  return { ok: true, media: mediaDigest(url, result.data, sniff.format) };
}

/** Per kind, from the IG User Media reference: Reels 3 s–15 min at 0.01:1–10:1; story videos 3–60 s; carousel videos up to 60 s. */
const VIDEO_LIMITS: Record<'REELS' | 'STORIES' | 'CAROUSEL_ITEM_VIDEO', { minSec: number; maxSec: number; minRatio: number; maxRatio: number }> = {
  REELS: { minSec: 3, maxSec: 15 * 60, minRatio: 0.01, maxRatio: 10 },
  STORIES: { minSec: 3, maxSec: 60, minRatio: 0.01, maxRatio: 10 },
  CAROUSEL_ITEM_VIDEO: { minSec: 3, maxSec: 60, minRatio: 0.8, maxRatio: 1.91 },
};

/**
 * Videos are fetched too; failures surface later as status_code ERROR, as on Instagram. Duration and aspect ratio
 * are checked when the file's movie header carries them.
 */
export async function fetchVideo(ctx: SandboxContext, url: string, kind: keyof typeof VIDEO_LIMITS = 'REELS'): Promise<{ media?: LedgerMedia; error?: string }> {
  const result = await fetchRemoteMedia(ctx, url, ctx.limits.maxVideoBytes);
  if (!result.ok) return { error: `Error: Media download has failed. The media could not be fetched from this uri: ${url}` };
  const sniff = sniffMedia(result.data);
  if (sniff.format !== 'mp4' && sniff.format !== 'mov') {
    return { error: 'Error: Unsupported video format. Sorry, the video file you selected is in a format that we don\'t support.' };
  }
  const media = mediaDigest(url, result.data, sniff.format);
  const limits = VIDEO_LIMITS[kind];
  if (sniff.durationSec !== undefined && (sniff.durationSec < limits.minSec || sniff.durationSec > limits.maxSec)) {
    return { media, error: `Error: The video is ${Math.round(sniff.durationSec)} s long; this kind of media takes ${limits.minSec} to ${limits.maxSec} s.` };
  }
  if (sniff.width && sniff.height) {
    const ratio = sniff.width / sniff.height;
    if (ratio < limits.minRatio - 1e-9 || ratio > limits.maxRatio + 1e-9) {
      return { media, error: `Error: The video's aspect ratio (${sniff.width}/${sniff.height}) is not supported.` };
    }
  }
  return { media };
}
