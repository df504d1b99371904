'use client';

import { CUSTOMER_NAME_MAX } from '@herald/shared';
import Link from 'next/link';
import { useId, useState } from 'react';
import { useCustomers } from '../../hooks/use-customers';
import { useOrganizationRole } from '../../hooks/use-session';
import type { Customer } from '../../lib/api-types';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { useToast } from '../ui/toast';
import { AddByNameForm, InlineEditForm, NamedList } from './named-items';
import styles from './settings.module.css';

const BLANK = 'Give the customer a name.';

/** Customers (an agency's clients): each groups channels; listed with their channel counts, renamed, deleted. */
export function CustomersSection() {
  const id = useId();
  const notify = useToast();
  const { canManage } = useOrganizationRole();
  const { customers, error, isLoading, reload, create, rename, remove } = useCustomers();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Customer | null>(null);

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
        <AddByNameForm
          label="New customer"
          placeholder="Customer name"
          action="Add customer"
          maxLength={CUSTOMER_NAME_MAX}
          blankMessage={BLANK}
          onAdd={async (name) => {
            const created = await create(name);
            notify(`Customer “${created.name}” added.`);
          }}
        />
      ) : null}

      <NamedList items={customers} error={error} isLoading={isLoading} reload={reload} noun="customers" label="Customers">
        {(customer) => (
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
        )}
      </NamedList>

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
  const [draft, setDraft] = useState(customer.name);
  const count = `${customer.channels} ${customer.channels === 1 ? 'channel' : 'channels'}`;

  if (editing) {
    return (
      <InlineEditForm
        dataAttributes={{ 'data-customer': customer.name }}
        label={`New name for ${customer.name}`}
        name={draft}
        onNameChange={setDraft}
        maxLength={CUSTOMER_NAME_MAX}
        blankMessage={BLANK}
        onSave={async (name) => {
          if (name === customer.name) return false;
          await onRename(name);
          return true;
        }}
        onCancel={() => {
          setDraft(customer.name);
          onCancel();
        }}
      />
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
