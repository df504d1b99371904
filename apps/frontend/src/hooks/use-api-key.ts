'use client';

import { useCallback } from 'react';
import { apiRequest } from '../lib/api-client';
import type { ApiKeyInfo, CreatedApiKey } from '../lib/api-types';
import { useResource } from '../lib/resource-store';

/** The organization's public API key: its prefix when one exists (`null` when none), and rotation. */
export function useApiKey() {
  const resource = useResource<ApiKeyInfo | null>('/settings/api-key', {
    recover: (error) => (error.status === 404 ? null : undefined),
  });
  const { mutate } = resource;

  const rotate = useCallback(async (): Promise<CreatedApiKey> => {
    const created = await apiRequest<CreatedApiKey>('/settings/api-key', { method: 'POST' });
    mutate({ prefix: created.prefix, createdAt: created.createdAt });
    return created;
  }, [mutate]);

  return { ...resource, apiKey: resource.data, rotate };
}
