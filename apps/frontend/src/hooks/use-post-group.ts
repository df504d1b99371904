'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '../lib/api-client';
import { toApiError, type ApiError } from '../lib/api-error';
import type { CreatePostBody, CreatePostResultItem, PostGroup } from '../lib/post-types';

export type GroupLoad = { kind: 'none' } | { kind: 'loading' } | { kind: 'loaded'; group: PostGroup } | { kind: 'failed'; error: ApiError };

/** One post group for the composer: loaded fresh each time (never from the calendar cache), plus its mutations. */
export function usePostGroup(postId: string | null) {
  const [load, setLoad] = useState<GroupLoad>(postId ? { kind: 'loading' } : { kind: 'none' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!postId) return;
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    apiRequest<PostGroup>(`/posts/${encodeURIComponent(postId)}`, { signal: controller.signal }).then(
      (group) => setLoad({ kind: 'loaded', group }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ kind: 'failed', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [postId, attempt]);

  const retryLoad = useCallback(() => setAttempt((n) => n + 1), []);
  return { load, retryLoad };
}

export function createPosts(body: CreatePostBody): Promise<CreatePostResultItem[]> {
  return apiRequest<CreatePostResultItem[]>('/posts', { method: 'POST', body });
}

export function replaceGroup(group: string, body: CreatePostBody): Promise<unknown> {
  return apiRequest<unknown>(`/posts/${encodeURIComponent(group)}`, { method: 'PUT', body });
}

export function deleteGroup(group: string): Promise<unknown> {
  return apiRequest<unknown>(`/posts/${encodeURIComponent(group)}`, { method: 'DELETE' });
}

export function retryPost(postId: string): Promise<unknown> {
  return apiRequest<unknown>(`/posts/${encodeURIComponent(postId)}/retry`, { method: 'POST', body: {} });
}
