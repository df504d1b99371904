'use client';

import type { PostFiguresView } from '../../lib/api-types';
import { useResource } from '../../lib/resource-store';
import styles from './analytics.module.css';

const number = new Intl.NumberFormat();

/** A published post's latest figures from its platform, in the calendar's preview of the post. */
export function PostFigures({ postId }: { postId: string }) {
  const { data, error, isLoading } = useResource<PostFiguresView | null>(`/analytics/posts/${encodeURIComponent(postId)}`, {
    // A server without analytics (404) shows nothing.
    recover: (failure) => (failure.status === 404 ? null : undefined),
  });
  if (error || data === null) return null;
  if (isLoading || !data) return <p className={`muted ${styles.figures}`} data-post-figures="loading">Reading the figures…</p>;
  if (data.missing) return <p className={`muted ${styles.figures}`} data-post-figures="missing">No figures: the platform did not give this post&apos;s id.</p>;
  if (data.metrics.length === 0) return <p className={`muted ${styles.figures}`} data-post-figures="none">No figures yet: they are read one hour after publishing.</p>;
  return (
    <div className={styles.figures} data-post-figures="shown" role="group" aria-label="Figures from the platform">
      {data.metrics.map((m) => (
        <span key={m.metric}>
          {m.label} <strong>{number.format(m.value)}</strong>
        </span>
      ))}
    </div>
  );
}
