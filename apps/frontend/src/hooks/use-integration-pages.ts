'use client';

import { useCallback } from 'react';
import { apiRequest } from '../lib/api-client';
import type { Channel, ChannelPage } from '../lib/api-types';
import { useResource } from '../lib/resource-store';

/** The Pages (or Instagram accounts) a channel in its in-between step can become. */
export function useIntegrationPages(integrationId: string) {
  const path = `/integrations/${encodeURIComponent(integrationId)}/pages`;
  const resource = useResource<ChannelPage[]>(path);

  const selectPage = useCallback((pageId: string) => apiRequest<Channel>(path, { method: 'POST', body: { pageId } }), [path]);

  return { ...resource, pages: resource.data, selectPage };
}
