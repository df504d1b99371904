'use client';

import { useState } from 'react';
import type { Customer, CustomerRef } from '../../lib/api-types';
import styles from './channels.module.css';

const NONE = '';
const NEW = '__new__';

interface CustomerSelectProps {
  channelName: string;
  current: CustomerRef | null;
  customers: readonly Customer[];
  busy: boolean;
  onChoose: (customerId: string | null) => void;
  onNew: () => void;
}

/** Puts a channel under an existing customer, under none, or under a new one ("New customer…" asks for a name). */
export function CustomerSelect({ channelName, current, customers, busy, onChoose, onNew }: CustomerSelectProps) {
  // The channel's customer may not be in a list loaded a moment earlier: it is always an option.
  const options = current && !customers.some((c) => c.id === current.id) ? [...customers, { ...current, channels: 0 }] : customers;
  // While the change is saved, the select shows what was chosen rather than jumping back.
  const [chosen, setChosen] = useState<string | null>(null);
  const value = busy && chosen !== null ? chosen : (current?.id ?? NONE);
  return (
    <select
      className={`select ${styles.customerSelect}`}
      aria-label={`Customer of ${channelName}`}
      title={current ? `Under the customer ${current.name}` : 'Not under any customer'}
      value={value}
      data-set={current ? true : undefined}
      disabled={busy}
      onChange={(event) => {
        const next = event.target.value;
        if (next === NEW) return onNew();
        setChosen(next);
        onChoose(next === NONE ? null : next);
      }}
    >
      <option value={NONE}>No customer</option>
      {options.length > 0 ? (
        <optgroup label="Customers">
          {options.map((customer) => (
            <option key={customer.id} value={customer.id}>
              {customer.name}
            </option>
          ))}
        </optgroup>
      ) : null}
      <option value={NEW}>New customer…</option>
    </select>
  );
}
