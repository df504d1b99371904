import { safeNextPath as safePath } from '@herald/shared';

/** `?next=` after signing in: a path of this dashboard only (libraries/shared says how tricks are refused). */
export function safeNextPath(next: string | null, fallback = '/calendar'): string {
  const origin = typeof window === 'undefined' ? undefined : window.location.origin;
  return safePath(next, { fallback, ...(origin ? { origin } : {}) });
}
