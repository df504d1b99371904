'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { beginSession, forgetSession, logout } from '../../hooks/use-session';
import { apiRequest } from '../../lib/api-client';
import { toApiError } from '../../lib/api-error';
import type { AuthResponse, InvitationPreview, SessionUser } from '../../lib/api-types';
import { Alert } from '../ui/alert';
import { LoadingBlock } from '../ui/spinner';
import { TextField } from '../ui/text-field';
import { MIN_PASSWORD_LENGTH } from './auth-validation';
import styles from './auth.module.css';

const ROLE_WORDS: Record<string, string> = { OWNER: 'an owner', ADMIN: 'an admin', MEMBER: 'a member' };

type State = { kind: 'loading' } | { kind: 'gone' } | { kind: 'ready'; invitation: InvitationPreview; signedInAs: string | null };

/** `/invite/<token>`: what the invitation is for, then joining as a new account, an existing one, or the signed-in one. */
export function InvitationAccept({ token }: { token: string }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    forgetSession();
    const invitation = apiRequest<InvitationPreview>(`/auth/invitations/${encodeURIComponent(token)}`);
    const self = apiRequest<SessionUser>('/user/self').then(
      (user) => user.email,
      () => null,
    );
    Promise.all([invitation, self]).then(
      ([found, signedInAs]) => setState({ kind: 'ready', invitation: found, signedInAs }),
      () => setState({ kind: 'gone' }),
    );
  }, [token]);

  async function join(body: { password?: string; name?: string }) {
    setSubmitting(true);
    setError(null);
    try {
      const result = await apiRequest<AuthResponse>(`/auth/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body });
      beginSession(result.organization.id);
      router.replace('/calendar');
    } catch (caught) {
      setError(toApiError(caught).message);
      setSubmitting(false);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setFieldError(`Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    await join({ password, ...(name.trim() ? { name: name.trim() } : {}) });
  }

  async function switchAccount() {
    await logout().catch(() => undefined);
    forgetSession();
    setState((previous) => (previous.kind === 'ready' ? { ...previous, signedInAs: null } : previous));
  }

  if (state.kind === 'loading') {
    return (
      <div className={`card ${styles.card}`}>
        <LoadingBlock label="Opening the invitation…" />
      </div>
    );
  }
  if (state.kind === 'gone') {
    return (
      <div className={`card ${styles.card}`}>
        <Alert tone="error" title="This invitation no longer works">
          It was used, revoked, or it expired (invitations last 7 days). Ask the person who invited you for a new one.
        </Alert>
        <p className={styles.switch}>
          <Link href="/login">Log in</Link>
        </p>
      </div>
    );
  }

  const { invitation, signedInAs } = state;
  const sameAccount = signedInAs !== null && signedInAs.toLowerCase() === invitation.email.toLowerCase();
  return (
    <div className={`card ${styles.card}`} data-invitation>
      <div className={styles.intro}>
        <h1>Join {invitation.organization.name}</h1>
        <p className="muted">
          You are invited as {ROLE_WORDS[invitation.role] ?? 'a member'} of {invitation.organization.name} on Herald, with {invitation.email}.
        </p>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {sameAccount ? (
        <button type="button" className="btn btn-primary btn-block" disabled={submitting} onClick={() => void join({})}>
          {submitting ? 'Joining…' : `Join ${invitation.organization.name}`}
        </button>
      ) : signedInAs ? (
        <>
          <Alert tone="warning" title={`You are signed in as ${signedInAs}`}>
            This invitation is for {invitation.email}. Log out first to accept it with that email.
          </Alert>
          <button type="button" className="btn btn-block" onClick={() => void switchAccount()}>
            Log out and continue
          </button>
        </>
      ) : (
        <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
          <TextField label="Email" name="email" type="email" value={invitation.email} readOnly disabled />
          <TextField label="Your name (optional)" name="name" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            hint="Choose one (at least 8 characters), or, if this email already has a Herald account, enter its password."
            value={password}
            error={fieldError}
            onChange={(event) => {
              setPassword(event.target.value);
              setFieldError(undefined);
            }}
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
            {submitting ? 'Joining…' : 'Join'}
          </button>
        </form>
      )}
    </div>
  );
}
