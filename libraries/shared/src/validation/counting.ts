import { extractUrlsWithIndices, parseTweet } from 'twitter-text';
import { FACEBOOK_LIMITS, INSTAGRAM_LIMITS, X_LIMITS } from '../catalogue/platform-limits';
import { type PlatformIdentifier } from '../catalogue/platforms';
import { htmlToPlainText, utf16Length } from './plain-text';

export type CountUnit = 'x-weighted' | 'utf16';

export interface PlatformCount {
  /** The number the platform counts for this text. */
  count: number;
  limit: number;
  /** Negative when over the limit. */
  remaining: number;
  over: boolean;
  unit: CountUnit;
}

export interface CountOptions {
  /** X Premium: long posts allowed. */
  premium?: boolean;
  /** X article (long-form) rather than a post. */
  article?: boolean;
}

/** X's weighted length (emoji and CJK count 2, every URL 23), via twitter-text's v3 configuration. */
export function xWeightedLength(text: string): number {
  return parseTweet(text).weightedLength;
}

/** The links X finds in a text (each becomes a t.co link counted as 23), with their UTF-16 ranges, in order. */
export function xLinks(text: string): { url: string; start: number; end: number }[] {
  return extractUrlsWithIndices(text).map(({ url, indices: [start, end] }) => ({ url, start, end }));
}

function count(value: number, limit: number, unit: CountUnit): PlatformCount {
  return { count: value, limit, remaining: limit - value, over: value > limit, unit };
}

/** The counter for the composer and the length rule for the server. `content` may be composer HTML or plain text. */
export function countForPlatform(identifier: PlatformIdentifier, content: string, options: CountOptions = {}): PlatformCount {
  const text = htmlToPlainText(content);
  switch (identifier) {
    case 'x':
      if (options.article) return count(utf16Length(text), X_LIMITS.articleMaxLength, 'utf16');
      return count(
        xWeightedLength(text),
        options.premium ? X_LIMITS.premiumMaxWeightedLength : X_LIMITS.maxWeightedLength,
        'x-weighted',
      );
    case 'instagram':
    case 'instagram-standalone':
      return count(utf16Length(text), INSTAGRAM_LIMITS.captionMaxLength, 'utf16');
    case 'facebook':
      return count(utf16Length(text), FACEBOOK_LIMITS.textMaxLength, 'utf16');
  }
}
