'use client';

import { CUSTOMER_NAME_MAX } from '@herald/shared';
import { useState, type FormEvent } from 'react';
import { useAction } from '../../hooks/use-action';
import type { Channel } from '../../lib/api-types';
import { Alert } from '../ui/alert';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/text-field';

interface NewCustomerDialogProps {
  /** The channel that goes under the new customer; null when closed. */
  channel: Channel | null;
  onClose: () => void;
  /** Creates the customer (or finds the one with that name) and puts the channel under it. */
  onSubmit: (channel: Channel, name: string) => Promise<void>;
}

export function NewCustomerDialog({ channel, onClose, onSubmit }: NewCustomerDialogProps) {
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useAction();
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
    if (!(await run(() => onSubmit(channel, trimmed)))) return;
    setName('');
    onClose();
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
          maxLength={CUSTOMER_NAME_MAX}
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
