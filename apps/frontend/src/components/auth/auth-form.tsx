'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { beginSession, forgetSession } from '../../hooks/use-session';
import { apiRequest } from '../../lib/api-client';
import { toApiError, type ApiError } from '../../lib/api-error';
import type { AuthResponse } from '../../lib/api-types';
import { safeNextPath } from '../../lib/safe-next-path';
import { Alert } from '../ui/alert';
import { TextField } from '../ui/text-field';
import { fieldErrorsFrom, validateAuthForm, type AuthFields, type FieldErrors } from './auth-validation';
import styles from './auth.module.css';

export type AuthMode = 'login' | 'register';

export function AuthForm({ mode }: { mode: AuthMode }) {
  const router = useRouter();
  const [fields, setFields] = useState<AuthFields>({ email: '', password: '', company: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const isRegister = mode === 'register';
  // null until the server says; REGISTRATION=closed lets only the first account of an empty instance sign up.
  const [registrationOpen, setRegistrationOpen] = useState<boolean | null>(null);

  useEffect(() => forgetSession(), []);
  useEffect(() => {
    let live = true;
    apiRequest<{ open: boolean }>('/auth/registration')
      .then((answer) => live && setRegistrationOpen(answer.open))
      .catch(() => live && setRegistrationOpen(true));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    // Where a reset password or "sign out everywhere" sends people.
    const params = new URLSearchParams(window.location.search);
    if (params.get('reset') === 'done') setNotice('Your password is changed, and every session was signed out. Log in with the new password.');
    else if (params.get('signedOut') === 'everywhere') setNotice('You are signed out everywhere.');
  }, []);

  function update(name: keyof AuthFields, value: string) {
    setFields((previous) => ({ ...previous, [name]: value }));
    if (fieldErrors[name]) setFieldErrors((previous) => ({ ...previous, [name]: undefined }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = validateAuthForm(mode, fields);
    setFieldErrors(problems);
    setError(null);
    if (Object.values(problems).some(Boolean)) return;

    setSubmitting(true);
    try {
      const body = isRegister ? { email: fields.email.trim(), password: fields.password, company: fields.company.trim() } : { email: fields.email.trim(), password: fields.password };
      const result = await apiRequest<AuthResponse>(isRegister ? '/auth/register' : '/auth/login', { method: 'POST', body });
      beginSession(result.organization.id);
      router.replace(safeNextPath(new URLSearchParams(window.location.search).get('next')));
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      setFieldErrors(fieldErrorsFrom(apiError));
      setSubmitting(false);
    }
  }

  if (isRegister && registrationOpen === false) return <RegistrationClosed />;

  return (
    <div className={`card ${styles.card}`}>
      <div className={styles.intro}>
        <h1>{isRegister ? 'Create your Herald account' : 'Log in to Herald'}</h1>
        <p className="muted">{isRegister ? 'Schedule posts to X, Instagram and Facebook from one place.' : 'Welcome back.'}</p>
      </div>

      {notice && !error ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <ErrorMessage error={error} mode={mode} /> : null}

      <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={fields.email}
          error={fieldErrors.email}
          onChange={(event) => update('email', event.target.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete={isRegister ? 'new-password' : 'current-password'}
          required
          minLength={8}
          hint={isRegister ? 'At least 8 characters.' : undefined}
          value={fields.password}
          error={fieldErrors.password}
          onChange={(event) => update('password', event.target.value)}
        />
        {isRegister ? (
          <TextField
            label="Company name"
            name="company"
            autoComplete="organization"
            required
            hint="Your workspace in Herald. You can invite others later."
            value={fields.company}
            error={fieldErrors.company}
            onChange={(event) => update('company', event.target.value)}
          />
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? (isRegister ? 'Creating account…' : 'Logging in…') : isRegister ? 'Create account' : 'Log in'}
        </button>
      </form>

      {isRegister ? null : (
        <p className={styles.switch}>
          <Link href="/forgot">Forgot your password?</Link>
        </p>
      )}

      {isRegister || registrationOpen !== false ? (
        <p className={styles.switch}>
          {isRegister ? 'Already have an account? ' : 'New to Herald? '}
          <Link href={isRegister ? '/login' : '/register'}>{isRegister ? 'Log in' : 'Create an account'}</Link>
        </p>
      ) : null}
    </div>
  );
}

/** The sign-up page of an instance whose sign-ups are closed: people join by invitation. */
function RegistrationClosed() {
  return (
    <div className={`card ${styles.card}`}>
      <div className={styles.intro}>
        <h1>Sign-ups are closed</h1>
        <p className="muted">This Herald instance does not take new accounts. Ask its administrator for an invitation: the link in it creates your account.</p>
      </div>
      <p className={styles.switch}>
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </div>
  );
}

function ErrorMessage({ error, mode }: { error: ApiError; mode: AuthMode }) {
  if (error.code === 'registration_closed') {
    return (
      <Alert tone="error" title="Sign-ups are closed">
        {error.message}
      </Alert>
    );
  }
  if (error.code === 'email_taken') {
    return (
      <Alert tone="error" title="That email already has an account">
        {error.message} <Link href="/login">Log in instead</Link>.
      </Alert>
    );
  }
  if (error.status === 429) {
    return (
      <Alert tone="warning" title="Too many attempts">
        {error.message}
      </Alert>
    );
  }
  if (error.code === 'invalid_credentials') {
    return (
      <Alert tone="error" title="Those details did not match">
        {error.message}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title={mode === 'register' ? 'Could not create the account' : 'Could not log in'}>
      {error.message}
    </Alert>
  );
}
