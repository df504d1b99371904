'use client';

import { type ReactNode } from 'react';
import { useAction } from '../../hooks/use-action';
import { Alert } from './alert';
import { Dialog } from './dialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Asks before a consequential action, runs it, and keeps the dialog open with the reason if it fails. */
export function ConfirmDialog({ open, title, children, confirmLabel, tone = 'primary', onConfirm, onClose }: ConfirmDialogProps) {
  const { busy, error, setError, run } = useAction();

  function close() {
    setError(null);
    onClose();
  }

  async function confirm() {
    if (await run(onConfirm)) close();
  }

  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      busy={busy}
      footer={
        <>
          <button type="button" className="btn" onClick={close} disabled={busy} data-autofocus>
            Cancel
          </button>
          <button type="button" className={`btn ${tone === 'danger' ? 'btn-danger' : 'btn-primary'}`} onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      <div>{children}</div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}
