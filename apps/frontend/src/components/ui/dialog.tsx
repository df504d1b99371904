'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import styles from './dialog.module.css';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** While true, Escape and backdrop clicks do nothing (a request is in flight). */
  busy?: boolean;
  size?: 'sm' | 'md' | 'lg' | 'xl';
}

/**
 * A modal built on the native <dialog>: the browser traps focus, handles Escape and
 * returns focus to the opener. Mark the element that should receive focus with data-autofocus.
 */
export function Dialog({ open, title, onClose, children, footer, busy = false, size = 'sm' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`${styles.dialog} ${styles[size]}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget && !busy) onClose();
      }}
    >
      {open ? (
        <div className={styles.inner}>
          <header className={styles.header}>
            <h2 id={titleId}>{title}</h2>
            <button type="button" className={`btn btn-ghost btn-sm ${styles.close}`} onClick={onClose} disabled={busy} aria-label="Close">
              <span aria-hidden="true">✕</span>
            </button>
          </header>
          <div className={styles.body}>{children}</div>
          {footer ? <footer className={styles.footer}>{footer}</footer> : null}
        </div>
      ) : null}
    </dialog>
  );
}
