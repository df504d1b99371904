'use client';

import { useCallback } from 'react';
import { apiRequest } from '../lib/api-client';
import type { Channel, ChannelList } from '../lib/api-types';
import { useResource } from '../lib/resource-store';
import { startConnection } from './use-integration-catalogue';

export type ChannelAction = 'disable' | 'enable' | 'delete';

/** The organization's connected channels and what can be done to each. */
export function useIntegrations() {
  const resource = useResource<ChannelList>('/integrations/list');
  const { reload } = resource;

  const act = useCallback(
    async (channel: Channel, action: ChannelAction) => {
      if (action === 'delete') await apiRequest<void>(`/integrations/${encodeURIComponent(channel.id)}`, { method: 'DELETE' });
      else await apiRequest<void>(`/integrations/${encodeURIComponent(channel.id)}/${action}`, { method: 'POST' });
      await reload();
    },
    [reload],
  );

  const reconnect = useCallback((channel: Channel) => startConnection(channel.identifier, channel.id), []);

  return { ...resource, channels: resource.data?.integrations, act, reconnect };
}
