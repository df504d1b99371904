'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useConnectCallback } from '../../hooks/use-connect-callback';
import { startConnection } from '../../hooks/use-integration-catalogue';
import { toApiError, type ApiError } from '../../lib/api-error';
import { platformName } from '../../lib/platforms';
import { Alert } from '../ui/alert';
import { LoadingBlock } from '../ui/spinner';
import styles from './connect.module.css';

export function ConnectCallback({ provider }: { provider: string }) {
  const router = useRouter();
  const outcome = useConnectCallback(provider);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  const platform = platformName(provider);

  useEffect(() => {
    if (outcome.kind !== 'connected') return;
    const { channel } = outcome;
    if (channel.inBetweenSteps) router.replace(`/channels/${encodeURIComponent(channel.id)}/pages`);
    else router.replace(`/channels?connected=${encodeURIComponent(channel.name)}`);
  }, [outcome, router]);

  async function retry() {
    setRetrying(true);
    setRetryError(null);
    try {
      await startConnection(provider);
    } catch (error) {
      setRetryError(toApiError(error).message);
      setRetrying(false);
    }
  }

  return (
    <div className={`card ${styles.panel}`}>
      <h1>{outcome.kind === 'failed' ? `${platform} was not connected` : `Connecting ${platform}…`}</h1>
      {outcome.kind === 'failed' ? (
        <>
          <Alert tone="error">{describeFailure(outcome.error, platform)}</Alert>
          {retryError ? <Alert tone="error">{retryError}</Alert> : null}
          <div className={styles.actions}>
            <button type="button" className="btn btn-primary" onClick={() => void retry()} disabled={retrying}>
              {retrying ? 'Opening…' : 'Try again'}
            </button>
            <Link href="/channels" className="btn">
              Back to channels
            </Link>
          </div>
        </>
      ) : (
        <LoadingBlock label={outcome.kind === 'connected' ? 'Connected. Taking you on…' : `Finishing the connection with ${platform}…`} />
      )}
    </div>
  );
}

function describeFailure(error: ApiError, platform: string): string {
  switch (error.code) {
    case 'invalid_state':
      return 'This connection link expired or was already used. Start again from Add channel.';
    case 'access_denied':
      return `You declined access on ${platform}, so no channel was connected. To connect it, try again and approve the request.`;
    default:
      return error.message;
  }
}
