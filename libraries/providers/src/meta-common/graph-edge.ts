import { z } from 'zod';
import type { GraphClient } from './graph-client';

/**
 * Reading an edge newest first (docs/platforms.md, "Meta: reading posts back"): `since` (Unix seconds) narrows it to
 * the attempt's window, `limit` is at most 100, and pages follow `paging.cursors.after` while `paging.next` says
 * there is more. Both Graph hosts answer this shape for Page feeds and Instagram media.
 */
const CLOCK_SKEW_MS = 60_000;
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

const pagingSchema = z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional();

export interface EdgeRead<T> {
  graph: GraphClient;
  url: string;
  fields: string;
  token: string;
  since: Date;
  item: z.ZodType<T>;
}

/** Every item of the edge created since the attempt (a minute of clock skew before it), up to five pages. */
export async function readEdgeSince<T>(read: EdgeRead<T>): Promise<T[]> {
  const schema = z.object({ data: z.array(read.item), paging: pagingSchema });
  const since = Math.floor((read.since.getTime() - CLOCK_SKEW_MS) / 1000);
  const items: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await read.graph.request({
      method: 'GET',
      url: read.url,
      query: { fields: read.fields, since, limit: PAGE_SIZE, ...(after ? { after } : {}) },
      token: read.token,
      schema,
    });
    items.push(...answer.data);
    after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return items;
}

/** Graph returns texts as they were posted; only Unicode form, line endings and outer blanks may differ. */
export function sameText(a: string, b: string): boolean {
  const norm = (text: string): string => text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return norm(a) === norm(b);
}

/** Graph times (`2026-03-01T12:00:05+0000`) at or after the attempt, allowing the same skew. */
export function createdSince(time: string | undefined, since: Date): boolean {
  return !time || Date.parse(time) >= since.getTime() - CLOCK_SKEW_MS;
}
