'use client';

import { useCallback, useState } from 'react';
import { toApiError } from '../lib/api-error';

/**
 * Runs a request on a person's behalf: `busy` while it runs, and the API's message in `error` when it fails (the
 * form or dialog stays as it was, with the reason). `run` resolves true when the action succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(toApiError(caught).message);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  return { busy, error, setError, run };
}
