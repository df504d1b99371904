import type { PlatformIdentifier } from '@herald/shared';

/** What opens the composer: a new post (optionally at a time) or an existing group, by any of its post ids. */
export type ComposerRequest = { mode: 'create'; date?: Date } | { mode: 'edit'; postId: string };

export interface ComposerChannel {
  id: string;
  name: string;
  identifier: PlatformIdentifier;
  picture: string | null;
  username: string | null;
  /** False for a channel of the edited group that is no longer connected and usable. */
  available: boolean;
  /** X: an account with a subscription may post long text. */
  premium?: boolean;
}

export type MediaStatus = 'uploading' | 'done' | 'failed';

export interface MediaItem {
  key: string;
  status: MediaStatus;
  name: string;
  mime: string;
  size?: number;
  /** 0..1 while uploading. */
  progress: number;
  /** What the browser shows: an object URL for a fresh file, the public URL once stored. */
  previewUrl: string;
  id?: string;
  path?: string;
  error?: string;
  /** Alt text, read out in place of the image (X `alt_text` through media metadata, Instagram `alt_text`, Facebook `alt_text_custom`); images only. */
  alt?: string;
  /** A video's cover: the public URL of an uploaded JPEG (Instagram Reels' `cover_url`). */
  thumbnail?: string;
  thumbnailTimestamp?: number;
  /** Read by the server at upload (for the platform fit warnings); absent when unknown. */
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
}

/** One entry of a thread: value[0] is the post, later ones replies (X) or comments. */
export interface DraftEntry {
  key: string;
  text: string;
  media: MediaItem[];
  /** Minutes after the previous entry (ignored for the first). */
  delay: number;
}

export type ChannelSettings = Record<string, unknown>;

export interface ComposerState {
  selected: string[];
  shared: DraftEntry[];
  /** A channel's own thread, replacing the shared one for it. */
  overrides: Record<string, DraftEntry[]>;
  settings: Record<string, ChannelSettings>;
  /** `datetime-local` value in the person's zone. */
  date: string;
  /** Post ids of the edited group per channel, so entries update in place. */
  existingIds: Record<string, string[]>;
  /** The names of the group's tags (the API matches them exactly against the organization's tags). */
  tags: string[];
  /** Repeat every so many days (a recurring post); null: once. */
  inter: number | null;
}
