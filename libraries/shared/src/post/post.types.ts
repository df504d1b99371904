import { type ProviderSettings } from './provider-settings.types';

// The body of POST /posts and POST /public/v1/posts (docs/public-api.md §3.2.1).

export const POST_TYPES = ['draft', 'schedule', 'now', 'update'] as const;
/** `update` edits without touching the publishing workflow (public API). */
export type PostType = (typeof POST_TYPES)[number];

/** One attached medium. `path` is the public URL; other keys a client sends are dropped. */
export interface MediaRef {
  id?: string;
  path: string;
  alt?: string;
  /** Cover image URL, e.g. for a video. */
  thumbnail?: string;
  thumbnailTimestamp?: number;
}

/** One entry of a thread: `value[0]` is the post, later entries replies (X) or comments (Instagram, Facebook). */
export interface PostValue {
  content: string;
  image?: MediaRef[];
  /** An existing post id to update in place. */
  id?: string;
  /** Minutes after the previous entry. */
  delay?: number;
}

export interface PostChannelEntry {
  integration: { id: string };
  value: PostValue[];
  /** An existing group to replace. */
  group?: string;
  settings?: ProviderSettings;
}

/** Only `label` is used: it is matched against the organization's tag names. */
export interface PostTagInput {
  value?: unknown;
  label?: unknown;
}

export interface CreatePostBody {
  type: PostType;
  /** ISO 8601; offset-less values are UTC (see parsePostDate). */
  date: string;
  shortLink?: boolean;
  tags?: PostTagInput[];
  posts: PostChannelEntry[];
  /** Repeat every N days. */
  inter?: number;
  order?: string;
  /** Opt-in to publish again a post that is already published. */
  republish?: boolean;
  creationMethod?: string;
}

/** One element of the 201 answer, in request order. The dashboard API adds the group. */
export interface CreatePostResultItem {
  postId: string;
  integration: string;
  group?: string;
}

/**
 * The public API's `type` quirk (§3.2.3): a missing or unknown `type` behaves like `schedule`.
 */
export function normalizePostType(raw: unknown): PostType {
  return (POST_TYPES as readonly unknown[]).includes(raw) ? (raw as PostType) : 'schedule';
}
