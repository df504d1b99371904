import { defaultProviderSettings, htmlToPlainText, mimeFromPath, plainTextToHtml, validatePostForPlatform, type PlatformPostInput, type PostIssue } from '@herald/shared';
import type { CreatePostBody, MediaRef, PostGroup, PostType } from '../../lib/post-types';
import { fromLocalInput, toLocalInput } from '../../lib/zoned-time';
import type { ChannelSettings, ComposerChannel, ComposerState, DraftEntry, MediaItem } from './composer-types';

let counter = 0;
export function newKey(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export function emptyEntry(delay = 0): DraftEntry {
  return { key: newKey('entry'), text: '', media: [], delay };
}

/** Platform settings a channel needs before it can be scheduled (the server requires them). */
export function defaultSettings(identifier: string): ChannelSettings {
  return defaultProviderSettings(identifier);
}

export function initialState(date: Date, timeZone: string): ComposerState {
  return { selected: [], shared: [emptyEntry()], overrides: {}, settings: {}, date: toLocalInput(date, timeZone), existingIds: {}, tags: [], inter: null };
}

/** The default time of a new post: the next full hour that is at least 30 minutes away. */
export function defaultDate(now = Date.now()): Date {
  const hour = 3_600_000;
  return new Date(Math.ceil((now + 30 * 60_000) / hour) * hour);
}

/** The composer edits plain text; stored content is HTML of paragraphs (shared content-policy). */
export const textToHtml = plainTextToHtml;

function mediaFromRef(ref: MediaRef): MediaItem {
  return {
    key: newKey('media'),
    status: 'done',
    name: ref.path.split('/').pop() ?? 'media',
    mime: mimeFromPath(ref.path),
    progress: 1,
    previewUrl: ref.path,
    path: ref.path,
    ...(ref.id ? { id: ref.id } : {}),
    ...(ref.alt ? { alt: ref.alt } : {}),
    ...(ref.thumbnail ? { thumbnail: ref.thumbnail } : {}),
    ...(ref.thumbnailTimestamp !== undefined ? { thumbnailTimestamp: ref.thumbnailTimestamp } : {}),
  };
}

function parseSettings(raw: unknown): ChannelSettings {
  if (typeof raw === 'string') {
    try {
      const parsed = JSON.parse(raw) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as ChannelSettings) : {};
    } catch {
      return {};
    }
  }
  return typeof raw === 'object' && raw !== null ? { ...(raw as ChannelSettings) } : {};
}

function sameThread(a: readonly DraftEntry[], b: readonly DraftEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.text === b[i]?.text && entry.delay === b[i]?.delay && entry.media.map((m) => `${m.path ?? ''}#${m.alt ?? ''}`).join() === b[i]?.media.map((m) => `${m.path ?? ''}#${m.alt ?? ''}`).join());
}

/** An existing group as composer state: channels whose thread matches the first one share it, others override. */
export function stateFromGroup(group: PostGroup, timeZone: string): ComposerState {
  const threads = group.posts.map((channel) => ({
    id: channel.integration.id,
    entries: channel.value.map((value) => ({
      key: newKey('entry'),
      text: htmlToPlainText(value.content),
      media: (value.image ?? []).map(mediaFromRef),
      delay: value.delay,
    })),
  }));
  const shared = threads[0]?.entries ?? [emptyEntry()];
  const overrides: Record<string, DraftEntry[]> = {};
  for (const thread of threads.slice(1)) if (!sameThread(thread.entries, shared)) overrides[thread.id] = thread.entries;
  const settings: Record<string, ChannelSettings> = {};
  const existingIds: Record<string, string[]> = {};
  for (const channel of group.posts) {
    const { __type: _ignored, ...rest } = parseSettings(channel.settings);
    settings[channel.integration.id] = rest;
    existingIds[channel.integration.id] = channel.value.map((value) => value.id);
  }
  const first = group.posts[0]?.value[0]?.publishDate ?? group.date;
  const tags = [...new Set((group.tags ?? []).map((tag) => tag.label).filter((label) => typeof label === 'string' && label !== ''))];
  return { selected: group.posts.map((p) => p.integration.id), shared, overrides, settings, date: toLocalInput(new Date(first), timeZone), existingIds, tags, inter: group.inter ?? null };
}

export function entriesFor(state: ComposerState, channelId: string): DraftEntry[] {
  return state.overrides[channelId] ?? state.shared;
}

export function settingsFor(state: ComposerState, channel: ComposerChannel): ChannelSettings {
  return { ...defaultSettings(channel.identifier), ...state.settings[channel.id] };
}

/** The channel's thread as the platform rules read it; media still uploading count with their file's type. */
export function platformInput(state: ComposerState, channel: ComposerChannel): PlatformPostInput {
  return {
    value: entriesFor(state, channel.id).map((entry) => ({
      content: entry.text,
      media: entry.media.filter((m) => m.status !== 'failed').map((m) => ({ mime: m.mime, path: m.path ?? m.name, ...(m.size !== undefined ? { size: m.size } : {}), ...(m.alt ? { alt: m.alt } : {}) })),
    })),
    settings: settingsFor(state, channel),
  };
}

export function channelIssues(state: ComposerState, channel: ComposerChannel): PostIssue[] {
  return validatePostForPlatform(channel.identifier, platformInput(state, channel), { channel: channel.id, premium: channel.premium ?? false });
}

export function isUploading(state: ComposerState): boolean {
  const all = [state.shared, ...Object.values(state.overrides)].flat();
  return all.some((entry) => entry.media.some((m) => m.status === 'uploading'));
}

export type BuildResult = { ok: true; body: CreatePostBody } | { ok: false; message: string };

/** The exact body of POST /posts and PUT /posts/:group (docs/http-api.md §6). */
export function buildBody(state: ComposerState, channels: readonly ComposerChannel[], type: PostType, timeZone: string): BuildResult {
  if (state.selected.length === 0) return { ok: false, message: 'Choose at least one channel.' };
  const date = type === 'now' ? new Date() : fromLocalInput(state.date, timeZone);
  if (!date) return { ok: false, message: 'Choose the date and time of the post.' };
  const byId = new Map(channels.map((c) => [c.id, c]));
  const posts = state.selected.flatMap((id) => {
    const channel = byId.get(id);
    if (!channel) return [];
    const ids = state.existingIds[id] ?? [];
    return [
      {
        integration: { id },
        value: entriesFor(state, id).map((entry, index) => ({
          content: textToHtml(entry.text),
          image: entry.media
            .filter((m) => m.status === 'done' && m.path)
            .map((m) => ({
              ...(m.id ? { id: m.id } : {}),
              path: m.path ?? '',
              ...(m.alt?.trim() ? { alt: m.alt.trim() } : {}),
              ...(m.thumbnail ? { thumbnail: m.thumbnail } : {}),
              ...(m.thumbnailTimestamp !== undefined ? { thumbnailTimestamp: m.thumbnailTimestamp } : {}),
            })),
          ...(index > 0 ? { delay: Math.max(0, Math.round(entry.delay)) } : {}),
          ...(ids[index] ? { id: ids[index] } : {}),
        })),
        settings: { ...settingsFor(state, channel), __type: channel.identifier },
      },
    ];
  });
  // Always sent: a body without `tags` would keep the group's old ones, and [] is how a person removes them all.
  const tags = state.tags.map((name) => ({ value: name, label: name }));
  return { ok: true, body: { type, date: date.toISOString(), shortLink: false, tags, posts, ...(state.inter ? { inter: state.inter } : {}) } as CreatePostBody };
}
