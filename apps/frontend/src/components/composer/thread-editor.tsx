'use client';

import { countForPlatform, mediaFitWarnings } from '@herald/shared';
import { useId, useRef, useState, type Dispatch, type DragEvent } from 'react';
import { useMediaUpload } from '../../hooks/use-media-upload';
import { apiRequest } from '../../lib/api-client';
import { toApiError } from '../../lib/api-error';
import type { UploadedMedia } from '../../lib/post-types';
import { MediaLibraryDialog } from '../media/media-library-dialog';
import type { ComposerAction, Target } from './composer-reducer';
import { newKey } from './composer-state';
import type { ChannelSettings, ComposerChannel, DraftEntry, MediaItem } from './composer-types';
import type { AnyIssue } from './server-issues';
import styles from './composer.module.css';

interface ThreadEditorProps {
  target: Target;
  entries: readonly DraftEntry[];
  /** The channels this thread is published to (for counters and wording). */
  channels: readonly ComposerChannel[];
  issues: readonly (AnyIssue & { channelName: string })[];
  dispatch: Dispatch<ComposerAction>;
  disabled: boolean;
  /** A channel's provider settings (its post type decides which media rules apply). */
  settingsOf?: (channel: ComposerChannel) => ChannelSettings;
}

function followNoun(channels: readonly ComposerChannel[]): string {
  const x = channels.some((c) => c.identifier === 'x');
  const other = channels.some((c) => c.identifier !== 'x');
  if (x === other) return 'Reply or comment';
  return x ? 'Reply' : 'Comment';
}

/** The thread of one target: the post, then replies or comments, each with its media and delay. */
export function ThreadEditor({ target, entries, channels, issues, dispatch, disabled, settingsOf }: ThreadEditorProps) {
  const noun = followNoun(channels);
  return (
    <div className={styles.thread}>
      {entries.map((entry, index) => (
        <EntryEditor
          key={entry.key}
          target={target}
          entry={entry}
          index={index}
          label={index === 0 ? 'Post' : `${noun} ${index}`}
          channels={channels}
          issues={issues.filter((issue) => issue.field === `value.${index}` || issue.field.startsWith(`value.${index}.`))}
          dispatch={dispatch}
          disabled={disabled}
          settingsOf={settingsOf}
        />
      ))}
      <button type="button" className={`btn btn-sm btn-ghost ${styles.addEntry}`} onClick={() => dispatch({ type: 'add-entry', target })} disabled={disabled}>
        <span aria-hidden="true">+</span> Add a {noun.toLowerCase()}
      </button>
    </div>
  );
}

interface EntryEditorProps {
  target: Target;
  entry: DraftEntry;
  index: number;
  label: string;
  channels: readonly ComposerChannel[];
  issues: readonly (AnyIssue & { channelName: string })[];
  dispatch: Dispatch<ComposerAction>;
  disabled: boolean;
  settingsOf?: (channel: ComposerChannel) => ChannelSettings;
}

/** The platform rules the entry's media break, channel by channel (from the metadata the server read at upload). */
function fitWarningsOf(entry: DraftEntry, channels: readonly ComposerChannel[], settingsOf?: (channel: ComposerChannel) => ChannelSettings) {
  const media = entry.media.filter((m) => m.status === 'done').map((m) => ({ mime: m.mime, name: m.name, size: m.size ?? null, width: m.width ?? null, height: m.height ?? null, durationMs: m.durationMs ?? null }));
  if (media.length === 0) return [];
  return channels.flatMap((channel) => mediaFitWarnings(channel.identifier, media, settingsOf?.(channel)).map((warning) => ({ ...warning, channel })));
}

function EntryEditor({ target, entry, index, label, channels, issues, dispatch, disabled, settingsOf }: EntryEditorProps) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [libraryOpen, setLibraryOpen] = useState(false);
  const [dragKey, setDragKey] = useState<string | null>(null);
  const { upload, thumbnail } = useMediaUpload();
  /** The files of uploads not finished yet, by media key (for Retry). */
  const pending = useRef(new Map<string, File>());
  const fitWarnings = fitWarningsOf(entry, channels, settingsOf);
  const [cropping, setCropping] = useState<{ key: string; error?: string } | null>(null);

  /** Crops a picture server-side (the original stays in the library) and puts the crop in its place in the post. */
  async function cropTo(item: MediaItem, aspect: '4:5' | '1.91:1') {
    if (!item.id) return;
    setCropping({ key: item.key });
    try {
      const media = await apiRequest<UploadedMedia>(`/media/${item.id}/crop`, { method: 'POST', body: { aspect } });
      dispatch({
        type: 'update-media',
        key: item.key,
        patch: { id: media.id, path: media.path, previewUrl: media.path, name: media.name, mime: media.type, size: media.size, width: media.width ?? null, height: media.height ?? null },
      });
      setCropping(null);
    } catch (error) {
      setCropping({ key: item.key, error: toApiError(error).message });
    }
  }

  function addFromLibrary(chosen: UploadedMedia[]) {
    const items: MediaItem[] = chosen.map((media) => ({
      key: newKey('media'),
      status: 'done',
      name: media.name,
      mime: media.type,
      size: media.size,
      progress: 1,
      previewUrl: media.path,
      id: media.id,
      path: media.path,
      ...(media.alt ? { alt: media.alt } : {}),
      width: media.width ?? null,
      height: media.height ?? null,
      durationMs: media.durationMs ?? null,
    }));
    if (items.length > 0) dispatch({ type: 'add-media', target, entry: entry.key, items });
  }

  function addFiles(files: FileList | null) {
    if (!files || files.length === 0) return;
    const items: MediaItem[] = [...files].map((file) => ({
      key: newKey('media'),
      status: 'uploading',
      name: file.name,
      mime: file.type || 'application/octet-stream',
      size: file.size,
      progress: 0,
      previewUrl: thumbnail(file),
    }));
    dispatch({ type: 'add-media', target, entry: entry.key, items });
    items.forEach((item, i) => {
      const file = files[i];
      if (!file) return;
      pending.current.set(item.key, file);
      send(item.key, item.mime, file);
    });
  }

  /** Uploads a file of the entry; a failed one keeps its File, so Retry resumes a chunked upload where it stopped. */
  function send(key: string, mime: string, file: File) {
    upload(file, {
      onProgress: (progress) => dispatch({ type: 'update-media', key, patch: { progress } }),
      onDone: (media) => {
        pending.current.delete(key);
        dispatch({
          type: 'update-media',
          key,
          patch: { status: 'done', progress: 1, id: media.id, path: media.path, mime: media.type || mime, size: media.size, width: media.width ?? null, height: media.height ?? null, durationMs: media.durationMs ?? null },
        });
      },
      onFail: (error) => dispatch({ type: 'update-media', key, patch: { status: 'failed', error } }),
    });
  }

  function retry(item: MediaItem) {
    const file = pending.current.get(item.key);
    if (!file) return;
    dispatch({ type: 'update-media', key: item.key, patch: { status: 'uploading', error: undefined } });
    send(item.key, item.mime, file);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  }

  const issueId = `${id}-issues`;
  return (
    <div
      className={styles.entry}
      data-dragging={dragging || undefined}
      data-entry={index}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className={styles.entryHead}>
        <label htmlFor={id} className={styles.entryLabel}>
          {label}
        </label>
        {index > 0 ? (
          <label className={styles.delay}>
            after
            <input
              type="number"
              min={0}
              max={10080}
              className="input"
              value={entry.delay}
              onChange={(event) => dispatch({ type: 'set-delay', target, entry: entry.key, delay: Math.max(0, Number(event.target.value) || 0) })}
              disabled={disabled}
            />
            min
          </label>
        ) : null}
        {index > 0 ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => dispatch({ type: 'remove-entry', target, entry: entry.key })} disabled={disabled} aria-label={`Remove ${label.toLowerCase()}`}>
            <span aria-hidden="true">✕</span>
          </button>
        ) : null}
      </div>
      <textarea
        id={id}
        className={`input ${styles.textarea}`}
        rows={index === 0 ? 5 : 3}
        value={entry.text}
        placeholder={index === 0 ? 'What do you want to share?' : 'Write the follow-up…'}
        onChange={(event) => dispatch({ type: 'set-text', target, entry: entry.key, text: event.target.value })}
        aria-invalid={issues.length > 0 || undefined}
        aria-describedby={issues.length > 0 ? issueId : undefined}
        disabled={disabled}
        data-autofocus={index === 0 || undefined}
      />
      <div className={styles.entryFoot}>
        <div className={styles.mediaRow}>
          {entry.media.map((item) => (
            <MediaThumb
              key={item.key}
              item={item}
              dragging={dragKey === item.key}
              onDragStart={() => setDragKey(item.key)}
              onDragEnd={() => setDragKey(null)}
              onDropOn={() => {
                if (dragKey && dragKey !== item.key) dispatch({ type: 'move-media', target, entry: entry.key, key: dragKey, before: item.key });
                setDragKey(null);
              }}
              onRemove={() => {
                pending.current.delete(item.key);
                dispatch({ type: 'remove-media', key: item.key });
              }}
              onRetry={pending.current.has(item.key) ? () => retry(item) : undefined}
              onPatch={(patch) => dispatch({ type: 'update-media', key: item.key, patch })}
              uploadCover={(file, done, fail) => upload(file, { onProgress: () => undefined, onDone: (media) => done(media.path), onFail: fail })}
              disabled={disabled}
            />
          ))}
          <button type="button" className={styles.addMedia} onClick={() => fileInput.current?.click()} disabled={disabled}>
            <span aria-hidden="true" className={styles.addMediaPlus}>+</span>
            <span>Add media</span>
          </button>
          <button type="button" className={styles.addMedia} onClick={() => setLibraryOpen(true)} disabled={disabled} aria-label={`Add from the library to ${label.toLowerCase()}`}>
            <span aria-hidden="true" className={styles.addMediaPlus}>▦</span>
            <span>Library</span>
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime"
            className="visually-hidden"
            tabIndex={-1}
            aria-label={`Add media to ${label.toLowerCase()}`}
            onChange={(event) => {
              addFiles(event.target.files);
              event.target.value = '';
            }}
          />
        </div>
        <div className={styles.counters}>
          {channels.map((channel) => {
            const counted = countForPlatform(channel.identifier, entry.text, { premium: channel.premium ?? false });
            return (
              <span key={channel.id} className={styles.counter} data-over={counted.over || undefined} title={`${channel.name}: ${counted.count} of ${counted.limit}${counted.unit === 'x-weighted' ? ' (X counts emoji and CJK as 2, links as 23)' : ''}`}>
                <span className={styles.counterMark} data-platform={channel.identifier} aria-hidden="true" />
                <span className="visually-hidden">{channel.name}: </span>
                {counted.count}/{counted.limit}
              </span>
            );
          })}
        </div>
      </div>
      <MediaLibraryDialog open={libraryOpen} onClose={() => setLibraryOpen(false)} onAdd={addFromLibrary} />
      {fitWarnings.length > 0 ? (
        <ul className={styles.fitWarnings} data-fit-warnings>
          {fitWarnings.map((warning, i) => {
            const item = entry.media.filter((m) => m.status === 'done')[warning.index];
            const aspect = item?.width && item.height ? (item.width / item.height < 0.8 ? '4:5' : '1.91:1') : null;
            return (
              <li key={`${warning.channel.id}-${warning.rule}-${warning.index}-${i}`} data-rule={warning.rule}>
                <strong>{warning.channel.name}:</strong> {warning.message}{' '}
                {warning.rule === 'instagram_feed_aspect' && item?.id && aspect ? (
                  <button type="button" className="btn btn-sm" onClick={() => void cropTo(item, aspect)} disabled={disabled || cropping?.key === item.key && !cropping.error}>
                    {cropping?.key === item.key && !cropping.error ? 'Cropping…' : `Crop to ${aspect}`}
                  </button>
                ) : null}
                {cropping?.key === item?.key && cropping?.error ? <span role="alert"> {cropping.error}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {issues.length > 0 ? (
        <ul id={issueId} className={styles.issues}>
          {issues.map((issue, i) => (
            <li key={`${issue.channel ?? ''}-${issue.code}-${i}`}>
              <strong>{issue.channelName}:</strong> {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Alt text up to 1,000 characters (X and Instagram both take that many), and Instagram's limit for a Reel cover. */
const ALT_MAX = 1000;
const COVER_MAX_BYTES = 8 * 1024 * 1024;

interface MediaThumbProps {
  item: MediaItem;
  onRemove: () => void;
  /** For a failed upload whose file is still at hand: sends it again (a chunked upload resumes). */
  onRetry?: (() => void) | undefined;
  onPatch: (patch: Partial<MediaItem>) => void;
  uploadCover: (file: File, done: (path: string) => void, fail: (error: string) => void) => void;
  disabled: boolean;
  /** Drag to reorder inside the entry's media. */
  dragging: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDropOn: () => void;
}

const MEDIA_DRAG_TYPE = 'application/x-herald-media';

function MediaThumb({ item, onRemove, onRetry, onPatch, uploadCover, disabled, dragging, onDragStart, onDragEnd, onDropOn }: MediaThumbProps) {
  const video = item.mime.startsWith('video/');
  const [coverState, setCoverState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  return (
    <figure
      className={styles.thumb}
      data-status={item.status}
      data-dragging={dragging || undefined}
      title={item.error ?? item.name}
      draggable={!disabled}
      onDragStart={(event) => {
        event.dataTransfer.setData(MEDIA_DRAG_TYPE, item.key);
        event.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(MEDIA_DRAG_TYPE)) return;
        event.preventDefault();
        event.stopPropagation();
      }}
      onDrop={(event) => {
        if (!event.dataTransfer.types.includes(MEDIA_DRAG_TYPE)) return;
        event.preventDefault();
        event.stopPropagation();
        onDropOn();
      }}
    >
      {video ? <video src={item.previewUrl} muted preload="metadata" /> : <img src={item.previewUrl} alt={item.alt || item.name} />}
      {item.status === 'uploading' ? (
        <progress className={styles.progress} max={1} value={item.progress} aria-label={`Uploading ${item.name}`} />
      ) : null}
      {item.status === 'failed' ? (
        <figcaption className={styles.thumbError} role="alert">
          <span className={styles.thumbErrorText}>{item.error}</span>
          {onRetry ? (
            <button type="button" className="btn btn-sm" onClick={onRetry} disabled={disabled}>
              Retry
            </button>
          ) : null}
        </figcaption>
      ) : null}
      <button type="button" className={styles.thumbRemove} onClick={onRemove} disabled={disabled} aria-label={`Remove ${item.name}`}>
        <span aria-hidden="true">✕</span>
      </button>
      {item.status === 'done' && !video ? (
        <input
          className={styles.thumbField}
          value={item.alt ?? ''}
          maxLength={ALT_MAX}
          placeholder="Alt text"
          aria-label={`Alt text for ${item.name}`}
          onChange={(event) => onPatch({ alt: event.target.value })}
          disabled={disabled}
        />
      ) : null}
      {item.status === 'done' && video ? (
        <div className={styles.thumbField}>
          {item.thumbnail ? (
            <button type="button" onClick={() => onPatch({ thumbnail: undefined })} disabled={disabled} aria-label={`Remove the cover of ${item.name}`}>
              Cover set ✕
            </button>
          ) : (
            <label title="A JPEG of at most 8 MB, shown as the Reel's cover">
              {coverState.busy ? 'Uploading cover…' : 'Add cover'}
              <input
                type="file"
                accept="image/jpeg"
                hidden
                disabled={disabled || coverState.busy}
                aria-label={`Cover for ${item.name}`}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (!file) return;
                  if (file.type !== 'image/jpeg' || file.size > COVER_MAX_BYTES) {
                    setCoverState({ busy: false, error: 'A cover is a JPEG of at most 8 MB.' });
                    return;
                  }
                  setCoverState({ busy: true });
                  uploadCover(
                    file,
                    (path) => {
                      setCoverState({ busy: false });
                      onPatch({ thumbnail: path });
                    },
                    (error) => setCoverState({ busy: false, error }),
                  );
                }}
              />
            </label>
          )}
          {coverState.error ? <span role="alert">{coverState.error}</span> : null}
        </div>
      ) : null}
    </figure>
  );
}
