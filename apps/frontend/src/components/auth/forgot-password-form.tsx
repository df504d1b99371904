'use client';

import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import { apiRequest } from '../../lib/api-client';
import { toApiError } from '../../lib/api-error';
import { Alert } from '../ui/alert';
import { LoadingBlock } from '../ui/spinner';
import { TextField } from '../ui/text-field';
import styles from './auth.module.css';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "Forgot password": a link by email, or, on a server that sends no email, who to ask. */
export function ForgotPasswordForm() {
  const [emailConfigured, setEmailConfigured] = useState<boolean | null>(null);
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    apiRequest<{ emailConfigured: boolean }>('/auth/forgot').then(
      (answer) => setEmailConfigured(answer.emailConfigured),
      // Unknown: offer the form; the answer to it says the same.
      () => setEmailConfigured(true),
    );
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    setError(null);
    if (!EMAIL_SHAPE.test(address)) {
      setFieldError('Enter the email address of your account.');
      return;
    }
    setSubmitting(true);
    try {
      const answer = await apiRequest<{ emailConfigured: boolean }>('/auth/forgot', { method: 'POST', body: { email: address } });
      if (answer.emailConfigured) setSentTo(address);
      else setEmailConfigured(false);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className={`card ${styles.card}`}>
      <div className={styles.intro}>
        <h1>Forgot your password?</h1>
        <p className="muted">{emailConfigured === false ? 'This Herald server does not send email.' : 'We email you a link to choose a new one.'}</p>
      </div>
      {emailConfigured === null ? (
        <LoadingBlock label="One moment…" />
      ) : emailConfigured === false ? (
        <Alert tone="info" title="Ask an administrator">
          An owner or admin of your organization can invite you again, or whoever runs this server can set up email (EMAIL_SMTP_URL) so that reset
          links can be sent.
        </Alert>
      ) : sentTo ? (
        <Alert tone="success" title="Check your inbox">
          If {sentTo} has a Herald account, an email with a link is on its way. The link works once, for one hour.
        </Alert>
      ) : (
        <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            error={fieldError}
            onChange={(event) => {
              setEmail(event.target.value);
              setFieldError(undefined);
            }}
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
            {submitting ? 'Sending…' : 'Email me a link'}
          </button>
        </form>
      )}
      <p className={styles.switch}>
        <Link href="/login">Back to log in</Link>
      </p>
    </div>
  );
}
