import { INSTAGRAM_GRADUATION_STRATEGIES, INSTAGRAM_LIMITS, INSTAGRAM_POST_TYPES, type InstagramSettings } from '@herald/shared';
import { z } from 'zod';
import { ProviderError } from '../contracts/provider-error';
import type { MediaRef, ProviderIdentifier } from '../contracts/provider.types';

// The stored settings (docs/public-api.md §5.2, Postiz's names) → the container requests of Instagram's content publishing
// (docs/platforms.md "Instagram options"). Every key of the DTO is listed in SETTINGS_FIELDS: a field added to
// InstagramSettings does not compile until it says which Graph parameter it becomes.

/** Each stored field and the Graph parameter it becomes (`-` for the discriminator). */
export const INSTAGRAM_SETTINGS_FIELDS: { readonly [K in keyof Required<InstagramSettings>]: string } = {
  __type: '-',
  post_type: 'media_type (IMAGE | CAROUSEL | REELS | STORIES)',
  is_trial_reel: 'trial_params',
  graduation_strategy: 'trial_params.graduation_strategy',
  collaborators: 'collaborators (usernames)',
  share_to_feed: 'share_to_feed',
  audio: 'refused: no Graph parameter adds music',
};

const shape = {
  __type: z.enum(['instagram', 'instagram-standalone']).optional(),
  post_type: z.enum(INSTAGRAM_POST_TYPES).default('post'),
  is_trial_reel: z.boolean().optional(),
  graduation_strategy: z.enum(INSTAGRAM_GRADUATION_STRATEGIES).optional(),
  collaborators: z
    .array(z.object({ label: z.string().trim().min(1) }))
    .max(INSTAGRAM_LIMITS.maxCollaborators)
    .optional(),
  share_to_feed: z.boolean().optional(),
  audio: z.unknown().optional(),
} satisfies { [K in keyof Required<InstagramSettings>]: z.ZodType };

const schema = z.object(shape);
export type StoredInstagramSettings = z.infer<typeof schema>;

export type ContainerParams = Record<string, string | boolean | number | string[] | Record<string, string>>;

/** What to create: one container, or carousel items and the carousel that holds them. */
export type InstagramPlan =
  | { kind: 'single'; container: ContainerParams }
  | { kind: 'carousel'; items: ContainerParams[]; container: ContainerParams };

export function parseInstagramSettings(provider: ProviderIdentifier, settings: unknown): StoredInstagramSettings {
  const parsed = schema.safeParse(settings ?? {});
  if (!parsed.success) {
    throw new ProviderError('bad_content', provider, `Invalid Instagram settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

function isVideo(media: MediaRef): boolean {
  return media.mimeType.startsWith('video/');
}

/** Instagram handles, without the `@` people type. */
function usernames(settings: StoredInstagramSettings): string[] {
  return (settings.collaborators ?? []).map((c) => c.label.trim().replace(/^@/, ''));
}

/** The container of a Reel: the video, its cover (an own image, or a frame), trial and feed options, collaborators. */
function reel(video: MediaRef, text: string, settings: StoredInstagramSettings): ContainerParams {
  const collaborators = usernames(settings);
  const cover: ContainerParams = video.thumbnail
    ? { cover_url: video.thumbnail }
    : video.thumbnailTimestamp !== undefined
      ? { thumb_offset: Math.max(0, Math.round(video.thumbnailTimestamp)) }
      : {};
  return {
    media_type: 'REELS',
    video_url: video.url,
    caption: text,
    ...cover,
    ...(settings.share_to_feed === undefined ? {} : { share_to_feed: settings.share_to_feed }),
    ...(collaborators.length ? { collaborators } : {}),
    ...(settings.is_trial_reel ? { trial_params: { graduation_strategy: settings.graduation_strategy ?? 'MANUAL' } } : {}),
  };
}

/**
 * The Graph requests for a post. Options a kind of post cannot take are refused here (the API's validation refuses
 * them first; this guards posts stored before it did), never dropped.
 */
export function instagramPlan(provider: ProviderIdentifier, input: { text: string; media: readonly MediaRef[]; settings?: unknown }): InstagramPlan {
  const settings = parseInstagramSettings(provider, input.settings);
  const bad = (message: string): ProviderError => new ProviderError('bad_content', provider, message);
  const { media, text } = input;
  if (settings.audio !== undefined) throw bad("Instagram's API cannot add music (settings.audio) to a post");
  if (media.length === 0) throw bad('Instagram needs at least one image or video');
  const [first] = media;
  const collaborators = usernames(settings);
  const isReel = settings.post_type === 'reel' || (settings.post_type === 'post' && media.length === 1 && first !== undefined && isVideo(first));
  if (settings.is_trial_reel && !isReel) throw bad('Only a Reel can be a trial Reel');
  if (settings.graduation_strategy && !settings.is_trial_reel) throw bad('graduation_strategy applies to trial Reels only');
  if (settings.share_to_feed !== undefined && !isReel) throw bad('share_to_feed applies to Reels only');

  if (settings.post_type === 'story') {
    if (!first || media.length > 1) throw bad('An Instagram story takes exactly one image or video');
    if (collaborators.length) throw bad('Instagram stories cannot have collaborators');
    return { kind: 'single', container: { media_type: 'STORIES', ...(isVideo(first) ? { video_url: first.url } : { image_url: first.url }) } };
  }
  if (isReel) {
    if (!first || media.length > 1 || !isVideo(first)) throw bad('A Reel is exactly one video');
    return { kind: 'single', container: reel(first, text, settings) };
  }
  if (first && media.length === 1) {
    return {
      kind: 'single',
      container: { image_url: first.url, caption: text, ...(first.alt ? { alt_text: first.alt } : {}), ...(collaborators.length ? { collaborators } : {}) },
    };
  }
  if (media.length > INSTAGRAM_LIMITS.carouselMaxItems) throw bad(`An Instagram carousel takes between ${INSTAGRAM_LIMITS.carouselMinItems} and ${INSTAGRAM_LIMITS.carouselMaxItems} items`);
  const items = media.map(
    (item): ContainerParams =>
      isVideo(item)
        ? { media_type: 'VIDEO', video_url: item.url, is_carousel_item: true }
        : { image_url: item.url, is_carousel_item: true, ...(item.alt ? { alt_text: item.alt } : {}) },
  );
  return { kind: 'carousel', items, container: { media_type: 'CAROUSEL', caption: text, ...(collaborators.length ? { collaborators } : {}) } };
}
