'use client';

import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { useCustomers } from '../../hooks/use-customers';
import { useOrganizationRole } from '../../hooks/use-session';
import { toApiError } from '../../lib/api-error';
import type { Customer } from '../../lib/api-types';
import { Alert, LoadError } from '../ui/alert';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { LoadingBlock } from '../ui/spinner';
import { useToast } from '../ui/toast';
import styles from './settings.module.css';

const MAX_NAME = 100;

/** Customers (an agency's clients): each groups channels; listed with their channel counts, renamed, deleted. */
export function CustomersSection() {
  const id = useId();
  const notify = useToast();
  const { canManage } = useOrganizationRole();
  const { customers, error, isLoading, reload, create, rename, remove } = useCustomers();
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Customer | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setAddError('Give the customer a name.');
    setAdding(true);
    setAddError(null);
    try {
      const created = await create(trimmed);
      setName('');
      notify(`Customer “${created.name}” added.`);
    } catch (caught) {
      setAddError(toApiError(caught).message);
    } finally {
      setAdding(false);
    }
  }

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${id}-title`} id="customers">
      <div className={styles.sectionHead}>
        <h2 id={`${id}-title`}>Customers</h2>
        <p className="muted">
          Group the channels you run for each client. Put a channel under a customer on the <Link href="/channels">Channels</Link> page; the calendar can then
          show one customer&apos;s posts.{canManage ? '' : ' Only owners and admins can change customers.'}
        </p>
      </div>

      {canManage ? (
        <form className={styles.addRow} onSubmit={(event) => void add(event)} noValidate>
          <div className={styles.grow}>
            <label htmlFor={`${id}-name`} className={styles.smallLabel}>
              New customer
            </label>
            <input
              id={`${id}-name`}
              className="input"
              value={name}
              maxLength={MAX_NAME}
              placeholder="Customer name"
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
              aria-invalid={addError ? true : undefined}
              disabled={adding}
            />
          </div>
          <button type="submit" className="btn btn-primary" disabled={adding}>
            {adding ? 'Adding…' : 'Add customer'}
          </button>
        </form>
      ) : null}
      {addError ? <Alert tone="error">{addError}</Alert> : null}

      {error && !customers ? (
        <LoadError title="The customers could not be loaded" message={error.message} onRetry={() => void reload()} />
      ) : isLoading && !customers ? (
        <LoadingBlock label="Loading customers…" />
      ) : !customers || customers.length === 0 ? (
        <p className={styles.emptyNote}>No customers yet.</p>
      ) : (
        <ul className={styles.itemList} aria-label="Customers">
          {customers.map((customer) => (
            <CustomerItem
              key={customer.id}
              customer={customer}
              canManage={canManage}
              editing={editing === customer.id}
              onEdit={() => setEditing(customer.id)}
              onCancel={() => setEditing(null)}
              onRename={async (next) => {
                const renamed = await rename(customer, next);
                setEditing(null);
                notify(`Renamed to “${renamed.name}”.`);
              }}
              onDelete={() => setDeleting(customer)}
            />
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete the customer ${deleting.name}?` : ''}
        confirmLabel="Delete customer"
        tone="danger"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await remove(deleting);
          notify(`Customer “${deleting.name}” deleted.`);
        }}
      >
        {deleting ? (
          <p>
            {deleting.channels === 0
              ? 'No channel is under this customer.'
              : `Its ${deleting.channels === 1 ? 'channel stays' : `${deleting.channels} channels stay`} connected, with no customer.`}{' '}
            Posts are not affected.
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

interface CustomerItemProps {
  customer: Customer;
  canManage: boolean;
  editing: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onRename: (name: string) => Promise<void>;
  onDelete: () => void;
}

function CustomerItem({ customer, canManage, editing, onEdit, onCancel, onRename, onDelete }: CustomerItemProps) {
  const id = useId();
  const [draft, setDraft] = useState(customer.name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = `${customer.channels} ${customer.channels === 1 ? 'channel' : 'channels'}`;

  function cancel() {
    setDraft(customer.name);
    setError(null);
    onCancel();
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = draft.trim();
    if (!trimmed) return setError('Give the customer a name.');
    if (trimmed === customer.name) return cancel();
    setSaving(true);
    setError(null);
    try {
      await onRename(trimmed);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setSaving(false);
    }
  }

  if (editing) {
    return (
      <li className={styles.item} data-customer={customer.name}>
        <form className={styles.itemForm} onSubmit={(event) => void save(event)} noValidate>
          <label htmlFor={`${id}-rename`} className="visually-hidden">
            New name for {customer.name}
          </label>
          <input
            id={`${id}-rename`}
            className={`input ${styles.itemInput}`}
            value={draft}
            maxLength={MAX_NAME}
            autoComplete="off"
            // The person just asked to rename: the field is where they want to be.
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel();
            }}
            aria-invalid={error ? true : undefined}
            disabled={saving}
          />
          <div className={styles.itemActions}>
            <button type="submit" className="btn btn-sm btn-primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="btn btn-sm btn-ghost" onClick={cancel} disabled={saving}>
              Cancel
            </button>
          </div>
        </form>
        {error ? <Alert tone="error">{error}</Alert> : null}
      </li>
    );
  }

  return (
    <li className={styles.item} data-customer={customer.name}>
      <div className={styles.itemRow}>
        <span className={styles.itemName}>{customer.name}</span>
        <span className={styles.itemMeta}>{count}</span>
        {canManage ? (
          <div className={styles.itemActions}>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                setDraft(customer.name);
                onEdit();
              }}
              aria-label={`Rename ${customer.name}`}
            >
              Rename
            </button>
            <button type="button" className={`btn btn-sm btn-ghost ${styles.danger}`} onClick={onDelete} aria-label={`Delete ${customer.name}`}>
              Delete
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}
