import { facebookPostType } from './facebook.rules';
import { instagramPostType } from './instagram.rules';
import { mediaKind } from './media';

/**
 * What the media library knows of a file (read at upload: sharp for images, ffprobe for video). Unknown values are
 * `null` or absent, and a rule that needs one is not checked.
 */
export interface MediaFacts {
  mime: string;
  name?: string;
  /** Bytes. */
  size?: number | null;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
}

export const MEDIA_FIT_RULES = [
  'instagram_feed_aspect',
  'instagram_reel_aspect',
  'instagram_reel_duration',
  'instagram_story_duration',
  'x_video_size',
  'x_video_duration',
  'x_video_aspect',
  'facebook_reel_aspect',
  'facebook_reel_duration',
] as const;

export type MediaFitRule = (typeof MEDIA_FIT_RULES)[number];

/** One platform rule a file breaks, for the composer to show before scheduling. `index` is the file's place in the post. */
export interface MediaFitWarning {
  index: number;
  rule: MediaFitRule;
  message: string;
}

const MB = 1024 * 1024;

// The figures (docs/platforms.md): Instagram feed pictures 4:5 to 1.91:1; Reels 9:16, 3 to 90 s; story video 3 to
// 60 s; X video at most 512 MB, 0.5 to 140 s, 1:3 to 3:1; Facebook Reels 9:16, 3 to 90 s.
export const MEDIA_FIT_LIMITS = {
  instagramFeedAspect: { min: 4 / 5, max: 1.91 },
  reelAspect: 9 / 16,
  instagramReelMs: { min: 3_000, max: 90_000 },
  instagramStoryMs: { min: 3_000, max: 60_000 },
  xVideoBytes: 512 * MB,
  xVideoMs: { min: 500, max: 140_000 },
  xVideoAspect: { min: 1 / 3, max: 3 },
  facebookReelMs: { min: 3_000, max: 90_000 },
} as const;

// Ratios are compared with a little slack: a 1080×1350 picture is 4:5 exactly, a 1079×1350 one is close enough.
const SLACK = 0.01;

function aspectOf(m: MediaFacts): number | undefined {
  return m.width && m.height && m.width > 0 && m.height > 0 ? m.width / m.height : undefined;
}

function ratioText(m: MediaFacts): string {
  return `${m.width}×${m.height}`;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function label(m: MediaFacts, index: number): string {
  return m.name ? `"${m.name}"` : `File ${index + 1}`;
}

function durationOutside(m: MediaFacts, range: { min: number; max: number }): boolean {
  return typeof m.durationMs === 'number' && (m.durationMs < range.min || m.durationMs > range.max);
}

function isReelShaped(m: MediaFacts): boolean {
  const ratio = aspectOf(m);
  return ratio === undefined || Math.abs(ratio - MEDIA_FIT_LIMITS.reelAspect) <= SLACK;
}

/**
 * The platform rules the post's files break on one channel (`provider` is the channel's provider identifier,
 * `settings` its provider settings, for the post type). Warnings only: the publish-time rules stay in validatePost.
 */
export function mediaFitWarnings(provider: string, media: readonly MediaFacts[], settings?: Readonly<Record<string, unknown>>): MediaFitWarning[] {
  const warnings: MediaFitWarning[] = [];
  const warn = (index: number, rule: MediaFitRule, message: string) => warnings.push({ index, rule, message });
  const L = MEDIA_FIT_LIMITS;

  if (provider === 'instagram' || provider === 'instagram-standalone') {
    const type = instagramPostType(settings);
    // One video in a post is published as a Reel (Meta retired feed videos).
    const asReel = type === 'reel' || (type === 'post' && media.length === 1 && mediaKind(media[0]!.mime) === 'video');
    media.forEach((m, i) => {
      const kind = mediaKind(m.mime);
      const ratio = aspectOf(m);
      if (type === 'story') {
        if (kind === 'video' && durationOutside(m, L.instagramStoryMs)) warn(i, 'instagram_story_duration', `${label(m, i)} lasts ${seconds(m.durationMs!)}; Instagram story videos must last 3 to 60 s.`);
        return;
      }
      if (asReel && kind === 'video') {
        if (!isReelShaped(m)) warn(i, 'instagram_reel_aspect', `${label(m, i)} is ${ratioText(m)}; Instagram Reels are 9:16 (for example 1080×1920).`);
        if (durationOutside(m, L.instagramReelMs)) warn(i, 'instagram_reel_duration', `${label(m, i)} lasts ${seconds(m.durationMs!)}; Instagram Reels should last 3 to 90 s.`);
        return;
      }
      if (ratio !== undefined && (ratio < L.instagramFeedAspect.min - SLACK || ratio > L.instagramFeedAspect.max + SLACK)) {
        warn(i, 'instagram_feed_aspect', `${label(m, i)} is ${ratioText(m)}; Instagram feed posts take aspect ratios from 4:5 (portrait) to 1.91:1 (landscape). Crop it to fit.`);
      }
    });
  } else if (provider === 'x') {
    media.forEach((m, i) => {
      if (mediaKind(m.mime) !== 'video') return;
      if (typeof m.size === 'number' && m.size > L.xVideoBytes) warn(i, 'x_video_size', `${label(m, i)} is ${Math.round(m.size / MB)} MB; X takes videos of at most 512 MB.`);
      if (durationOutside(m, L.xVideoMs)) warn(i, 'x_video_duration', `${label(m, i)} lasts ${seconds(m.durationMs!)}; X takes videos of 0.5 to 140 s.`);
      const ratio = aspectOf(m);
      if (ratio !== undefined && (ratio < L.xVideoAspect.min - SLACK || ratio > L.xVideoAspect.max + SLACK)) warn(i, 'x_video_aspect', `${label(m, i)} is ${ratioText(m)}; X takes videos from 1:3 to 3:1.`);
    });
  } else if (provider === 'facebook') {
    if (facebookPostType(settings) !== 'reel') return warnings;
    media.forEach((m, i) => {
      if (mediaKind(m.mime) !== 'video') return;
      if (!isReelShaped(m)) warn(i, 'facebook_reel_aspect', `${label(m, i)} is ${ratioText(m)}; Facebook Reels are 9:16 (at least 540×960).`);
      if (durationOutside(m, L.facebookReelMs)) warn(i, 'facebook_reel_duration', `${label(m, i)} lasts ${seconds(m.durationMs!)}; Facebook Reels must last 3 to 90 s.`);
    });
  }
  return warnings;
}
