'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { logoutEverywhere, useSession } from '../../hooks/use-session';
import type { EmailNotifications } from '../../lib/api-types';
import { toApiError } from '../../lib/api-error';
import { Alert } from '../ui/alert';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { LoadingBlock } from '../ui/spinner';
import { useToast } from '../ui/toast';
import styles from './settings.module.css';

const CHOICES: { key: keyof EmailNotifications; label: string; hint: string }[] = [
  { key: 'failures', label: 'A post fails', hint: 'Or Herald cannot tell whether it went out.' },
  { key: 'channels', label: 'A channel needs reconnecting', hint: 'Its access expired, or the platform disconnected it.' },
];

/** Alert emails about this organization: each person chooses; owners and admins get them unless they turn them off. */
export function NotificationsSection() {
  const id = useId();
  const notify = useToast();
  const { user, updateProfile } = useSession();
  const [saving, setSaving] = useState<keyof EmailNotifications | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = user?.emailNotifications;

  async function toggle(key: keyof EmailNotifications, value: boolean) {
    setSaving(key);
    setError(null);
    try {
      await updateProfile({ emailNotifications: { [key]: value } });
      notify(value ? 'You will get these emails.' : 'You will not get these emails any more.');
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setSaving(null);
    }
  }

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${id}-title`} id="notifications">
      <div className={styles.sectionHead}>
        <h2 id={`${id}-title`}>Email alerts</h2>
        <p className="muted">Email me when, in this organization… At most one email every 10 minutes: what happens meanwhile comes together in the next one.</p>
      </div>
      {user?.emailConfigured === false ? (
        <Alert tone="info" title="This server sends no email yet">
          Your choices are kept, and apply once an administrator sets EMAIL_SMTP_URL. Until then, the bell in the top bar lists what happened.
        </Alert>
      ) : null}
      {!current ? (
        <LoadingBlock label="Loading your preferences…" />
      ) : (
        <fieldset className={styles.checkGroup} disabled={saving !== null}>
          <legend className="visually-hidden">Email alerts</legend>
          {CHOICES.map((choice) => (
            <div key={choice.key} className={styles.checkRow}>
              <input id={`${id}-${choice.key}`} type="checkbox" checked={current[choice.key]} onChange={(event) => void toggle(choice.key, event.target.checked)} aria-describedby={`${id}-${choice.key}-hint`} />
              <div>
                <label htmlFor={`${id}-${choice.key}`}>{choice.label}</label>
                <p id={`${id}-${choice.key}-hint`} className={styles.hint}>
                  {choice.hint}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </section>
  );
}

/** "Sign out everywhere": every session of the account ends, this browser's too. */
export function SessionsSection() {
  const id = useId();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${id}-title`} id="sessions">
      <div className={styles.sectionHead}>
        <h2 id={`${id}-title`}>Sessions</h2>
        <p className="muted">Signed in on a computer you no longer use, or worried someone else is? End every session of your account at once.</p>
      </div>
      <div className={styles.actions}>
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        tone="danger"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await logoutEverywhere();
          router.replace('/login?signedOut=everywhere');
        }}
      >
        <p>Every browser and device signed in to your account is signed out, this one included. You sign in again with your password.</p>
      </ConfirmDialog>
    </section>
  );
}
