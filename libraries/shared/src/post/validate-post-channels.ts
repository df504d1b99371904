import { type PlatformIdentifier } from '../catalogue/platforms';
import { describeMedia } from '../validation/media';
import { isBlankContent } from '../validation/plain-text';
import { type PlatformPostInput, type PostIssue } from '../validation/post-issue';
import { validatePostForPlatform } from '../validation/validate-post';
import { type PostChannelEntry } from './post.types';

/** What the server (or the composer) knows about a channel beyond its id. */
export interface ChannelInfo {
  identifier: PlatformIdentifier;
  /** X Premium account. */
  premium?: boolean;
}

export interface ValidatePostChannelsOptions {
  /** Drafts are only checked for emptiness: the rest waits until they are scheduled. */
  draft?: boolean;
  /** A medium's size in bytes by its path, when known (the server reads it from the media library): size rules then apply. */
  sizeOf?: (path: string) => number | undefined;
}

/** Adapts one `posts[]` entry of the body to the platform rules' input (media types from their extensions). */
export function toPlatformPostInput(entry: PostChannelEntry, sizeOf?: (path: string) => number | undefined): PlatformPostInput {
  const describe = (m: { path: string; alt?: string }) => {
    const size = sizeOf?.(m.path);
    return describeMedia(size === undefined ? m : { ...m, size });
  };
  const input: PlatformPostInput = {
    value: entry.value.map((v) => ({ content: v.content, media: (v.image ?? []).map(describe) })),
  };
  if (entry.settings) input.settings = entry.settings as unknown as Readonly<Record<string, unknown>>;
  return input;
}

function emptinessIssues(entry: PostChannelEntry, index: number, channel: string): PostIssue[] {
  return entry.value.flatMap((v, j) =>
    isBlankContent(v.content) && (v.image ?? []).length === 0
      ? [{ channel, field: `posts.${index}.value.${j}.content`, code: 'content_required' as const, message: 'Your post should have at least one character or one image.' }]
      : [],
  );
}

/**
 * Runs each channel's platform rules over a validated body. Issues carry the channel (integration id) and a
 * `posts.<i>.…` field. A channel that `channelOf` does not know is skipped: finding unknown ids is the caller's job.
 */
export function validatePostChannels(
  posts: readonly PostChannelEntry[],
  channelOf: (integrationId: string) => ChannelInfo | undefined,
  options: ValidatePostChannelsOptions = {},
): PostIssue[] {
  return posts.flatMap((entry, index) => {
    const channel = channelOf(entry.integration.id);
    if (!channel) return [];
    if (options.draft) return emptinessIssues(entry, index, entry.integration.id);
    return validatePostForPlatform(channel.identifier, toPlatformPostInput(entry, options.sizeOf), {
      premium: channel.premium ?? false,
      channel: entry.integration.id,
      fieldPrefix: `posts.${index}`,
    });
  });
}
