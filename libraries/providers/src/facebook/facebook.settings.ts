import { FACEBOOK_LIMITS, FACEBOOK_POST_TYPES, type FacebookSettings } from '@herald/shared';
import { z } from 'zod';
import { ProviderError } from '../contracts/provider-error';
import type { MediaRef, ProviderIdentifier } from '../contracts/provider.types';

// The stored settings (docs/public-api.md §5.2, Postiz's names) → the Page requests of the Graph API (docs/platforms.md
// "Facebook options"). FACEBOOK_SETTINGS_FIELDS lists every key of the DTO: a new field does not compile until it
// says which Graph parameter it becomes.

/** Each stored field and the Graph parameter it becomes (`-` for the discriminator). */
export const FACEBOOK_SETTINGS_FIELDS: { readonly [K in keyof Required<FacebookSettings>]: string } = {
  __type: '-',
  url: 'link (POST /{page-id}/feed)',
  post_type: 'the edge: /feed, /photos, /videos (post), /video_reels (reel), /photo_stories or /video_stories (story)',
  text_format_preset_id: 'text_format_preset_id (POST /{page-id}/feed)',
};

const shape = {
  __type: z.literal('facebook').optional(),
  url: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  post_type: z.enum(FACEBOOK_POST_TYPES).default('post'),
  text_format_preset_id: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
} satisfies { [K in keyof Required<FacebookSettings>]: z.ZodType };

const schema = z.object(shape);
export type StoredFacebookSettings = z.infer<typeof schema>;

/** What the publisher sends, in Graph's names. */
export type FacebookPlan =
  /** POST /{page-id}/feed */
  | { kind: 'feed'; params: { message: string; link?: string; text_format_preset_id?: string } }
  /** POST /{page-id}/photos: one published photo with its caption. */
  | { kind: 'photo'; params: { url: string; message: string; alt_text_custom?: string } }
  /** Unpublished photos, then POST /{page-id}/feed with attached_media. */
  | { kind: 'photos'; photos: { url: string; published: false; alt_text_custom?: string }[]; message: string }
  /** POST /{page-id}/videos with file_url. */
  | { kind: 'video'; params: { file_url: string; description: string } }
  /** /{page-id}/video_reels start → upload (file_url) → finish with video_state=PUBLISHED. */
  | { kind: 'reel'; fileUrl: string; finish: { description: string; video_state: 'PUBLISHED' } }
  /** An unpublished photo, then POST /{page-id}/photo_stories with photo_id. */
  | { kind: 'photo_story'; url: string }
  /** /{page-id}/video_stories start → upload (file_url) → finish. */
  | { kind: 'video_story'; fileUrl: string };

export function parseFacebookSettings(provider: ProviderIdentifier, settings: unknown): StoredFacebookSettings {
  const parsed = schema.safeParse(settings ?? {});
  if (!parsed.success) {
    throw new ProviderError('bad_content', provider, `Invalid Facebook settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

function isVideo(media: MediaRef): boolean {
  return media.mimeType.startsWith('video/');
}

/**
 * The Graph requests for a Page post. A setting the kind of post cannot carry is refused (the API's validation
 * refuses it first; this guards posts stored before it did), never dropped.
 */
export function facebookPlan(provider: ProviderIdentifier, input: { text: string; media: readonly MediaRef[]; settings?: unknown }): FacebookPlan {
  const settings = parseFacebookSettings(provider, input.settings);
  const bad = (message: string): ProviderError => new ProviderError('bad_content', provider, message);
  const { media, text } = input;
  const [first] = media;
  const textOnly = settings.post_type === 'post' && media.length === 0;
  if (settings.url && !textOnly) throw bad('A Facebook link (settings.url) goes on a text post only, without photos or a video');
  if (settings.text_format_preset_id && (!textOnly || settings.url)) throw bad('A Facebook background (text_format_preset_id) goes on a text-only post');

  switch (settings.post_type) {
    case 'story':
      if (!first || media.length > 1) throw bad('A Facebook story takes exactly one photo or video');
      return isVideo(first) ? { kind: 'video_story', fileUrl: first.url } : { kind: 'photo_story', url: first.url };
    case 'reel':
      if (!first || media.length > 1 || !isVideo(first)) throw bad('A Facebook Reel is exactly one video');
      return { kind: 'reel', fileUrl: first.url, finish: { description: text, video_state: 'PUBLISHED' } };
    case 'post':
      break;
  }
  if (media.some(isVideo)) {
    if (!first || media.length > 1) throw bad('A Facebook video post takes exactly one video and no images');
    return { kind: 'video', params: { file_url: first.url, description: text } };
  }
  if (first && media.length === 1) {
    return { kind: 'photo', params: { url: first.url, message: text, ...(first.alt ? { alt_text_custom: first.alt } : {}) } };
  }
  if (media.length > 1) {
    if (media.length > FACEBOOK_LIMITS.maxImages) throw bad(`Herald publishes at most ${FACEBOOK_LIMITS.maxImages} photos per Facebook post`);
    return { kind: 'photos', photos: media.map((m) => ({ url: m.url, published: false, ...(m.alt ? { alt_text_custom: m.alt } : {}) })), message: text };
  }
  return {
    kind: 'feed',
    params: { message: text, ...(settings.url ? { link: settings.url } : {}), ...(settings.text_format_preset_id ? { text_format_preset_id: settings.text_format_preset_id } : {}) },
  };
}
