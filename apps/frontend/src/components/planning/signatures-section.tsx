'use client';

import { SIGNATURE_CONTENT_MAX, SIGNATURE_NAME_MAX, type SignatureItem } from '@herald/shared';
import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../../hooks/use-action';
import { useSignatures } from '../../hooks/use-planning';
import { Alert } from '../ui/alert';
import { NamedList } from '../settings/named-items';
import settings from '../settings/settings.module.css';
import styles from './planning.module.css';

interface Draft {
  id?: string;
  name: string;
  content: string;
  default: boolean;
}

const EMPTY: Draft = { name: '', content: '', default: false };

/** Settings → Signatures: text the composer adds to new posts (the default) or inserts on demand. */
export function SignaturesSection() {
  const id = useId();
  const { signatures, error, isLoading, reload, save, remove } = useSignatures();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const action = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await action.run(() => save({ name: draft.name, content: draft.content, default: draft.default }, draft.id))) setDraft(EMPTY);
  }

  const edit = (signature: SignatureItem) => setDraft({ id: signature.id, name: signature.name, content: signature.content, default: signature.default });

  return (
    <section className={`card ${settings.section}`} aria-labelledby={`${id}-title`} id="signatures">
      <div className={settings.sectionHead}>
        <h2 id={`${id}-title`}>Signatures</h2>
        <p className="muted">The default signature is added to every new post; the composer inserts the others on demand.</p>
      </div>
      <NamedList items={signatures} error={error} isLoading={isLoading} reload={reload} noun="signatures" label="Signatures">
        {(signature) => (
          <li key={signature.id} className={settings.item} data-signature={signature.name}>
            <div className={settings.itemRow}>
              <span className={settings.itemName}>
                {signature.name}
                {signature.default ? <span className="muted"> · default</span> : null}
              </span>
              <span className={settings.itemActions}>
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => edit(signature)}>
                  Edit
                </button>
                <button type="button" className={`btn btn-sm btn-ghost ${settings.danger}`} onClick={() => void action.run(() => remove(signature.id))}>
                  Delete
                </button>
              </span>
            </div>
            <p className={`${styles.commentText} muted`}>{signature.content}</p>
          </li>
        )}
      </NamedList>
      <form className={settings.form} onSubmit={(event) => void submit(event)} aria-label={draft.id ? 'Edit the signature' : 'New signature'}>
        <div className={settings.field}>
          <label htmlFor={`${id}-name`}>{draft.id ? 'Name' : 'New signature'}</label>
          <input id={`${id}-name`} className="input" value={draft.name} maxLength={SIGNATURE_NAME_MAX} placeholder="Team sign-off" onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className={settings.field}>
          <label htmlFor={`${id}-content`}>Text</label>
          <textarea id={`${id}-content`} className="input" rows={3} value={draft.content} maxLength={SIGNATURE_CONTENT_MAX} placeholder="— The Bakery team · bakery.example" onChange={(event) => setDraft({ ...draft, content: event.target.value })} />
        </div>
        <label className={styles.inline}>
          <input type="checkbox" checked={draft.default} onChange={(event) => setDraft({ ...draft, default: event.target.checked })} />
          Add it to every new post (default)
        </label>
        <div className={settings.actions}>
          <button type="submit" className="btn btn-primary" disabled={action.busy || draft.name.trim() === '' || draft.content.trim() === ''}>
            {draft.id ? 'Save signature' : 'Add signature'}
          </button>
          {draft.id ? (
            <button type="button" className="btn" onClick={() => setDraft(EMPTY)}>
              Cancel
            </button>
          ) : null}
        </div>
        {action.error ? <Alert tone="error">{action.error}</Alert> : null}
      </form>
    </section>
  );
}

/** Settings → Import: where the CSV import lives. */
export function ImportSection() {
  const id = useId();
  return (
    <section className={`card ${settings.section}`} aria-labelledby={`${id}-title`} id="import">
      <div className={settings.sectionHead}>
        <h2 id={`${id}-title`}>Import posts</h2>
        <p className="muted">Plan many posts at once from a CSV file (a spreadsheet saved as CSV): check every row first, then import them all.</p>
      </div>
      <div className={settings.actions}>
        <Link className="btn" href="/settings/import">
          Import from CSV
        </Link>
      </div>
    </section>
  );
}
