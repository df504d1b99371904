'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { apiRequest } from '../../lib/api-client';
import { toApiError } from '../../lib/api-error';
import { Alert } from '../ui/alert';
import { LoadingBlock } from '../ui/spinner';
import { TextField } from '../ui/text-field';
import { MIN_PASSWORD_LENGTH } from './auth-validation';
import styles from './auth.module.css';

/** The reset link's page: a new password, then the login page (every session of the account was ended). */
export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [valid, setValid] = useState<boolean | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    apiRequest<{ valid: true }>(`/auth/reset/${encodeURIComponent(token)}`).then(
      () => setValid(true),
      () => setValid(false),
    );
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = {
      password: password.length < MIN_PASSWORD_LENGTH ? `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.` : undefined,
      confirm: confirm !== password ? 'The two passwords differ.' : undefined,
    };
    setErrors(problems);
    setError(null);
    if (problems.password || problems.confirm) return;
    setSubmitting(true);
    try {
      await apiRequest<{ reset: true }>('/auth/reset', { method: 'POST', body: { token, password } });
      router.replace('/login?reset=done');
    } catch (caught) {
      setError(toApiError(caught).message);
      setSubmitting(false);
    }
  }

  return (
    <div className={`card ${styles.card}`}>
      <div className={styles.intro}>
        <h1>Choose a new password</h1>
        <p className="muted">Every device signed in to your account will be signed out.</p>
      </div>
      {valid === null ? (
        <LoadingBlock label="Checking the link…" />
      ) : !valid ? (
        <Alert tone="error" title="This link no longer works">
          Reset links work once, for one hour. <Link href="/forgot">Ask for a new one</Link>.
        </Alert>
      ) : (
        <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <TextField label="New password" name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} hint="At least 8 characters." value={password} error={errors.password} onChange={(event) => setPassword(event.target.value)} />
          <TextField label="Repeat it" name="confirm" type="password" autoComplete="new-password" required value={confirm} error={errors.confirm} onChange={(event) => setConfirm(event.target.value)} />
          <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
            {submitting ? 'Saving…' : 'Set the new password'}
          </button>
        </form>
      )}
      <p className={styles.switch}>
        <Link href="/login">Back to log in</Link>
      </p>
    </div>
  );
}
