'use client';

import { useState } from 'react';
import { usePostComments, usePreviewLink } from '../../hooks/use-planning';
import { useAction } from '../../hooks/use-action';
import { formatInZone } from '../../lib/zoned-time';
import { Alert } from '../ui/alert';
import { CopyButton } from '../ui/copy-button';
import styles from './planning.module.css';

const EXPIRIES: [string, number | null][] = [
  ['Never expires', null],
  ['Expires in 7 days', 7],
  ['Expires in 30 days', 30],
];

/**
 * The client preview of a saved post: a link to send (created, copied, replaced or revoked here) and the comments
 * the client left through it.
 */
export function PreviewShare({ group, timeZone }: { group: string; timeZone: string }) {
  const { link, reload, create, revoke } = usePreviewLink(group);
  const { comments } = usePostComments(group);
  const { busy, error, run } = useAction();
  const [days, setDays] = useState<number | null>(null);
  const expired = link?.expiresAt ? Date.parse(link.expiresAt) <= Date.now() : false;

  return (
    <section className={styles.panel} aria-label="Client preview" data-preview-share>
      <div className={styles.panelHead}>
        <h3>Client preview</h3>
        {link ? (
          <button type="button" className="btn btn-sm btn-ghost" disabled={busy} onClick={() => void run(revoke)}>
            Revoke link
          </button>
        ) : null}
      </div>
      {link ? (
        <div className={styles.inline}>
          <input className={`input ${styles.url}`} readOnly value={link.url} aria-label="Preview link" data-preview-url onFocus={(event) => event.target.select()} />
          <CopyButton value={link.url} label="Copy link" />
        </div>
      ) : (
        <p className={styles.hint}>Share a link that shows this post as each platform will, where your client can comment without an account.</p>
      )}
      {link ? (
        <p className={styles.hint}>
          {expired ? 'This link has expired.' : link.expiresAt ? `Works until ${formatInZone(new Date(link.expiresAt), timeZone, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}.` : 'Works until you revoke it.'}
        </p>
      ) : null}
      <div className={styles.inline}>
        <select className="select" aria-label="Link expiry" value={days ?? ''} onChange={(event) => setDays(event.target.value === '' ? null : Number(event.target.value))} disabled={busy}>
          {EXPIRIES.map(([label, value]) => (
            <option key={label} value={value ?? ''}>
              {label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() => void run(async () => {
            await create(days === null ? null : new Date(Date.now() + days * 86_400_000).toISOString());
            await reload();
          })}
        >
          {link ? 'New link' : 'Create preview link'}
        </button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {comments && comments.length > 0 ? (
        <ul className={styles.comments} aria-label="Client comments" data-comments>
          {comments.map((comment) => (
            <li key={comment.id} className={styles.comment} data-comment>
              <span className={styles.commentHead}>
                <strong>{comment.name}</strong>
                <span className="muted">{formatInZone(new Date(comment.createdAt), timeZone, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}</span>
              </span>
              <p className={styles.commentText}>{comment.content}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
