import { type SandboxReply } from '../core/http-types';
import { paramError } from './graph-errors';

// Reading an edge (developers.facebook.com/docs/graph-api/results): `limit` items per page (25 unless asked, at most
// 100 on Page feeds and Instagram media), cursor paging with `after`/`before`, and a time window with `since`/`until`
// (a Unix timestamp or a date string).
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

export interface EdgeWindow {
  limit: number;
  sinceMs?: number;
  untilMs?: number;
  after?: string;
  before?: string;
}

function timeOf(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? at : undefined;
}

export function readEdgeWindow(params: Map<string, string>): { ok: true; window: EdgeWindow } | { ok: false; reply: SandboxReply } {
  const rawLimit = params.get('limit');
  const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) return { ok: false, reply: paramError(`Param limit must be a positive integer, got ${rawLimit}`) };
  if (limit > MAX_LIMIT) return { ok: false, reply: paramError(`Param limit must be at most ${MAX_LIMIT}`) };
  const window: EdgeWindow = { limit };
  for (const name of ['since', 'until'] as const) {
    const raw = params.get(name);
    if (raw === undefined) continue;
    const at = timeOf(raw);
    if (at === undefined) return { ok: false, reply: paramError(`Param ${name} must be a unix timestamp or a strtotime value`) };
    window[name === 'since' ? 'sinceMs' : 'untilMs'] = at;
  }
  const after = params.get('after');
  const before = params.get('before');
  return { ok: true, window: { ...window, ...(after ? { after } : {}), ...(before ? { before } : {}) } };
}

/** Graph compares `since`/`until` with its own second-granularity times; both ends are inclusive. */
export function withinTime(createdAtMs: number, w: EdgeWindow): boolean {
  const sec = Math.floor(createdAtMs / 1000);
  if (w.sinceMs !== undefined && sec < Math.floor(w.sinceMs / 1000)) return false;
  return !(w.untilMs !== undefined && sec > Math.floor(w.untilMs / 1000));
}

const cursor = (id: string): string => Buffer.from(id).toString('base64url');
const uncursor = (value: string): string => Buffer.from(value, 'base64url').toString();

/**
 * One page of an edge, newest first, with `paging.cursors` and `next`/`previous` links built by `link` (which keeps
 * the request's other parameters). An empty page carries no paging, as Graph answers.
 */
export function cursorPage<T extends { id: string }>(
  items: readonly T[],
  w: EdgeWindow,
  link: (cursorName: 'after' | 'before', value: string) => string,
): { page: T[]; paging?: Record<string, unknown> } {
  let start = 0;
  if (w.after) start = items.findIndex((i) => i.id === uncursor(w.after ?? '')) + 1;
  else if (w.before) start = Math.max(0, items.findIndex((i) => i.id === uncursor(w.before ?? '')) - w.limit);
  const page = items.slice(start, start + w.limit);
  const first = page[0];
  const last = page[page.length - 1];
  if (!first || !last) return { page };
  const paging: Record<string, unknown> = { cursors: { before: cursor(first.id), after: cursor(last.id) } };
  if (start + w.limit < items.length) paging.next = link('after', cursor(last.id));
  if (start > 0) paging.previous = link('before', cursor(first.id));
  return { page, paging };
}

/** The URL of another page of the same edge: the request's parameters, the other cursor dropped. */
export function edgeLink(base: string, params: Map<string, string>, limit: number, cursorName: 'after' | 'before', value: string): string {
  const q = new URLSearchParams([...params].filter(([k]) => k !== 'after' && k !== 'before'));
  q.set('limit', String(limit));
  q.set(cursorName, value);
  return `${base}?${q.toString()}`;
}
