// Posts, media and notifications as the dashboard API returns them (docs/http-api.md, docs/public-api.md §3.1).
import type { MediaMetadata, MediaRef, PostListItem, PostListResponse, PostState, PostTag } from '@herald/shared';

export type { CreatePostBody, CreatePostResultItem, MediaRef, PostChannelEntry, PostState, PostTag, PostType, PostValue, ProviderSettings } from '@herald/shared';

/** One root post in GET /posts. */
export type CalendarPost = PostListItem;
export type CalendarPostList = PostListResponse;

/** One entry of a group's thread in GET /posts/:id. */
export interface GroupValue {
  id: string;
  content: string;
  image: MediaRef[] | null;
  delay: number;
  state: PostState;
  publishDate: string;
  releaseURL: string | null;
  releaseId: string | null;
  error: string | null;
}

export interface GroupChannel {
  integration: { id: string; providerIdentifier: string; name: string; picture: string | null };
  settings: Record<string, unknown> | string | null;
  value: GroupValue[];
}

/** A tag as the create body names it: only `label` counts, matched exactly against the organization's tag names. */
export interface TagInput {
  value: string;
  label: string;
}

/** GET /posts/:id: the whole group, shaped like the create body so it can be edited and sent back. */
export interface PostGroup {
  group: string;
  type: 'draft' | 'schedule';
  date: string;
  /** The group's current tags; missing from servers older than tags. */
  tags?: TagInput[];
  /** Repeat every so many days (a recurring post); absent when it does not repeat. */
  inter?: number;
  posts: GroupChannel[];
}

/** POST /media/upload, and each file of GET /media. Metadata is `null` when unknown (older files, ffprobe missing). */
export interface UploadedMedia extends Partial<MediaMetadata> {
  id: string;
  name: string;
  path: string;
  type: string;
  size: number;
  alt?: string | null;
  sourceMediaId?: string | null;
  createdAt?: string;
}

/** GET /media?page&search&type. */
export interface MediaListResponse {
  page: number;
  pages: number;
  total: number;
  results: UploadedMedia[];
}

export interface NotificationItem {
  id: string;
  type: string;
  message: string;
  postId?: string | null;
  integrationId?: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationList {
  notifications: NotificationItem[];
  unread: number;
}

/** The dashboard's six visible states; CANCELLED posts are shown as drafts would be, struck through. */
export type StatusTone = 'draft' | 'queued' | 'publishing' | 'published' | 'error' | 'unconfirmed' | 'cancelled';

export function statusTone(state: PostState | string): StatusTone {
  switch (state) {
    case 'DRAFT':
      return 'draft';
    case 'QUEUE':
      return 'queued';
    case 'PUBLISHING':
      return 'publishing';
    case 'PUBLISHED':
      return 'published';
    case 'ERROR':
      return 'error';
    case 'UNCONFIRMED':
      return 'unconfirmed';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return 'queued';
  }
}

export const STATUS_LABEL: Record<StatusTone, string> = {
  draft: 'Draft',
  queued: 'Queued',
  publishing: 'Publishing',
  published: 'Published',
  error: 'Error',
  unconfirmed: 'Unconfirmed',
  cancelled: 'Cancelled',
};

/** The live tags of a calendar post, in the order the server gives them. */
export function tagsOf(post: CalendarPost): PostTag[] {
  return (post.tags ?? []).map((entry) => entry.tag).filter((tag) => tag && !tag.deletedAt);
}

/** The first URL of a release (the field may hold several, comma-separated). */
export function firstReleaseUrl(releaseURL: string | null | undefined): string | null {
  const first = releaseURL?.split(',')[0]?.trim();
  return first && /^https?:\/\//.test(first) ? first : null;
}
