'use client';

import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useSession } from '../../hooks/use-session';
import { toApiError } from '../../lib/api-error';
import { Alert } from '../ui/alert';
import { LoadingBlock } from '../ui/spinner';
import { useToast } from '../ui/toast';
import { browserTimezone, describeZone, timezoneOptions } from './timezones';
import styles from './settings.module.css';

export function TimezoneSection() {
  const id = useId();
  const notify = useToast();
  const { user, updateProfile } = useSession();
  const saved = user?.timezone ?? null;
  const [value, setValue] = useState<string>(saved ?? 'UTC');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [detected, setDetected] = useState<string | null>(null);
  const options = useMemo(() => timezoneOptions(saved), [saved]);

  useEffect(() => setValue(saved ?? 'UTC'), [saved]);
  useEffect(() => setDetected(browserTimezone()), []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await updateProfile({ timezone: value });
      notify(`Timezone set to ${value}.`);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${id}-title`} id="timezone">
      <div className={styles.sectionHead}>
        <h2 id={`${id}-title`}>Timezone</h2>
        <p className="muted">Post times in the calendar and composer are shown in this timezone.</p>
      </div>
      {!user ? (
        <LoadingBlock label="Loading your preferences…" />
      ) : (
        <form className={styles.form} onSubmit={(event) => void save(event)}>
          <div className={styles.field}>
            <label htmlFor={id}>Your timezone</label>
            <select id={id} className="select" value={value} onChange={(event) => setValue(event.target.value)} aria-describedby={`${id}-now`}>
              {options.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
            <p id={`${id}-now`} className={styles.hint}>
              Local time there: {describeZone(value)}
            </p>
          </div>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className={styles.actions}>
            <button type="submit" className="btn btn-primary" disabled={saving || value === saved}>
              {saving ? 'Saving…' : 'Save timezone'}
            </button>
            {detected && detected !== value ? (
              <button type="button" className="btn btn-ghost" onClick={() => setValue(detected)}>
                Use this device&apos;s timezone ({detected})
              </button>
            ) : null}
          </div>
        </form>
      )}
    </section>
  );
}
