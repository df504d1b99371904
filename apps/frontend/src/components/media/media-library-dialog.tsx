'use client';

import { useState } from 'react';
import { apiRequest } from '../../lib/api-client';
import { toApiError } from '../../lib/api-error';
import { formatDuration, type MediaKindFilter, useMediaLibrary } from '../../hooks/use-media-library';
import type { UploadedMedia } from '../../lib/post-types';
import { Dialog } from '../ui/dialog';
import { MediaFilters } from './media-filters';
import { MediaPager } from './media-pager';
import styles from './media.module.css';

interface MediaLibraryDialogProps {
  open: boolean;
  onClose: () => void;
  /** The chosen files, in the order they were picked. */
  onAdd: (media: UploadedMedia[]) => void;
}

/** The organization's library in the composer: search, filter, pick several, add them to the post. */
export function MediaLibraryDialog({ open, onClose, onAdd }: MediaLibraryDialogProps) {
  const [search, setSearch] = useState('');
  const [type, setType] = useState<MediaKindFilter>('');
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<UploadedMedia[]>([]);
  /** Alt text typed here, by media id: saved to the library when the files are added. */
  const [alts, setAlts] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { data, error, loading } = useMediaLibrary(search, type, page);

  async function add() {
    setSaving(true);
    setSaveError(null);
    try {
      const chosen = await Promise.all(
        picked.map(async (media) => {
          const alt = alts[media.id];
          if (alt === undefined || alt === (media.alt ?? '')) return media;
          return apiRequest<UploadedMedia>(`/media/${media.id}`, { method: 'PUT', body: { alt } });
        }),
      );
      onAdd(chosen);
      close();
    } catch (err) {
      setSaveError(toApiError(err).message);
    } finally {
      setSaving(false);
    }
  }

  function toggle(media: UploadedMedia) {
    setPicked((current) => (current.some((m) => m.id === media.id) ? current.filter((m) => m.id !== media.id) : [...current, media]));
  }

  function close() {
    setPicked([]);
    setAlts({});
    setSaveError(null);
    onClose();
  }

  return (
    <Dialog
      open={open}
      title="Media library"
      onClose={close}
      size="xl"
      footer={
        <>
          <span className="muted">{picked.length === 0 ? 'Pick one or more files' : `${picked.length} selected`}</span>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={picked.length === 0 || saving}
            onClick={() => void add()}
          >
            {saving ? 'Adding…' : 'Add to post'}
          </button>
        </>
      }
    >
      <MediaFilters
        search={search}
        type={type}
        autoFocus
        onChange={(filters) => {
          setSearch(filters.search);
          setType(filters.type);
          setPage(1);
        }}
      />
      {error ? <p role="alert" className={styles.error}>{error}</p> : null}
      {!loading && data && data.results.length === 0 ? <p className="muted">{search || type ? 'Nothing matches.' : 'The library is empty: files you upload in the composer land here.'}</p> : null}
      <ul className={styles.grid} aria-busy={loading || undefined} data-media-library>
        {(data?.results ?? []).map((media) => {
          const order = picked.findIndex((m) => m.id === media.id);
          return (
            <li key={media.id}>
              <button type="button" className={styles.tile} aria-pressed={order >= 0} onClick={() => toggle(media)} data-media-id={media.id} title={media.name}>
                <MediaPreview media={media} />
                {order >= 0 ? <span className={styles.pickOrder}>{order + 1}</span> : null}
                <span className={styles.tileName}>{media.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <MediaPager page={page} pages={data?.pages ?? 1} onPage={setPage} />
      {picked.some((m) => m.type.startsWith('image/')) ? (
        <div className={styles.alts}>
          {picked
            .filter((m) => m.type.startsWith('image/'))
            .map((media) => (
              <label key={media.id}>
                <span className="muted">Alt text for {media.name}</span>
                <input className="input" maxLength={1000} value={alts[media.id] ?? media.alt ?? ''} onChange={(event) => setAlts((current) => ({ ...current, [media.id]: event.target.value }))} placeholder="Describe the picture for people who cannot see it" />
              </label>
            ))}
        </div>
      ) : null}
      {saveError ? <p role="alert" className={styles.error}>{saveError}</p> : null}
    </Dialog>
  );
}

export function MediaPreview({ media }: { media: UploadedMedia }) {
  if (media.type.startsWith('video/')) {
    return (
      <span className={styles.preview}>
        <video src={media.path} muted preload="metadata" />
        {media.durationMs ? <span className={styles.badge}>{formatDuration(media.durationMs)}</span> : null}
      </span>
    );
  }
  return (
    <span className={styles.preview}>
      <img src={media.path} alt={media.alt ?? ''} loading="lazy" />
    </span>
  );
}
