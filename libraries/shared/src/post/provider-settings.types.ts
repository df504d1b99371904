import { type FacebookPostType, type InstagramPostType } from '../catalogue/platform-limits';
import { type MediaRef } from './post.types';

// Provider settings as posts[].settings carries them (docs/public-api.md §5.2). The server overwrites `__type` with the
// channel's provider, so clients may omit it; after validation it is always present.

export const X_WHO_CAN_REPLY = ['everyone', 'following', 'mentionedUsers', 'subscribers', 'verified'] as const;
export type XWhoCanReply = (typeof X_WHO_CAN_REPLY)[number];

export const X_POST_TYPES = ['post', 'article'] as const;
export type XPostType = (typeof X_POST_TYPES)[number];

export const X_ARTICLE_STATUSES = ['draft', 'published'] as const;
export type XArticleStatus = (typeof X_ARTICLE_STATUSES)[number];

/** An X poll, under X's own names (POST /2/tweets `poll`). */
export interface XPoll {
  options: string[];
  duration_minutes: number;
}

export interface XSettings {
  __type?: 'x';
  /** Required unless `post_type` is `article`. */
  who_can_reply_post?: XWhoCanReply;
  /** Empty, or `https://x.com/i/communities/<digits>`. */
  community?: string;
  post_type?: XPostType;
  article_title?: string;
  article_status?: XArticleStatus;
  article_cover?: MediaRef;
  made_with_ai?: boolean;
  paid_partnership?: boolean;
  /** Herald's addition: a poll on the first post of the thread (no media with it). */
  poll?: XPoll;
}

export const INSTAGRAM_GRADUATION_STRATEGIES = ['MANUAL', 'SS_PERFORMANCE'] as const;
export type InstagramGraduationStrategy = (typeof INSTAGRAM_GRADUATION_STRATEGIES)[number];

export interface InstagramCollaborator {
  label: string;
}

export interface InstagramAudio {
  id: string;
  title?: string;
  artist?: string;
  image?: string;
  /** 0-100 */
  audio_volume?: number;
  /** 0-100 */
  video_volume?: number;
}

export interface InstagramSettings {
  __type?: 'instagram' | 'instagram-standalone';
  post_type: InstagramPostType;
  /** A Reel published as a trial (shown to non-followers first): Graph `trial_params`. Reels only. */
  is_trial_reel?: boolean;
  /** With `is_trial_reel` only; `MANUAL` when omitted. */
  graduation_strategy?: InstagramGraduationStrategy;
  /** Up to 3 Instagram usernames invited as collaborators (feed images, carousels, Reels; not stories). */
  collaborators?: InstagramCollaborator[];
  /** Reels only: also show the Reel in the feed (Graph `share_to_feed`, Meta's default true). Herald's addition. */
  share_to_feed?: boolean;
  /** Kept from Postiz for its clients; Instagram's API cannot add licensed music, so a post carrying it is refused. */
  audio?: InstagramAudio;
}

export interface FacebookSettings {
  __type?: 'facebook';
  /** A link attached to a text post (Graph `link` on /feed); not with photos or a video. */
  url?: string;
  post_type?: FacebookPostType;
  text_format_preset_id?: string;
}

export type ProviderSettings = XSettings | InstagramSettings | FacebookSettings;
