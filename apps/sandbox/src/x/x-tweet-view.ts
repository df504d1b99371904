import { createHash } from 'node:crypto';
import { extractUrlsWithIndices, parseTweet } from 'twitter-text';
import { type SandboxContext } from '../context';
import { type XTweet } from './x-state';

/**
 * A tweet as X hands it back on every read (docs/platforms.md, "X: reading tweets back"): `&`, `<` and `>` become
 * HTML entities, every link is replaced by a 23-character `https://t.co/…` link described in `entities.urls`
 * (`url`, `expanded_url`, `display_url`, `start`, `end` in code points of the returned text), and a tweet with media
 * ends with one more t.co link to its photo or video (`display_url` `pic.x.com/…`, with a `media_key`). The text as
 * posted is never returned as it was sent.
 */
export interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
  media_key?: string;
}

export interface TweetView {
  text: string;
  urls: UrlEntity[];
  /** Only for tweets over 280 weighted characters: the whole text, while `text` is cut. */
  note?: { text: string; urls: UrlEntity[] };
}

const TCO_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const NOTE_CUT_MARGIN = 5;
const DISPLAY_MAX = 25;

/** X's t.co paths are 10 characters; here they are derived from the tweet, so every read of a tweet agrees. */
function tcoUrl(tweetId: string, slot: string): string {
  const digest = createHash('sha256').update(`${tweetId}:${slot}`).digest();
  let path = '';
  for (let i = 0; i < 10; i++) path += TCO_ALPHABET[(digest[i] ?? 0) % TCO_ALPHABET.length];
  return `https://t.co/${path}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function displayUrl(url: string): string {
  const bare = url.replace(/^https?:\/\//i, '');
  return bare.length > DISPLAY_MAX ? `${bare.slice(0, DISPLAY_MAX - 1)}…` : bare;
}

/** Escaped text with its links replaced by t.co links, and the entities describing them. */
function render(tweetId: string, raw: string): { text: string; urls: UrlEntity[] } {
  let text = '';
  const urls: UrlEntity[] = [];
  let from = 0;
  extractUrlsWithIndices(raw).forEach((found, index) => {
    const [start, end] = found.indices;
    text += escapeHtml(raw.slice(from, start));
    const url = tcoUrl(tweetId, String(index));
    const at = codePoints(text);
    text += url;
    urls.push({ start: at, end: at + codePoints(url), url, expanded_url: /^https?:\/\//i.test(found.url) ? found.url : `http://${found.url}`, display_url: displayUrl(found.url) });
    from = end;
  });
  text += escapeHtml(raw.slice(from));
  return { text, urls };
}

/** The trailing link of a tweet with media: one per tweet, to its first photo or video. */
function mediaLink(ctx: SandboxContext, tweet: XTweet, before: string): { suffix: string; entity: UrlEntity } | undefined {
  const [first] = tweet.mediaIds;
  if (!first) return undefined;
  const media = ctx.x.media.get(first);
  const username = ctx.personas.byXUserId(tweet.authorId)?.x.username ?? 'i';
  const url = tcoUrl(tweet.id, 'media');
  const separator = before === '' ? '' : ' ';
  const start = codePoints(before) + separator.length;
  return {
    suffix: `${separator}${url}`,
    entity: {
      start,
      end: start + codePoints(url),
      url,
      expanded_url: `https://x.com/${username}/status/${tweet.id}/${media?.kind === 'video' ? 'video' : 'photo'}/1`,
      display_url: `pic.x.com/${url.slice('https://t.co/'.length)}`,
      ...(media ? { media_key: media.mediaKey } : {}),
    },
  };
}

/** The start of a long text, cut a little before X's 280 weighted characters, then "…" (the whole is in note_tweet). */
function cut(text: string): string {
  const within = text.slice(0, parseTweet(text).validRangeEnd + 1);
  return `${Array.from(within).slice(0, -NOTE_CUT_MARGIN).join('')}…`;
}

export function tweetView(ctx: SandboxContext, tweet: XTweet): TweetView {
  const body = render(tweet.id, tweet.text);
  const media = mediaLink(ctx, tweet, body.text);
  const full = { text: body.text + (media?.suffix ?? ''), urls: media ? [...body.urls, media.entity] : body.urls };
  if (parseTweet(tweet.text).weightedLength <= 280) return full;
  const short = render(tweet.id, cut(tweet.text));
  const shortMedia = mediaLink(ctx, tweet, short.text);
  return {
    text: short.text + (shortMedia?.suffix ?? ''),
    urls: shortMedia ? [...short.urls, shortMedia.entity] : short.urls,
    note: { text: body.text, urls: body.urls },
  };
}

/** Entities as X nests them: only the kinds present, never an empty list. */
export function entitiesOf(urls: UrlEntity[]): Record<string, unknown> | undefined {
  return urls.length ? { urls } : undefined;
}
