import { INSTAGRAM_LIMITS } from '../catalogue/platform-limits';
import { htmlToPlainText } from './plain-text';

// Instagram links a hashtag when `#` starts a word and is followed by letters, digits or underscores with at least
// one non-digit (`#2024` stays plain text). Every occurrence counts: Instagram does not say it de-duplicates, and
// counting repeats keeps Herald from accepting a caption the platform may refuse at publish time.
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&#])#([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;

// Usernames are 1-30 of letters, digits, `_` and `.`, never starting or ending with a dot. A word character before
// `@` (an e-mail address) means it is not a mention.
const MENTION = /(?<![\p{L}\p{M}\p{N}_.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)/gu;

export function extractInstagramHashtags(caption: string): string[] {
  return Array.from(htmlToPlainText(caption).matchAll(HASHTAG), (m) => m[1] ?? '');
}

export function extractInstagramMentions(caption: string): string[] {
  return Array.from(htmlToPlainText(caption).matchAll(MENTION), (m) => m[1] ?? '');
}

export function countInstagramHashtags(caption: string): number {
  return extractInstagramHashtags(caption).length;
}

export function countInstagramMentions(caption: string): number {
  return extractInstagramMentions(caption).length;
}

export interface CaptionPreview {
  /** What the feed shows before "… more" (the UI appends that itself). */
  text: string;
  /** Whether anything was cut. */
  truncated: boolean;
}

function graphemes(text: string): string[] {
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  }
  return Array.from(text);
}

/**
 * Where the feed truncates a caption: after the first two lines or about 125 characters, whichever comes first,
 * backing up to a word boundary so a word is not split, and never inside an emoji.
 */
export function instagramCaptionPreview(
  caption: string,
  options: { maxLength?: number; maxLines?: number } = {},
): CaptionPreview {
  const maxLength = options.maxLength ?? INSTAGRAM_LIMITS.captionPreviewLength;
  const maxLines = options.maxLines ?? INSTAGRAM_LIMITS.captionPreviewLines;
  const full = htmlToPlainText(caption).trimEnd();
  const lines = full.split('\n');
  let visible = lines.slice(0, maxLines).join('\n');
  const units = graphemes(visible);
  if (units.length > maxLength) {
    const cut = units.slice(0, maxLength);
    const nextIsBreak = /^\s/.test(units[maxLength] ?? ' ');
    const lastSpace = cut.findLastIndex((g) => /^\s+$/.test(g));
    // Only back up when the word boundary is reasonably close; one endless word is cut where it hits the limit.
    visible = (!nextIsBreak && lastSpace >= maxLength / 2 ? cut.slice(0, lastSpace) : cut).join('');
  }
  visible = visible.trimEnd();
  return { text: visible, truncated: visible !== full };
}
