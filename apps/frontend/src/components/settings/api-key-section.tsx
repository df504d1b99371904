'use client';

import { useId, useState } from 'react';
import { useApiKey } from '../../hooks/use-api-key';
import { useSession } from '../../hooks/use-session';
import type { CreatedApiKey } from '../../lib/api-types';
import { Alert, LoadError } from '../ui/alert';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { CopyButton } from '../ui/copy-button';
import { LoadingBlock } from '../ui/spinner';
import styles from './settings.module.css';

export function ApiKeySection() {
  const id = useId();
  const { apiKey, error, isLoading, reload, rotate } = useApiKey();
  const { user } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const exists = Boolean(apiKey);

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${id}-title`}>
      <div className={styles.sectionHead}>
        <h2 id={`${id}-title`}>Public API key</h2>
        <p className="muted">
          Lets scripts and tools use the public API (<code>/public/v1</code>) on behalf of this organization. Only owners and admins can create or
          rotate it.
        </p>
      </div>

      {created ? (
        <div className={styles.reveal}>
          <Alert tone="warning" title="Copy this key now">
            This is the only time the whole key is shown. Store it somewhere safe, such as a password manager. If you lose it, rotate the key.
          </Alert>
          <div className={styles.keyRow}>
            <label htmlFor={`${id}-key`} className="visually-hidden">
              Your new API key
            </label>
            <input id={`${id}-key`} className={`input ${styles.keyInput}`} readOnly value={created.apiKey} onFocus={(event) => event.currentTarget.select()} />
            <CopyButton value={created.apiKey} label="Copy key" className="btn btn-primary" />
          </div>
          <button type="button" className="btn btn-sm" onClick={() => setCreated(null)}>
            I have stored it
          </button>
        </div>
      ) : null}

      {isLoading && apiKey === undefined ? (
        <LoadingBlock label="Loading the API key…" />
      ) : error ? (
        <LoadError message={error.message} onRetry={() => void reload()} />
      ) : (
        <div className={styles.keyStatus}>
          {apiKey ? (
            <dl className={styles.facts}>
              <div>
                <dt>Key</dt>
                <dd>
                  <code>{apiKey.prefix}…</code>
                </dd>
              </div>
              <div>
                <dt>Created</dt>
                <dd>{formatDate(apiKey.createdAt, user?.timezone)}</dd>
              </div>
            </dl>
          ) : (
            <p className="muted">This organization has no API key yet.</p>
          )}
          <button type="button" className={exists ? 'btn' : 'btn btn-primary'} onClick={() => setConfirming(true)}>
            {exists ? 'Rotate key' : 'Create API key'}
          </button>
        </div>
      )}

      <ConfirmDialog
        open={confirming}
        title={exists ? 'Rotate the API key?' : 'Create an API key?'}
        confirmLabel={exists ? 'Rotate key' : 'Create key'}
        tone={exists ? 'danger' : 'primary'}
        onClose={() => setConfirming(false)}
        onConfirm={async () => setCreated(await rotate())}
      >
        {exists ? (
          <p>The current key stops working immediately. Anything using it must be updated with the new key.</p>
        ) : (
          <p>The key is shown once, right after it is created.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}

/** In the person's chosen timezone, like every other time in the dashboard. */
function formatDate(iso: string, timeZone: string | null | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone ?? undefined }).format(date);
  } catch {
    return date.toISOString();
  }
}
