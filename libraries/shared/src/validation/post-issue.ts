import { type MediaDescriptor } from './media';

export const POST_ISSUE_CODES = [
  'content_required',
  'text_too_long',
  'media_required',
  'media_unsupported',
  'media_mixed',
  'too_many_media',
  'media_too_large',
  'too_many_hashtags',
  'too_many_mentions',
  'reel_requires_video',
  'story_single_medium',
  'comment_media_unsupported',
  'too_many_collaborators',
  'setting_unsupported',
  'alt_text_unsupported',
  'alt_text_too_long',
  'poll_with_media',
  // Instagram and Facebook options (docs/platforms.md "Instagram options", "Facebook options").
  'collaborators_unsupported',
  'collaborator_invalid',
  'trial_reel_requires_reel',
  'graduation_without_trial',
  'share_to_feed_requires_reel',
  'link_with_media',
  'text_format_with_media',
  'story_comments_unsupported',
] as const;

export type PostIssueCode = (typeof POST_ISSUE_CODES)[number];

/**
 * One problem with one channel's content. `field` is relative to the channel's entry of `posts[]`
 * (`value.1.content`, `value.0.image.2`, `settings.collaborators`) unless a prefix was asked for.
 * The shape fits `ErrorDetail`, so a list of issues is a ready `details` array.
 */
export interface PostIssue {
  channel?: string;
  field: string;
  code: PostIssueCode;
  message: string;
}

/** One entry of a thread: `value[0]` is the post, later entries are replies (X) or comments (Instagram, Facebook). */
export interface PlatformPostEntry {
  content: string;
  media?: readonly MediaDescriptor[];
}

export interface PlatformPostInput {
  value: readonly PlatformPostEntry[];
  /** The channel's provider settings (`post_type`, `collaborators`, ...). */
  settings?: Readonly<Record<string, unknown>>;
}

export interface ValidatePostOptions {
  /** X Premium account: long posts allowed. */
  premium?: boolean;
  /** Integration id put on every issue. */
  channel?: string;
  /** Prepended to every `field`, e.g. `posts.0`. */
  fieldPrefix?: string;
}

/**
 * Postiz's family-D wording for the codes its clients may have seen (docs/public-api.md §3.2.2 step 8).
 * The public API can answer with these; the dashboard shows the issue's own sentence.
 */
export const POSTIZ_COMPAT_MESSAGES: Partial<Record<PostIssueCode, string>> = {
  content_required: 'Your post should have at least one character or one image.',
  text_too_long: 'post is too long, please fix it',
};
