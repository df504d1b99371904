'use client';

import { useState } from 'react';
import { retryPost } from '../../hooks/use-post-group';
import { toApiError } from '../../lib/api-error';
import { platformShortName } from '../../lib/platforms';
import { firstReleaseUrl, STATUS_LABEL, statusTone, type PostGroup } from '../../lib/post-types';
import { PostFigures } from '../analytics/post-figures';
import { Avatar } from '../ui/avatar';
import styles from './composer.module.css';

interface GroupStatusProps {
  group: PostGroup;
  onRetried: () => void;
}

/** Where each channel of an existing group stands: state, the published link, the error and a retry. */
export function GroupStatus({ group, onRetried }: GroupStatusProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function retry(postId: string) {
    setBusy(postId);
    setError(null);
    try {
      await retryPost(postId);
      onRetried();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className={styles.status} aria-label="Status per channel">
      <ul>
        {group.posts.map((channel) => {
          const root = channel.value[0];
          if (!root) return null;
          const tone = statusTone(root.state);
          const link = firstReleaseUrl(root.releaseURL);
          return (
            <li key={channel.integration.id} data-tone={tone} data-state={root.state}>
              <Avatar src={channel.integration.picture} name={channel.integration.name} size={22} />
              <strong>{channel.integration.name}</strong>
              <span className="muted">{platformShortName(channel.integration.providerIdentifier)}</span>
              <span className={styles.statusBadge}>{STATUS_LABEL[tone]}</span>
              {link ? (
                <a href={link} target="_blank" rel="noreferrer" data-release-link>
                  View the post <span aria-hidden="true">↗</span>
                </a>
              ) : null}
              {root.state === 'ERROR' ? (
                <button type="button" className="btn btn-sm" onClick={() => void retry(root.id)} disabled={busy !== null}>
                  {busy === root.id ? 'Retrying…' : 'Retry'}
                </button>
              ) : null}
              {root.error ? <p className={styles.statusError}>{root.error}</p> : null}
              {root.state === 'PUBLISHED' ? <PostFigures postId={root.id} /> : null}
            </li>
          );
        })}
      </ul>
      {error ? <p className={styles.statusError} role="alert">{error}</p> : null}
    </section>
  );
}
