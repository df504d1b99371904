'use client';

import { useCallback } from 'react';
import { apiRequest } from '../lib/api-client';
import type { Tag } from '../lib/api-types';
import { invalidateResources, useResource } from '../lib/resource-store';

export interface TagChanges {
  name?: string;
  color?: string;
}

// Calendar cards show tag names and colours: a change to a tag is a change to the posts that carry it.
function refreshAfterChange(): Promise<void> {
  return Promise.all([invalidateResources('/tags'), invalidateResources('/posts')]).then(() => undefined);
}

/** The organization's tags (labels for posts) and their changes. */
export function useTags(enabled = true) {
  const resource = useResource<Tag[]>(enabled ? '/tags' : null);

  /** Without a color, the server picks the next one of its palette. */
  const create = useCallback(async (name: string, color?: string): Promise<Tag> => {
    const created = await apiRequest<Tag>('/tags', { method: 'POST', body: color ? { name, color } : { name } });
    await refreshAfterChange();
    return created;
  }, []);

  const update = useCallback(async (tag: Tag, changes: TagChanges): Promise<Tag> => {
    const updated = await apiRequest<Tag>(`/tags/${encodeURIComponent(tag.id)}`, { method: 'PUT', body: changes });
    await refreshAfterChange();
    return updated;
  }, []);

  /** The tag goes, and posts stop showing it. */
  const remove = useCallback(async (tag: Tag): Promise<void> => {
    await apiRequest<unknown>(`/tags/${encodeURIComponent(tag.id)}`, { method: 'DELETE' });
    await refreshAfterChange();
  }, []);

  return { ...resource, tags: resource.data, create, update, remove };
}

/** Tag names are unique in an organization whatever their case. */
export function findTagByName(tags: readonly Tag[] | undefined, name: string): Tag | undefined {
  const wanted = name.trim().toLowerCase();
  return tags?.find((tag) => tag.name.toLowerCase() === wanted);
}
