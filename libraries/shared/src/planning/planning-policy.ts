// The planning workflow's rules (docs/planning.md), shared by the API and the dashboard's forms.

/** A posting time: `HH:mm`, 24-hour, wall-clock in the channel's time zone. */
export const SLOT_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MAX_SLOTS_PER_CHANNEL = 48;
/** Postiz's default posting times (02:00, 06:40 and 11:40 UTC), used while a channel has none of its own. */
export const DEFAULT_SLOTS: readonly string[] = ['02:00', '06:40', '11:40'];
export const DEFAULT_SLOT_ZONE = 'UTC';

/** A recurring post repeats every `inter` days, 1 to 365. */
export const INTER_MIN_DAYS = 1;
export const INTER_MAX_DAYS = 365;

export const SIGNATURE_NAME_MAX = 100;
export const SIGNATURE_CONTENT_MAX = 2_000;

/** A CSV import takes at most this many rows (after the header). */
export const IMPORT_MAX_ROWS = 5_000;
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_COLUMNS = ['date', 'channels', 'content', 'media', 'type'] as const;
/** Channels and media in one CSV cell are separated by this. */
export const IMPORT_LIST_SEPARATOR = '|';

export const PREVIEW_NAME_MAX = 80;
export const PREVIEW_COMMENT_MAX = 2_000;
/** A preview link expires at most this many days ahead (or never, when no expiry is given). */
export const PREVIEW_MAX_DAYS = 365;

/** Sorted, without repeats: the form a channel's posting times are stored and shown in. */
export function normalizeSlots(slots: readonly string[]): string[] {
  return [...new Set(slots)].sort();
}

/** Plain text as the stored HTML of paragraphs (content-policy): one `<p>` per line, the text escaped. */
export function plainTextToHtml(text: string): string {
  if (text.trim() === '') return '';
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\r?\n/)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}

/** The provider settings a post gets when nobody chose any (the composer's and the CSV import's starting point). */
export function defaultProviderSettings(identifier: string): Record<string, unknown> {
  switch (identifier) {
    case 'x':
      return { who_can_reply_post: 'everyone' };
    case 'instagram':
    case 'instagram-standalone':
    case 'facebook':
      return { post_type: 'post' };
    default:
      return {};
  }
}
