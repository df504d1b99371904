import type { PostChannel } from '@herald/database';
import { defaultProviderSettings, hasAllowedMediaExtension, htmlToPlainText, IMPORT_LIST_SEPARATOR, plainTextToHtml } from '@herald/shared';
import { parseCivilOrInstant } from '../zoned-time';
import type { ImportCsvRow } from './read-import-csv';

/** A media cell entry: a file of the organization's library (by its key), or a URL to bring in first. */
export type ImportMedia = { kind: 'upload'; key: string } | { kind: 'url'; url: string };

/** What a row asks for, once its cells are read; `errors` says what is wrong with them. */
export interface ReadRow {
  line: number;
  errors: string[];
  type: 'draft' | 'schedule';
  date?: Date;
  channels: PostChannel[];
  /** Stored form (HTML paragraphs). */
  content: string;
  media: ImportMedia[];
}

export interface RowContext {
  /** The organization's live channels. */
  channels: readonly PostChannel[];
  /** The person's zone: a date without an offset is a wall-clock time there. */
  zone: string;
  now: Date;
  /** The library key of a URL under UPLOADS_PUBLIC_URL (undefined for any other URL). */
  keyOfUrl: (url: string) => string | undefined;
  /** Plain http and private addresses too (UPLOAD_FROM_URL_ALLOW_PRIVATE). */
  allowHttp: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function listOf(cell: string): string[] {
  return cell
    .split(IMPORT_LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function channelOf(ref: string, context: RowContext, errors: string[]): PostChannel | undefined {
  if (UUID.test(ref)) {
    const byId = context.channels.find((c) => c.id === ref.toLowerCase());
    if (!byId) errors.push(`channels: no channel has the id ${ref}`);
    return byId;
  }
  const named = context.channels.filter((c) => c.name.toLowerCase() === ref.toLowerCase());
  if (named.length === 0) errors.push(`channels: no channel is named “${ref}”`);
  if (named.length > 1) errors.push(`channels: ${named.length} channels are named “${ref}”; use the channel's id`);
  return named.length === 1 ? named[0] : undefined;
}

function mediaOf(ref: string, context: RowContext, errors: string[]): ImportMedia | undefined {
  const key = context.keyOfUrl(ref);
  if (key) return { kind: 'upload', key };
  let url: URL | undefined;
  try {
    url = new URL(ref);
  } catch {
    url = undefined;
  }
  const schemes = context.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!url || !schemes.includes(url.protocol) || !hasAllowedMediaExtension(url.pathname)) {
    errors.push(`media: “${ref.slice(0, 80)}” is neither an uploaded file's address nor an https URL ending in .png, .jpg, .jpeg, .gif, .webp or .mp4`);
    return undefined;
  }
  return { kind: 'url', url: url.toString() };
}

/** Reads one row's cells (the platform rules are checked afterwards, on the post it makes). */
export function readRow(row: ImportCsvRow, context: RowContext): ReadRow {
  const errors: string[] = [];
  const { cells } = row;
  const typeCell = cells.type.trim().toLowerCase();
  const type = typeCell === '' ? 'schedule' : typeCell;
  if (type !== 'draft' && type !== 'schedule') errors.push(`type: “${cells.type}” is neither draft nor schedule`);
  const date = parseCivilOrInstant(cells.date, context.zone);
  if (!date) errors.push(`date: “${cells.date.slice(0, 40)}” is not a date; write 2026-12-10 09:00 (in ${context.zone}) or ISO 8601 with an offset`);
  else if (type === 'schedule' && date <= context.now) errors.push('date: this time has passed; a scheduled post needs a date ahead (or make the row a draft)');
  const refs = listOf(cells.channels);
  if (refs.length === 0) errors.push('channels: name at least one channel (by name or id, several separated by |)');
  const channels = [...new Map(refs.map((ref) => channelOf(ref, context, errors)).filter((c): c is PostChannel => c !== undefined).map((c) => [c.id, c])).values()];
  const media = listOf(cells.media)
    .map((ref) => mediaOf(ref, context, errors))
    .filter((m): m is ImportMedia => m !== undefined);
  const content = plainTextToHtml(cells.content.trim());
  if (content === '' && media.length === 0) errors.push('content: a post needs text, media or both');
  return { line: row.line, errors, type: type === 'draft' ? 'draft' : 'schedule', ...(date ? { date } : {}), channels, content, media };
}

/** The create body of a row (dashboard shape), its media given by `pathOf`. */
export function bodyOfRow(row: ReadRow, pathOf: (media: ImportMedia) => string): Record<string, unknown> {
  return {
    type: row.type,
    date: row.date?.toISOString(),
    shortLink: false,
    posts: row.channels.map((channel) => ({
      integration: { id: channel.id },
      value: [{ content: row.content, image: row.media.map((m) => ({ path: pathOf(m) })) }],
      settings: { ...defaultProviderSettings(channel.providerIdentifier), __type: channel.providerIdentifier },
    })),
  };
}

/** A short plain-text view of the content, for the preview table. */
export function excerptOf(content: string): string {
  const text = htmlToPlainText(content).replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
