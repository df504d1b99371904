'use client';

import { useState, type ReactNode } from 'react';
import { toApiError } from '../../lib/api-error';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function close() {
    setError(null);
    onClose();
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
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
