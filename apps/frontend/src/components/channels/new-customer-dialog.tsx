'use client';

import { useState, type FormEvent } from 'react';
import { toApiError } from '../../lib/api-error';
import type { Channel } from '../../lib/api-types';
import { Alert } from '../ui/alert';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/text-field';

const MAX_NAME = 100;

interface NewCustomerDialogProps {
  /** The channel that goes under the new customer; null when closed. */
  channel: Channel | null;
  onClose: () => void;
  /** Creates the customer (or finds the one with that name) and puts the channel under it. */
  onSubmit: (channel: Channel, name: string) => Promise<void>;
}

export function NewCustomerDialog({ channel, onClose, onSubmit }: NewCustomerDialogProps) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formId = 'new-customer-form';

  function close() {
    setName('');
    setError(null);
    onClose();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!channel) return;
    const trimmed = name.trim();
    if (!trimmed) return setError('Give the customer a name.');
    setBusy(true);
    setError(null);
    try {
      await onSubmit(channel, trimmed);
      setName('');
      onClose();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={channel !== null}
      title="New customer"
      onClose={close}
      busy={busy}
      footer={
        <>
          <button type="button" className="btn" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Create and assign'}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Customer name"
          name="customer"
          value={name}
          maxLength={MAX_NAME}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
          hint={channel ? `${channel.name} goes under this customer. If a customer with this name exists already, it is used.` : undefined}
          data-autofocus
        />
      </form>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}
