'use client';

import { channelRedirectUri } from '@herald/shared';
import { useEffect, useState } from 'react';
import { startConnection, useIntegrationCatalogue } from '../../hooks/use-integration-catalogue';
import { toApiError, type ApiError } from '../../lib/api-error';
import type { CatalogueEntry } from '../../lib/api-types';
import { platformInfo } from '../../lib/platforms';
import { Alert, LoadError } from '../ui/alert';
import { Badge } from '../ui/badge';
import { CopyButton } from '../ui/copy-button';
import { Dialog } from '../ui/dialog';
import { LoadingBlock } from '../ui/spinner';
import { PlatformMark } from './platform-mark';
import styles from './channels.module.css';

interface AddChannelDialogProps {
  open: boolean;
  onClose: () => void;
}

/** The platform catalogue: connect a configured one, or learn exactly how to configure the rest. */
export function AddChannelDialog({ open, onClose }: AddChannelDialogProps) {
  const { catalogue, error, isLoading, reload } = useIntegrationCatalogue(open);
  const [origin, setOrigin] = useState('');
  const [starting, setStarting] = useState<string | null>(null);
  const [connectError, setConnectError] = useState<{ provider: string; error: ApiError } | null>(null);

  useEffect(() => setOrigin(window.location.origin), []);

  async function connect(entry: CatalogueEntry) {
    setStarting(entry.identifier);
    setConnectError(null);
    try {
      await startConnection(entry.identifier);
    } catch (caught) {
      setConnectError({ provider: entry.identifier, error: toApiError(caught) });
      setStarting(null);
    }
  }

  function close() {
    setConnectError(null);
    setStarting(null);
    onClose();
  }

  return (
    <Dialog open={open} title="Add a channel" onClose={close} size="md" busy={starting !== null && connectError === null}>
      <p className="muted">Choose a platform. You will sign in there and come back here when it is done.</p>
      {error && !catalogue ? (
        <LoadError message={error.message} onRetry={() => void reload()} />
      ) : !catalogue || isLoading ? (
        <LoadingBlock label="Loading platforms…" />
      ) : (
        <ul className={styles.catalogue}>
          {catalogue.map((entry) => (
            <CatalogueItem
              key={entry.identifier}
              entry={entry}
              origin={origin}
              starting={starting === entry.identifier}
              disabled={starting !== null}
              error={connectError?.provider === entry.identifier ? connectError.error : null}
              onConnect={() => void connect(entry)}
            />
          ))}
        </ul>
      )}
    </Dialog>
  );
}

interface CatalogueItemProps {
  entry: CatalogueEntry;
  origin: string;
  starting: boolean;
  disabled: boolean;
  error: ApiError | null;
  onConnect: () => void;
}

function CatalogueItem({ entry, origin, starting, disabled, error, onConnect }: CatalogueItemProps) {
  const info = platformInfo(entry.identifier);
  const redirectUri = entry.redirectUri ?? channelRedirectUri(origin, entry.identifier);
  const variables = variablesFrom(error) ?? entry.requiredEnv ?? info.envVars;
  const showSetup = !entry.configured || error?.code === 'provider_not_configured';

  return (
    <li className={styles.catalogueItem} data-testid="catalogue-item">
      <div className={styles.catalogueHead}>
        <PlatformMark identifier={entry.identifier} />
        <div className={styles.catalogueText}>
          <p className={styles.name}>
            {entry.name}
            {entry.configured ? null : <Badge tone="neutral">Not configured</Badge>}
          </p>
          <p className={styles.meta}>
            {info.blurb}
            {entry.isBetweenSteps ? ' After signing in you choose which Page to use.' : ''}
          </p>
        </div>
        {entry.configured ? (
          <button type="button" className="btn btn-primary btn-sm" onClick={onConnect} disabled={disabled} aria-label={`Connect ${entry.name}`}>
            {starting ? 'Opening…' : 'Connect'}
          </button>
        ) : null}
      </div>
      {error && error.code !== 'provider_not_configured' ? <Alert tone="error">{error.message}</Alert> : null}
      {showSetup ? (
        <div className={styles.setup}>
          {error ? <p>{error.message}</p> : null}
          <p>To enable it, set these variables on the Herald server and restart it:</p>
          <ul className={styles.vars}>
            {variables.map((name) => (
              <li key={name}>
                <code>{name}</code>
              </li>
            ))}
          </ul>
          <p>Register this redirect URI in the app&apos;s settings on the platform:</p>
          <div className={styles.uriRow}>
            <code className={styles.uri}>{redirectUri}</code>
            <CopyButton value={redirectUri} label="Copy URI" />
          </div>
          {entry.callbacks ? (
            <>
              <p>Meta also asks for these two URLs (Deauthorize callback and Data deletion request):</p>
              {[entry.callbacks.deauthorize, entry.callbacks.dataDeletion].map((url) => (
                <div className={styles.uriRow} key={url}>
                  <code className={styles.uri}>{url}</code>
                  <CopyButton value={url} label="Copy URL" />
                </div>
              ))}
            </>
          ) : null}
          <p>
            Step by step, with the errors you may meet: <a href={`/help/credentials#${info.guideAnchor}`}>the setup guide</a>.
          </p>
        </div>
      ) : null}
    </li>
  );
}

/** The API names the missing variables in a provider_not_configured error; prefer those when given. */
function variablesFrom(error: ApiError | null): string[] | null {
  if (!error || error.code !== 'provider_not_configured') return null;
  const details: unknown = error.details;
  const list = Array.isArray(details) ? details : typeof details === 'object' && details !== null ? (details as Record<string, unknown>).variables : null;
  if (!Array.isArray(list)) return null;
  // The API sends `[{field, message}]`; older shapes were plain names.
  const names = list
    .map((item: unknown) => (typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as { field?: unknown }).field : undefined))
    .filter((item): item is string => typeof item === 'string');
  return names.length ? names : null;
}
