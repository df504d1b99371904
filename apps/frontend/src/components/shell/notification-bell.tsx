'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { useNotifications } from '../../hooks/use-notifications';
import { toApiError } from '../../lib/api-error';
import { formatInZone } from '../../lib/zoned-time';
import { useToast } from '../ui/toast';
import styles from './shell.module.css';

/** The bell in the top bar: unread count, the latest notifications, and "mark all read". */
export function NotificationBell({ timeZone }: { timeZone: string }) {
  const notify = useToast();
  const { notifications, error, reload, markAllRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    void reload();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        root.current?.querySelector<HTMLElement>('button')?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open, reload]);

  // A server without the route answers 404: no bell rather than a broken one.
  if (notifications === null) return null;
  const unread = notifications?.unread ?? 0;
  const list = notifications?.notifications ?? [];

  return (
    <div className={styles.bell} ref={root}>
      <button type="button" className={`btn btn-ghost btn-sm ${styles.bellButton}`} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((value) => !value)}>
        <svg width="17" height="17" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
          <path d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4z" />
          <path d="M10 20a2 2 0 0 0 4 0" />
        </svg>
        <span className="visually-hidden">Notifications{unread > 0 ? `, ${unread} unread` : ''}</span>
        {unread > 0 ? (
          <span className={styles.bellCount} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id={panelId} className={styles.bellPanel} role="region" aria-label="Notifications">
          <div className={styles.bellHead}>
            <strong>Notifications</strong>
            {unread > 0 ? (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => markAllRead().catch((caught: unknown) => notify(toApiError(caught).message, 'error'))}>
                Mark all read
              </button>
            ) : null}
          </div>
          {error && !notifications ? <p className={styles.bellEmpty}>{error.message}</p> : null}
          {notifications && list.length === 0 ? <p className={styles.bellEmpty}>Nothing yet. Publishing results will show up here.</p> : null}
          <ul className={styles.bellList}>
            {list.map((item) => (
              <li key={item.id} data-unread={!item.read || undefined}>
                {item.postId ? (
                  <Link href={`/calendar?post=${encodeURIComponent(item.postId)}`} onClick={() => setOpen(false)}>
                    {item.message}
                  </Link>
                ) : (
                  <span>{item.message}</span>
                )}
                <time dateTime={item.createdAt}>{formatInZone(new Date(item.createdAt), timeZone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })}</time>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
