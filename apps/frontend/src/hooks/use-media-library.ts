'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '../lib/api-client';
import { toApiError } from '../lib/api-error';
import type { MediaListResponse } from '../lib/post-types';

export type MediaKindFilter = '' | 'image' | 'video';

/** One page of the media library (GET /media), searched by name and filtered by type; `reload` after a change. */
export function useMediaLibrary(search: string, type: MediaKindFilter, page: number) {
  const [data, setData] = useState<MediaListResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const query = new URLSearchParams({ page: String(page) });
    if (search.trim()) query.set('search', search.trim());
    if (type) query.set('type', type);
    setLoading(true);
    // A short pause so typing a search asks once, not per key.
    const timer = setTimeout(() => {
      apiRequest<MediaListResponse>(`/media?${query.toString()}`, { signal: controller.signal })
        .then((answer) => {
          setData(answer);
          setError(null);
        })
        .catch((err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          setError(toApiError(err).message);
        })
        .finally(() => setLoading(false));
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [search, type, page, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
