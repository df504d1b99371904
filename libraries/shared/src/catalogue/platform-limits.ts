// Limits are data, not code: the validators, the composer's counters and the providers all read them from here,
// so a platform changing a number is a one-line edit.

export const X_LIMITS = {
  /** X weighs emoji and CJK as 2 and every URL as 23 (twitter-text config v3). */
  maxWeightedLength: 280,
  /** Premium (paid) accounts may post long text; 25,000 is X's published figure. */
  premiumMaxWeightedLength: 25_000,
  /** Articles are long-form and are not weighted like posts. */
  articleMaxLength: 100_000,
  maxImages: 4,
  maxVideos: 1,
  maxGifs: 1,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/webp'],
  gifMimeTypes: ['image/gif'],
  videoMimeTypes: ['video/mp4', 'video/quicktime'],
  maxImageBytes: 5 * 1024 * 1024,
  maxGifBytes: 15 * 1024 * 1024,
  maxVideoBytes: 512 * 1024 * 1024,
  /** Alt text, images and GIFs only (POST /2/media/metadata, https://docs.x.com/x-api/media/create-media-metadata). */
  maxAltTextLength: 1_000,
  /** A poll (POST /2/tweets `poll`): 2 to 4 choices of 1 to 25 characters, open 5 minutes to 7 days; no media with it. */
  pollMinOptions: 2,
  pollMaxOptions: 4,
  pollOptionMaxLength: 25,
  pollMinMinutes: 5,
  pollMaxMinutes: 10_080,
} as const;

export const INSTAGRAM_POST_TYPES = ['post', 'reel', 'story'] as const;
export type InstagramPostType = (typeof INSTAGRAM_POST_TYPES)[number];

export const INSTAGRAM_LIMITS = {
  captionMaxLength: 2_200,
  maxHashtags: 30,
  maxMentions: 20,
  /** The feed shows about this many characters before "… more". */
  captionPreviewLength: 125,
  /** ...and never more than this many lines. */
  captionPreviewLines: 2,
  carouselMinItems: 2,
  carouselMaxItems: 10,
  maxCollaborators: 3,
  postTypes: INSTAGRAM_POST_TYPES,
  /** The only image format Instagram itself accepts. */
  publishedImageMimeTypes: ['image/jpeg'],
  /** Accepted from the person because the server converts them to JPEG before publishing. */
  convertibleImageMimeTypes: ['image/png', 'image/webp'],
  videoMimeTypes: ['video/mp4', 'video/quicktime'],
  maxImageBytes: 8 * 1024 * 1024,
  maxReelBytes: 300 * 1024 * 1024,
  maxStoryVideoBytes: 100 * 1024 * 1024,
  /** Comments (value[1..]) are text only on Instagram. */
  commentMaxMedia: 0,
} as const;

export const FACEBOOK_POST_TYPES = ['post', 'reel', 'story'] as const;
export type FacebookPostType = (typeof FACEBOOK_POST_TYPES)[number];

export const FACEBOOK_LIMITS = {
  textMaxLength: 63_206,
  // Graph documents no ceiling for attached_media; ten keeps one multi-photo post within a single publish request.
  maxImages: 10,
  maxVideos: 1,
  postTypes: FACEBOOK_POST_TYPES,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  videoMimeTypes: ['video/mp4', 'video/quicktime'],
  maxImageBytes: 10 * 1024 * 1024,
  maxVideoBytes: 1024 * 1024 * 1024,
  /** A comment may carry one photo (Graph `attachment_url`), never a video. */
  commentMaxImages: 1,
} as const;

export type XLimits = typeof X_LIMITS;
export type InstagramLimits = typeof INSTAGRAM_LIMITS;
export type FacebookLimits = typeof FACEBOOK_LIMITS;
