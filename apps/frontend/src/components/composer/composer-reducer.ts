import { emptyEntry } from './composer-state';
import type { ComposerState, DraftEntry, MediaItem } from './composer-types';

/** Which thread an edit applies to: the shared one or a channel's own. */
export type Target = 'shared' | { channel: string };

export type ComposerAction =
  | { type: 'load'; state: ComposerState }
  | { type: 'toggle-channel'; id: string }
  | { type: 'set-text'; target: Target; entry: string; text: string }
  | { type: 'set-delay'; target: Target; entry: string; delay: number }
  | { type: 'add-entry'; target: Target }
  | { type: 'remove-entry'; target: Target; entry: string }
  | { type: 'customize'; channel: string }
  | { type: 'reset-override'; channel: string }
  | { type: 'add-media'; target: Target; entry: string; items: MediaItem[] }
  | { type: 'update-media'; key: string; patch: Partial<MediaItem> }
  | { type: 'remove-media'; key: string }
  /** Drag to reorder: `key` moves to just before `before` in the same entry. */
  | { type: 'move-media'; target: Target; entry: string; key: string; before: string }
  | { type: 'set-setting'; channel: string; key: string; value: unknown }
  | { type: 'set-date'; date: string }
  | { type: 'toggle-tag'; name: string }
  | { type: 'add-tag'; name: string }
  | { type: 'set-inter'; inter: number | null }
  /** A signature: added at the end of the post, in the shared thread and in each channel's own. */
  | { type: 'append-text'; text: string };

function thread(state: ComposerState, target: Target): DraftEntry[] {
  return target === 'shared' ? state.shared : (state.overrides[target.channel] ?? state.shared);
}

function withThread(state: ComposerState, target: Target, entries: DraftEntry[]): ComposerState {
  if (target === 'shared') return { ...state, shared: entries };
  return { ...state, overrides: { ...state.overrides, [target.channel]: entries } };
}

function mapEntry(state: ComposerState, target: Target, key: string, change: (entry: DraftEntry) => DraftEntry): ComposerState {
  return withThread(state, target, thread(state, target).map((entry) => (entry.key === key ? change(entry) : entry)));
}

/** Media keys are unique across every thread, so a finished upload finds its item wherever it now lives. */
function mapAllMedia(state: ComposerState, change: (media: MediaItem[]) => MediaItem[]): ComposerState {
  const mapThread = (entries: DraftEntry[]) => entries.map((entry) => {
    const media = change(entry.media);
    return media === entry.media ? entry : { ...entry, media };
  });
  const overrides = Object.fromEntries(Object.entries(state.overrides).map(([id, entries]) => [id, mapThread(entries)]));
  return { ...state, shared: mapThread(state.shared), overrides };
}

function copyThread(entries: readonly DraftEntry[]): DraftEntry[] {
  return entries.map((entry) => ({ ...entry, key: `${entry.key}-own`, media: entry.media.map((m) => ({ ...m })) }));
}

export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  switch (action.type) {
    case 'load':
      return action.state;
    case 'toggle-channel': {
      const on = state.selected.includes(action.id);
      return { ...state, selected: on ? state.selected.filter((id) => id !== action.id) : [...state.selected, action.id] };
    }
    case 'set-text':
      return mapEntry(state, action.target, action.entry, (entry) => ({ ...entry, text: action.text }));
    case 'set-delay':
      return mapEntry(state, action.target, action.entry, (entry) => ({ ...entry, delay: action.delay }));
    case 'add-entry':
      return withThread(state, action.target, [...thread(state, action.target), emptyEntry(5)]);
    case 'remove-entry':
      return withThread(state, action.target, thread(state, action.target).filter((entry) => entry.key !== action.entry));
    case 'customize':
      return state.overrides[action.channel] ? state : { ...state, overrides: { ...state.overrides, [action.channel]: copyThread(state.shared) } };
    case 'reset-override': {
      const { [action.channel]: _dropped, ...overrides } = state.overrides;
      return { ...state, overrides };
    }
    case 'add-media':
      return mapEntry(state, action.target, action.entry, (entry) => ({ ...entry, media: [...entry.media, ...action.items] }));
    case 'update-media':
      return mapAllMedia(state, (media) => (media.some((m) => m.key === action.key) ? media.map((m) => (m.key === action.key ? { ...m, ...action.patch } : m)) : media));
    case 'move-media':
      return mapEntry(state, action.target, action.entry, (entry) => {
        const moving = entry.media.find((m) => m.key === action.key);
        if (!moving || !entry.media.some((m) => m.key === action.before)) return entry;
        const rest = entry.media.filter((m) => m.key !== action.key);
        const at = rest.findIndex((m) => m.key === action.before);
        return { ...entry, media: [...rest.slice(0, at), moving, ...rest.slice(at)] };
      });
    case 'remove-media':
      return mapAllMedia(state, (media) => (media.some((m) => m.key === action.key) ? media.filter((m) => m.key !== action.key) : media));
    case 'set-setting':
      return { ...state, settings: { ...state.settings, [action.channel]: { ...state.settings[action.channel], [action.key]: action.value } } };
    case 'set-date':
      return { ...state, date: action.date };
    case 'toggle-tag':
      return { ...state, tags: state.tags.includes(action.name) ? state.tags.filter((name) => name !== action.name) : [...state.tags, action.name] };
    case 'add-tag':
      return state.tags.includes(action.name) ? state : { ...state, tags: [...state.tags, action.name] };
    case 'set-inter':
      return { ...state, inter: action.inter };
    case 'append-text': {
      const append = (entries: DraftEntry[]) => entries.map((entry, i) => (i === 0 ? { ...entry, text: entry.text.trim() === '' ? action.text : `${entry.text.replace(/\s+$/, '')}\n\n${action.text}` } : entry));
      return { ...state, shared: append(state.shared), overrides: Object.fromEntries(Object.entries(state.overrides).map(([id, entries]) => [id, append(entries)])) };
    }
  }
}
