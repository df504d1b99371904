import type { XSettings } from '@herald/shared';
import { ProviderError } from '../contracts/provider-error';

/**
 * The fields of X's `POST /2/tweets` body (TweetCreateRequest, https://docs.x.com/x-api/posts/create-posts) that a
 * post's settings turn into, under X's own names.
 */
export interface XTweetOptions {
  /** Who may reply; absent means everyone. */
  reply_settings?: 'following' | 'mentionedUsers' | 'subscribers' | 'verified';
  /** The Community the post goes to, `^[0-9]{1,19}$`. */
  community_id?: string;
  made_with_ai?: boolean;
  paid_partnership?: boolean;
  /** 2 to 4 choices, open 5 to 10,080 minutes; X takes no media with it. */
  poll?: { options: string[]; duration_minutes: number };
}

/** Which tweet of the post a value is mapped for: the first, or a reply further down the thread. */
export interface XTweetPosition {
  first: boolean;
}

type Mapper<K extends keyof XSettings> = (value: NonNullable<XSettings[K]>, at: XTweetPosition) => XTweetOptions;

const COMMUNITY_URL = /^https:\/\/x\.com\/i\/communities\/(\d{1,19})$/;

function notSent(field: string, why: string): never {
  throw new ProviderError('bad_content', 'x', `The X setting \`${field}\` cannot be published: ${why}`);
}

const ARTICLES = "X's API has no way to publish an Article";

/**
 * Every stored X setting (docs/public-api.md §5.2 names) and what it becomes in the tweet. The record is exhaustive over
 * `XSettings`, and provider-settings.dto.ts checks that the DTO has no field outside `XSettings`, so a setting cannot
 * be accepted at creation and then dropped here: adding one breaks compilation until it is mapped (docs/platforms.md).
 * Reply settings and the Community belong to the first tweet (the thread's replies follow it); the labels go on every
 * tweet of the thread, as each one is content of the post.
 */
const MAPPERS: { [K in keyof Required<XSettings>]: Mapper<K> } = {
  // The discriminator the server writes: it says which DTO validated the settings.
  __type: () => ({}),
  who_can_reply_post: (value, at) => (at.first && value !== 'everyone' ? { reply_settings: value } : {}),
  community: (value, at) => {
    if (value === '' || !at.first) return {};
    const id = COMMUNITY_URL.exec(value)?.[1];
    return id ? { community_id: id } : notSent('community', `${value} is not an X Community address`);
  },
  post_type: (value) => (value === 'article' ? notSent('post_type', ARTICLES) : {}),
  article_title: () => notSent('article_title', ARTICLES),
  article_status: () => notSent('article_status', ARTICLES),
  article_cover: () => notSent('article_cover', ARTICLES),
  made_with_ai: (value) => (value ? { made_with_ai: true } : {}),
  paid_partnership: (value) => (value ? { paid_partnership: true } : {}),
  // A thread's replies are tweets of their own: the poll belongs to the first one only.
  poll: (value, at) => (at.first ? { poll: { options: [...value.options], duration_minutes: value.duration_minutes } } : {}),
};

function isMapped(key: string): key is keyof XSettings {
  return Object.prototype.hasOwnProperty.call(MAPPERS, key);
}

/** The tweet fields a post's stored X settings ask for; a setting X cannot carry fails the post rather than vanish. */
export function xTweetOptions(settings: unknown, at: XTweetPosition): XTweetOptions {
  if (settings === undefined || settings === null) return {};
  if (typeof settings !== 'object' || Array.isArray(settings)) throw new ProviderError('bad_content', 'x', 'Invalid X settings');
  const out: XTweetOptions = {};
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    if (!isMapped(key)) throw new ProviderError('bad_content', 'x', `Unknown X setting \`${key}\``);
    if (value === undefined || value === null) continue;
    Object.assign(out, applyMapper(key, value, at));
  }
  return out;
}

function applyMapper<K extends keyof XSettings>(key: K, value: unknown, at: XTweetPosition): XTweetOptions {
  // The value was validated against XSettingsDto when the post was created (provider-settings.dto.ts).
  return (MAPPERS[key] as (value: unknown, at: XTweetPosition) => XTweetOptions)(value, at);
}
