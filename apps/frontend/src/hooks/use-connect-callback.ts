'use client';

import { useEffect, useState } from 'react';
import { apiRequest } from '../lib/api-client';
import { toApiError, type ApiError } from '../lib/api-error';
import type { ConnectResult } from '../lib/api-types';

export type ConnectOutcome = { kind: 'pending' } | { kind: 'connected'; channel: ConnectResult } | { kind: 'failed'; error: ApiError };

// An OAuth code or state works once. Keyed by the exact callback, this makes React strict mode's
// double effect (and any re-mount) share the first request instead of burning the state twice.
const attempts = new Map<string, Promise<ConnectResult>>();

/** Posts the platform's callback parameters, exactly as received, to the connect route once. */
export function useConnectCallback(provider: string): ConnectOutcome {
  const [outcome, setOutcome] = useState<ConnectOutcome>({ kind: 'pending' });

  useEffect(() => {
    const search = window.location.search;
    const params = new URLSearchParams(search);
    if ([...params.keys()].length === 0) {
      setOutcome({ kind: 'failed', error: toApiError(new Error('This page is where a platform sends you back after you sign in. Start from Add channel on the Channels page.')) });
      return;
    }
    const key = `${provider}${search}`;
    let attempt = attempts.get(key);
    if (!attempt) {
      attempt = apiRequest<ConnectResult>(`/integrations/social/${encodeURIComponent(provider)}/connect`, {
        method: 'POST',
        body: Object.fromEntries(params),
      });
      attempts.set(key, attempt);
    }
    let current = true;
    attempt.then(
      (channel) => current && setOutcome({ kind: 'connected', channel }),
      (error: unknown) => current && setOutcome({ kind: 'failed', error: toApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [provider]);

  return outcome;
}
