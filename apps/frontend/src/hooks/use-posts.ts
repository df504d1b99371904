'use client';

import { useCallback, useEffect, useMemo, useRef } from 'react';
import { apiRequest } from '../lib/api-client';
import type { CalendarPost, CalendarPostList } from '../lib/post-types';
import { invalidateResources, useResource } from '../lib/resource-store';

export interface DateRange {
  start: Date;
  /** Exclusive. */
  end: Date;
}

// While something is due or being published its state changes soon: look again often. Otherwise rarely.
const BUSY_POLL_MS = 3000;
const IDLE_POLL_MS = 30_000;

function isBusy(post: CalendarPost, now: number): boolean {
  if (post.state === 'PUBLISHING') return true;
  return post.state === 'QUEUE' && Date.parse(post.publishDate) <= now + 5000;
}

function versionOf(post: CalendarPost): string {
  const tags = (post.tags ?? []).map(({ tag }) => `${tag.id}:${tag.name}:${tag.color}:${tag.deletedAt ?? ''}`).join(',');
  return `${post.state}|${post.publishDate}|${post.releaseURL ?? ''}|${post.content}|${post.integration.picture ?? ''}|${post.integration.name}|${tags}`;
}

/**
 * Keeps the previous object for every post that did not change, so memoised cards and slots skip re-rendering
 * when a poll brings back the same 500 posts.
 */
function reuseUnchanged(previous: Map<string, { version: string; post: CalendarPost }>, next: CalendarPost[]): CalendarPost[] {
  const kept = next.map((post) => {
    const version = versionOf(post);
    const before = previous.get(post.id);
    return before && before.version === version ? before.post : post;
  });
  previous.clear();
  kept.forEach((post) => previous.set(post.id, { version: versionOf(post), post }));
  return kept;
}

/** `customer`: only the posts of that customer's channels. */
export function postsPath(range: DateRange, customer?: string | null): string {
  // The API's range is inclusive at both ends.
  const end = new Date(range.end.getTime() - 1);
  const filter = customer ? `&customer=${encodeURIComponent(customer)}` : '';
  return `/posts?startDate=${encodeURIComponent(range.start.toISOString())}&endDate=${encodeURIComponent(end.toISOString())}${filter}`;
}

/** Root posts in the visible range (of one customer's channels, when given), kept fresh while any is about to change. */
export function usePosts(range: DateRange | null, customer?: string | null) {
  const path = range ? postsPath(range, customer) : null;
  const resource = useResource<CalendarPostList>(path);
  const { data, reload, mutate } = resource;
  const cache = useRef(new Map<string, { version: string; post: CalendarPost }>());
  const posts = useMemo(() => (data ? reuseUnchanged(cache.current, data.posts) : undefined), [data]);
  // `move` reads the latest list through a ref, so its identity (and every slot that receives it) stays put.
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    if (!posts) return;
    const busy = posts.some((post) => isBusy(post, Date.now()));
    const timer = window.setTimeout(() => {
      if (document.visibilityState === 'visible') void reload();
    }, busy ? BUSY_POLL_MS : IDLE_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [posts, reload]);

  useEffect(() => {
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [reload]);

  /** Moves a post, showing it at its new time at once and rolling back if the server refuses. */
  const move = useCallback(
    async (post: CalendarPost, date: Date) => {
      const before = latest.current;
      if (before) {
        mutate({ posts: before.posts.map((item) => (item.id === post.id ? { ...item, publishDate: date.toISOString() } : item)) });
      }
      try {
        await apiRequest<unknown>(`/posts/${encodeURIComponent(post.id)}/date`, { method: 'PUT', body: { date: date.toISOString() } });
      } catch (error) {
        if (before) mutate(before);
        throw error;
      } finally {
        void invalidatePosts();
      }
    },
    [mutate],
  );

  return { ...resource, posts, move };
}

/** Every cached calendar range is stale after a change to a post. */
export function invalidatePosts(): Promise<void> {
  return invalidateResources('/posts');
}
