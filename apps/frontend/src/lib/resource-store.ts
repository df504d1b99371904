'use client';

import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { apiRequest } from './api-client';
import { type ApiError, toApiError } from './api-error';
import { getOrganizationId, getServerOrganizationId, subscribeOrganization } from './organization-store';

// A deliberately small cache for GET resources: one entry per organization + path, shared by every
// component that reads it, so a mutation in one place refreshes all of them. No dependency needed.

export interface ResourceState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  isLoading: boolean;
}

interface Entry {
  state: ResourceState<unknown>;
  listeners: Set<() => void>;
  inflight: Promise<void> | null;
  loadedAt: number;
}

const LOADING: ResourceState<never> = { data: undefined, error: undefined, isLoading: true };
const IDLE: ResourceState<never> = { data: undefined, error: undefined, isLoading: false };
const FRESH_FOR_MS = 2000;
const entries = new Map<string, Entry>();

function entryFor(key: string): Entry {
  let entry = entries.get(key);
  if (!entry) {
    entry = { state: LOADING, listeners: new Set(), inflight: null, loadedAt: 0 };
    entries.set(key, entry);
  }
  return entry;
}

function setState(entry: Entry, state: ResourceState<unknown>): void {
  entry.state = state;
  entry.listeners.forEach((listener) => listener());
}

function load(key: string, path: string, transform?: (error: ApiError) => unknown): Promise<void> {
  const entry = entryFor(key);
  if (entry.inflight) return entry.inflight;
  if (entry.state.data === undefined && !entry.state.isLoading) setState(entry, LOADING);
  const inflight = apiRequest<unknown>(path)
    .then(
      (data) => setState(entry, { data, error: undefined, isLoading: false }),
      (error: unknown) => {
        const apiError = toApiError(error);
        const fallback = transform?.(apiError);
        if (fallback !== undefined) setState(entry, { data: fallback, error: undefined, isLoading: false });
        else setState(entry, { data: entry.state.data, error: apiError, isLoading: false });
      },
    )
    .finally(() => {
      entry.inflight = null;
      entry.loadedAt = Date.now();
    });
  entry.inflight = inflight;
  return inflight;
}

/**
 * After a mutation: every cached path that starts with `prefix` is stale. Those on screen reload now (keeping
 * their data meanwhile), the rest on their next use.
 */
export function invalidateResources(prefix: string): Promise<void> {
  const reloads: Promise<void>[] = [];
  entries.forEach((entry, key) => {
    const path = key.slice(key.indexOf(' ') + 1);
    if (!path.startsWith(prefix)) return;
    entry.loadedAt = 0;
    if (entry.listeners.size > 0) reloads.push(load(key, path));
  });
  return Promise.all(reloads).then(() => undefined);
}

/** Forget everything, e.g. when the person logs in or out. */
export function resetResources(): void {
  entries.forEach((entry) => {
    entry.inflight = null;
    entry.loadedAt = 0;
    setState(entry, LOADING);
  });
}

/** The chosen organization; `undefined` until hydration has read localStorage. */
export function useOrganizationId(): string | null | undefined {
  return useSyncExternalStore<string | null | undefined>(subscribeOrganization, getOrganizationId, getServerOrganizationId);
}

export interface Resource<T> extends ResourceState<T> {
  reload: () => Promise<void>;
  mutate: (data: T) => void;
}

export interface ResourceOptions<T> {
  /** Turns an expected error (say a 404 meaning "none yet") into data instead of an error. */
  recover?: (error: ApiError) => T | undefined;
}

export function useResource<T>(path: string | null, options: ResourceOptions<T> = {}): Resource<T> {
  const organizationId = useOrganizationId();
  // While hydrating, the organization is not known yet: fetching then would use the wrong key and header.
  const key = path === null || organizationId === undefined ? null : `${organizationId ?? 'default'} ${path}`;
  const { recover } = options;

  const subscribe = useCallback(
    (listener: () => void) => {
      if (key === null) return () => undefined;
      const { listeners } = entryFor(key);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    [key],
  );
  const getSnapshot = useCallback(() => (key !== null ? entryFor(key).state : path === null ? IDLE : LOADING), [key, path]);
  const state = useSyncExternalStore(subscribe, getSnapshot, () => LOADING) as ResourceState<T>;

  useEffect(() => {
    if (key === null || path === null) return;
    const entry = entryFor(key);
    if (entry.inflight || Date.now() - entry.loadedAt < FRESH_FOR_MS) return;
    void load(key, path, recover);
    // `recover` is a policy fixed per call site; depending on its identity would refetch every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, path]);

  const reload = useCallback(() => {
    if (key === null || path === null) return Promise.resolve();
    return load(key, path, recover);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above: `recover` is fixed per call site
  }, [key, path]);

  const mutate = useCallback(
    (data: T) => {
      if (key !== null) setState(entryFor(key), { data, error: undefined, isLoading: false });
    },
    [key],
  );

  return { ...state, reload, mutate };
}
