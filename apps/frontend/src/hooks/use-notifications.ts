'use client';

import { useCallback, useEffect } from 'react';
import { apiRequest } from '../lib/api-client';
import type { NotificationList } from '../lib/post-types';
import { useResource } from '../lib/resource-store';

const POLL_MS = 60_000;

/** The organization's notifications and unread count; `null` when this server has no notifications route. */
export function useNotifications() {
  const resource = useResource<NotificationList | null>('/notifications?page=0', {
    recover: (error) => (error.status === 404 ? null : undefined),
  });
  const { reload, mutate, data } = resource;

  useEffect(() => {
    if (data === null) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [data, reload]);

  const markAllRead = useCallback(async () => {
    await apiRequest<unknown>('/notifications/read', { method: 'POST', body: {} });
    if (data) mutate({ notifications: data.notifications.map((n) => ({ ...n, read: true })), unread: 0 });
  }, [data, mutate]);

  return { ...resource, notifications: data, markAllRead };
}
