import type { CreationMethod, PostChannel, PostsRepository } from '@herald/database';
import { type ChannelInfo, isPlatformIdentifier, parsePostDate, type PlatformIdentifier, type PostType, validatePostChannels } from '@herald/shared';
import { type CreatePostDto, validateCreatePostBody } from '@herald/shared/dto';
import { AppError, type ErrorDetail } from '../common/app-error';
import { isUuid } from './ids';
import { sanitizeContent } from './sanitize-content';

/** A post request that passed every check: the body, the channels, and each platform's rules. */
export interface ValidPostRequest {
  body: CreatePostDto;
  type: PostType;
  /** `date` parsed to an instant (UTC). */
  date: Date;
  /** The target channels by id, each one of this organization, live and of a known platform. */
  channels: Map<string, PostChannel & { providerIdentifier: PlatformIdentifier }>;
}

export interface PostRequestOptions {
  /** The public API's `type` quirk: a missing or unknown type reads as `schedule`. */
  lenientType?: boolean;
  /** Where the post is made, stored on the rows created (default WEB: the dashboard). */
  creationMethod?: CreationMethod;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The channel id of each `posts[]` entry as sent, read defensively (the body is not validated yet). */
function requestedChannelIds(raw: unknown): (string | undefined)[] {
  if (!isRecord(raw) || !Array.isArray(raw['posts'])) return [];
  return raw['posts'].map((entry: unknown) => {
    const integration = isRecord(entry) ? entry['integration'] : undefined;
    const id = isRecord(integration) ? integration['id'] : undefined;
    return typeof id === 'string' && id.length > 0 ? id : undefined;
  });
}

/** `posts.<i>.…` belongs to the i-th entry's channel. */
function channelOfField(field: string, ids: readonly (string | undefined)[]): string | undefined {
  const match = /^posts\.(\d+)(\.|$)/.exec(field);
  return match ? ids[Number(match[1])] : undefined;
}

function premiumOf(settings: unknown): boolean {
  return isRecord(settings) && settings['premium'] === true;
}

function channelProblem(channel: PostChannel | undefined): { code: string; message: string } | undefined {
  if (!channel || channel.deletedAt) return { code: 'channel_not_found', message: 'This channel was not found in the organization.' };
  if (!isPlatformIdentifier(channel.providerIdentifier)) return { code: 'channel_unsupported', message: `${channel.name}: this platform is not supported.` };
  if (channel.disabled) return { code: 'channel_disabled', message: `${channel.name} is disabled; enable it before posting to it.` };
  if (channel.inBetweenSteps) return { code: 'channel_not_ready', message: `${channel.name} is not set up yet; choose its page first.` };
  return undefined;
}

/**
 * Every check a post goes through before anything is written: the body (types, date, media paths, provider
 * settings), then each channel (of this organization, live, set up), then each platform's rules. All problems come
 * back together as one 400 `validation_failed`, one detail per failing channel and field.
 */
export async function validatePostRequest(
  raw: unknown,
  organizationId: string,
  posts: Pick<PostsRepository, 'findChannels'>,
  options: PostRequestOptions = {},
): Promise<ValidPostRequest> {
  const ids = requestedChannelIds(raw);
  const found = await posts.findChannels(organizationId, [...new Set(ids.filter(isUuid))]);
  const byId = new Map(found.map((c) => [c.id, c]));

  const parsed = validateCreatePostBody(raw, {
    lenientType: options.lenientType ?? false,
    platformOf: (id) => {
      const channel = byId.get(id);
      return channel && !channel.deletedAt && isPlatformIdentifier(channel.providerIdentifier) ? channel.providerIdentifier : undefined;
    },
  });
  if (!parsed.ok) {
    const details = parsed.issues.map((issue): ErrorDetail => {
      const channel = channelOfField(issue.field, ids);
      return { ...(channel ? { channel } : {}), field: issue.field, code: issue.code, message: issue.message };
    });
    throw AppError.validation('The post is invalid.', details);
  }
  // Checked and stored as sanitized HTML (docs/public-api.md §3.2.5); the platforms' rules count its plain text.
  const body: CreatePostDto = {
    ...parsed.value,
    posts: parsed.value.posts.map((entry) => ({ ...entry, value: entry.value.map((value) => ({ ...value, content: sanitizeContent(value.content) })) })),
  };
  const date = parsePostDate(body.date);
  if (!date) throw AppError.validation('The post is invalid.', [{ field: 'date', code: 'isPostDate', message: 'date must be a valid ISO 8601 date string' }]);

  const details: ErrorDetail[] = [];
  const channels: ValidPostRequest['channels'] = new Map();
  const seen = new Set<string>();
  body.posts.forEach((entry, index) => {
    const id = entry.integration.id;
    const field = `posts.${index}.integration.id`;
    if (seen.has(id)) {
      details.push({ channel: id, field, code: 'channel_repeated', message: 'This channel appears twice; put the whole thread in one entry.' });
      return;
    }
    seen.add(id);
    const channel = byId.get(id);
    const problem = channelProblem(channel);
    if (problem || !channel || !isPlatformIdentifier(channel.providerIdentifier)) {
      details.push({ channel: id, field, ...(problem ?? { code: 'channel_not_found', message: 'This channel was not found in the organization.' }) });
      return;
    }
    channels.set(id, { ...channel, providerIdentifier: channel.providerIdentifier });
  });

  const channelOf = (id: string): ChannelInfo | undefined => {
    const channel = channels.get(id);
    return channel ? { identifier: channel.providerIdentifier, premium: premiumOf(channel.settings) } : undefined;
  };
  details.push(...validatePostChannels(body.posts, channelOf, { draft: body.type === 'draft' }));
  if (details.length > 0) {
    const failing = new Set(details.map((d) => d.channel ?? d.field));
    throw AppError.validation(`The post cannot be scheduled: ${failing.size} channel(s) have problems.`, details);
  }
  return { body, type: body.type, date, channels };
}

/**
 * The platforms' size rules, with each medium's size from the media library (the body only names files): a video
 * larger than a platform takes (X 512 MB) is refused here, before scheduling, as 400 `validation_failed` with a
 * `media_too_large` detail, rather than failing at its minute.
 */
export function requireMediaSizesFit(request: ValidPostRequest, sizes: ReadonlyMap<string, number>): void {
  if (sizes.size === 0) return;
  const channelOf = (id: string): ChannelInfo | undefined => {
    const channel = request.channels.get(id);
    return channel ? { identifier: channel.providerIdentifier, premium: premiumOf(channel.settings) } : undefined;
  };
  const details: ErrorDetail[] = validatePostChannels(request.body.posts, channelOf, { draft: request.type === 'draft', sizeOf: (path) => sizes.get(path) })
    .filter((issue) => issue.code === 'media_too_large')
    .map((issue) => ({ ...(issue.channel ? { channel: issue.channel } : {}), field: issue.field, code: issue.code, message: issue.message }));
  if (details.length > 0) {
    const failing = new Set(details.map((d) => d.channel ?? d.field));
    throw AppError.validation(`The post cannot be scheduled: ${failing.size} channel(s) have problems.`, details);
  }
}
