'use client';

import { useId } from 'react';
import type { SessionUser } from '../../lib/api-types';
import { setOrganizationId } from '../../lib/organization-store';
import { useOrganizationId } from '../../lib/resource-store';
import styles from './shell.module.css';

/** Chooses the organization every request acts on (sent as the `showorg` header). */
export function OrganizationSwitcher({ user }: { user: SessionUser }) {
  const id = useId();
  const chosen = useOrganizationId();
  const selected = user.organizations.some((org) => org.id === chosen) ? chosen : user.currentOrganizationId;
  const current = user.organizations.find((org) => org.id === selected);

  if (user.organizations.length <= 1) {
    return (
      <div className={styles.org}>
        <span className={styles.orgLabel}>Organization</span>
        <span className={styles.orgName} title={current?.name}>
          {current?.name ?? '—'}
        </span>
      </div>
    );
  }

  return (
    <div className={styles.org}>
      <label htmlFor={id} className={styles.orgLabel}>
        Organization
      </label>
      <select id={id} className={`select ${styles.orgSelect}`} value={selected ?? ''} onChange={(event) => setOrganizationId(event.target.value)}>
        {user.organizations.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
      </select>
    </div>
  );
}
