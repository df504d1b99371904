'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { useIntegrationPages } from '../../hooks/use-integration-pages';
import { useIntegrations } from '../../hooks/use-integrations';
import { toApiError } from '../../lib/api-error';
import { platformName } from '../../lib/platforms';
import { Alert, LoadError } from '../ui/alert';
import { Avatar } from '../ui/avatar';
import { EmptyState } from '../ui/empty-state';
import { PageHeader } from '../ui/page-header';
import { LoadingBlock } from '../ui/spinner';
import styles from './connect.module.css';

/** The in-between step for Facebook and Instagram-via-Facebook: which Page the channel becomes. */
export function PagePicker({ integrationId }: { integrationId: string }) {
  const router = useRouter();
  const legendId = useId();
  const { pages, error, isLoading, reload, selectPage } = useIntegrationPages(integrationId);
  const { channels, reload: reloadChannels } = useIntegrations();
  const channel = channels?.find((item) => item.id === integrationId);
  const [selected, setSelected] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const isInstagram = channel?.identifier === 'instagram';
  const noun = isInstagram ? 'Instagram account' : 'Page';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected) {
      setSaveError(`Choose a ${noun} first.`);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const finished = await selectPage(selected);
      await reloadChannels();
      router.replace(`/channels?connected=${encodeURIComponent(finished.name)}`);
    } catch (caught) {
      setSaveError(toApiError(caught).message);
      setSaving(false);
    }
  }

  const description = channel
    ? `${platformName(channel.identifier)}, signed in as ${channel.name}. Choose the ${noun} Herald should publish to.`
    : `Choose the ${noun} Herald should publish to.`;

  return (
    <>
      <PageHeader title={`Choose a ${noun}`} description={description} />
      {error && !pages ? (
        <LoadError title="The list could not be loaded" message={error.message} onRetry={() => void reload()} />
      ) : isLoading && !pages ? (
        <LoadingBlock label="Loading your Pages…" />
      ) : !pages || pages.length === 0 ? (
        <EmptyState title="No Pages found" action={<Link href="/channels" className="btn">Back to channels</Link>}>
          {isInstagram
            ? 'Herald found no Facebook Page with a linked Instagram business account. Link one in Meta Business Suite, then connect again.'
            : 'This Facebook account manages no Pages that Herald was granted access to. Connect again and select at least one Page.'}
        </EmptyState>
      ) : (
        <form className={`card ${styles.picker}`} onSubmit={(event) => void submit(event)}>
          <fieldset className={styles.fieldset} aria-labelledby={legendId}>
            <legend id={legendId} className="visually-hidden">
              {`Available ${noun}s`}
            </legend>
            {pages.map((page) => (
              <label key={page.id} className={styles.option} data-testid="page-option" data-checked={selected === page.id || undefined}>
                <input type="radio" name="page" value={page.id} checked={selected === page.id} onChange={() => setSelected(page.id)} />
                <Avatar src={page.picture} name={page.name} size={40} />
                <span className={styles.optionText}>
                  <span className={styles.optionName}>{page.name}</span>
                  {page.username ? <span className="muted">@{page.username}</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
          {saveError ? <Alert tone="error">{saveError}</Alert> : null}
          <div className={styles.actions}>
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {saving ? 'Saving…' : `Use this ${noun}`}
            </button>
            <Link href="/channels" className="btn">
              Decide later
            </Link>
          </div>
        </form>
      )}
    </>
  );
}
