'use client';

import { useState } from 'react';
import { formatBytes, formatDuration, type MediaKindFilter, useMediaLibrary } from '../../hooks/use-media-library';
import { apiRequest } from '../../lib/api-client';
import { toApiError } from '../../lib/api-error';
import type { UploadedMedia } from '../../lib/post-types';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { PageHeader } from '../ui/page-header';
import { useToast } from '../ui/toast';
import { MediaPreview } from './media-library-dialog';
import { MediaFilters } from './media-filters';
import { MediaPager } from './media-pager';
import styles from './media.module.css';

const ALT_MAX = 1000;

/** The Media page: the organization's library, with alt text and delete (refused while a scheduled post uses a file). */
export function MediaView() {
  const [search, setSearch] = useState('');
  const [type, setType] = useState<MediaKindFilter>('');
  const [page, setPage] = useState(1);
  const [deleting, setDeleting] = useState<UploadedMedia | null>(null);
  const { data, error, loading, reload } = useMediaLibrary(search, type, page);
  const notify = useToast();

  return (
    <>
      <PageHeader title="Media" description={data ? `${data.total} file${data.total === 1 ? '' : 's'} in the library` : 'The files of this organization'} />
      <MediaFilters
        search={search}
        type={type}
        onChange={(filters) => {
          setSearch(filters.search);
          setType(filters.type);
          setPage(1);
        }}
      />
      {error ? <p role="alert" className={styles.error}>{error}</p> : null}
      {!loading && data && data.results.length === 0 ? <p className="muted">{search || type ? 'Nothing matches.' : 'No media yet: files you upload in the composer land here.'}</p> : null}
      <ul className={styles.pageGrid} aria-busy={loading || undefined} data-media-page>
        {(data?.results ?? []).map((media) => (
          <li key={media.id} className={styles.card} data-media-id={media.id}>
            <MediaPreview media={media} />
            <div className={styles.cardBody}>
              <span className={styles.cardName} title={media.name}>
                {media.name}
              </span>
              <span className="muted">
                {[formatBytes(media.size), media.width && media.height ? `${media.width}×${media.height}` : null, media.durationMs ? formatDuration(media.durationMs) : null, media.videoCodec]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {media.type.startsWith('image/') ? <AltField media={media} onSaved={() => notify('Alt text saved', 'success')} /> : null}
              <div className={styles.cardActions}>
                <a className="btn btn-sm btn-ghost" href={media.path} target="_blank" rel="noreferrer">
                  Open
                </a>
                <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(media)} aria-label={`Delete ${media.name}`}>
                  Delete
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <MediaPager page={page} pages={data?.pages ?? 1} onPage={setPage} />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this file?"
        confirmLabel="Delete"
        tone="danger"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await apiRequest(`/media/${deleting.id}`, { method: 'DELETE' });
          notify(`${deleting.name} deleted`, 'success');
          reload();
        }}
      >
        <p>
          {deleting?.name} leaves the library. Posts already published keep their copy; a post still waiting to go out with it stops the delete.
        </p>
      </ConfirmDialog>
    </>
  );
}

function AltField({ media, onSaved }: { media: UploadedMedia; onSaved: () => void }) {
  const [value, setValue] = useState(media.alt ?? '');
  const [saved, setSaved] = useState(media.alt ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    try {
      const answer = await apiRequest<UploadedMedia>(`/media/${media.id}`, { method: 'PUT', body: { alt: value } });
      setSaved(answer.alt ?? '');
      setValue(answer.alt ?? '');
      setError(null);
      onSaved();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <textarea className="input" rows={2} maxLength={ALT_MAX} placeholder="Alt text" aria-label={`Alt text for ${media.name}`} value={value} onChange={(event) => setValue(event.target.value)} />
      {value !== saved ? (
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save alt text'}
        </button>
      ) : null}
      {error ? <span role="alert" className={styles.error}>{error}</span> : null}
    </form>
  );
}
