'use client';

import { isPlatformIdentifier, mimeFromPath, PREVIEW_COMMENT_MAX, PREVIEW_NAME_MAX, type PublicPreview } from '@herald/shared';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { BACKEND_URL } from '../../lib/api-client';
import { ApiError, toApiError } from '../../lib/api-error';
import { platformName } from '../../lib/platforms';
import { formatInZone } from '../../lib/zoned-time';
import type { ComposerChannel, DraftEntry } from '../composer/composer-types';
import { ChannelPreview } from '../composer/previews';
import { Brand } from '../shell/brand';
import { ThemeToggle } from '../shell/theme-toggle';
import { Alert } from '../ui/alert';
import { LoadingBlock } from '../ui/spinner';
import styles from './client-preview.module.css';

/** The preview API, without cookies: the token in the path is the only key. */
async function call<T>(path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${BACKEND_URL}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'omit',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw ApiError.network(BACKEND_URL);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw ApiError.fromBody(response.status, json);
  return json as T;
}

function asComposer(channel: PublicPreview['channels'][number], index: number): { channel: ComposerChannel; entries: DraftEntry[] } | null {
  if (!isPlatformIdentifier(channel.identifier)) return null;
  return {
    channel: { id: `preview-${index}`, name: channel.name, identifier: channel.identifier, picture: channel.picture, username: channel.username, available: true },
    entries: channel.entries.map((entry, i) => ({
      key: `entry-${index}-${i}`,
      text: entry.content,
      delay: 0,
      media: entry.media.map((m, j) => ({ key: `media-${index}-${i}-${j}`, status: 'done' as const, name: m.path.split('/').pop() ?? 'media', mime: mimeFromPath(m.path), progress: 1, previewUrl: m.path, path: m.path })),
    })),
  };
}

/** A post as each of its platforms will show it, for a client to review and comment on. */
export function ClientPreview({ token }: { token: string }) {
  const id = useId();
  const [preview, setPreview] = useState<PublicPreview | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [zone, setZone] = useState('UTC');

  const load = useCallback(() => {
    call<PublicPreview>(`/preview/${encodeURIComponent(token)}`).then(setPreview, (caught: unknown) => setFailure(toApiError(caught)));
  }, [token]);
  useEffect(() => {
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    load();
  }, [load]);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSending(true);
    setSendError(null);
    try {
      await call(`/preview/${encodeURIComponent(token)}/comments`, { name, content: text });
      setText('');
      setSent(true);
      load();
    } catch (caught) {
      setSendError(toApiError(caught).message);
    } finally {
      setSending(false);
    }
  }

  const when = preview ? new Date(preview.publishDate) : undefined;
  return (
    <div className={styles.page}>
      <header className={styles.top}>
        <Brand />
        <ThemeToggle />
      </header>
      <main className={styles.main} data-client-preview>
        {failure ? (
          <div className={styles.gone}>
            <h1>This preview is not available</h1>
            <p className="muted">{failure.status === 404 ? 'The link may have expired or been withdrawn. Ask whoever sent it for a new one.' : failure.message}</p>
          </div>
        ) : !preview || !when ? (
          <LoadingBlock label="Loading the preview…" />
        ) : (
          <>
            <div className={styles.head}>
              <h1>Post preview</h1>
              <p className="muted">
                Planned for {formatInZone(when, zone, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })} ({zone.replace(/_/g, ' ')}). This is how each platform will show it.
              </p>
            </div>
            <div className={styles.previews}>
              {preview.channels.map(asComposer).map((item, index) =>
                item ? (
                  <section key={item.channel.id} className={styles.preview} data-preview={item.channel.identifier} aria-label={`${item.channel.name} on ${platformName(item.channel.identifier)}`}>
                    <p className={styles.label}>
                      {item.channel.name} · {platformName(item.channel.identifier)}
                    </p>
                    <ChannelPreview channel={item.channel} entries={item.entries} when={when} timeZone={zone} />
                  </section>
                ) : (
                  <p key={`unknown-${index}`} className="muted">
                    A channel this page cannot draw.
                  </p>
                ),
              )}
            </div>
            <section className={`card ${styles.feedback}`} aria-labelledby={`${id}-feedback`}>
              <h2 id={`${id}-feedback`}>Comments</h2>
              {preview.comments.length > 0 ? (
                <ul className={styles.comments} data-comments>
                  {preview.comments.map((comment) => (
                    <li key={`${comment.createdAt}-${comment.name}`} data-comment>
                      <strong>{comment.name}</strong> <span className="muted">{formatInZone(new Date(comment.createdAt), zone, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}</span>
                      <p>{comment.content}</p>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No comments yet. Tell the team what you think.</p>
              )}
              <form className={styles.form} onSubmit={(event) => void send(event)}>
                <label htmlFor={`${id}-name`}>Your name</label>
                <input id={`${id}-name`} className="input" value={name} maxLength={PREVIEW_NAME_MAX} required onChange={(event) => setName(event.target.value)} autoComplete="name" />
                <label htmlFor={`${id}-text`}>Comment</label>
                <textarea id={`${id}-text`} className="input" rows={4} value={text} maxLength={PREVIEW_COMMENT_MAX} required onChange={(event) => setText(event.target.value)} />
                <div>
                  <button type="submit" className="btn btn-primary" disabled={sending || name.trim() === '' || text.trim() === ''}>
                    {sending ? 'Sending…' : 'Send comment'}
                  </button>
                </div>
                {sent ? <Alert tone="success">Thank you: your comment was sent to the team.</Alert> : null}
                {sendError ? <Alert tone="error">{sendError}</Alert> : null}
              </form>
            </section>
          </>
        )}
      </main>
    </div>
  );
}
