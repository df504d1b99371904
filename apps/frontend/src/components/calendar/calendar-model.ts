import type { DateRange } from '../../hooks/use-posts';
import type { CalendarPost } from '../../lib/post-types';
import { addDays, addMonths, dayKey, formatDay, startOfDay, startOfMonth, startOfWeek, toCivil, type Civil } from '../../lib/zoned-time';

export const CALENDAR_VIEWS = ['week', 'day', 'month', 'list'] as const;
export type CalendarViewName = (typeof CALENDAR_VIEWS)[number];

export const VIEW_LABEL: Record<CalendarViewName, string> = { week: 'Week', day: 'Day', month: 'Month', list: 'List' };

/** The civil days a view shows, first to last, around the `anchor` day. */
export function visibleDays(view: CalendarViewName, anchor: string): string[] {
  switch (view) {
    case 'day':
      return [anchor];
    case 'week':
    case 'list': {
      const monday = startOfWeek(anchor);
      return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
    }
    case 'month': {
      const first = startOfWeek(startOfMonth(anchor));
      const next = addMonths(anchor, 1);
      const days: string[] = [];
      for (let day = first; days.length < 42 && (day < next || days.length % 7 !== 0); day = addDays(day, 1)) days.push(day);
      return days;
    }
  }
}

export function rangeOf(days: readonly string[], timeZone: string): DateRange | null {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return null;
  return { start: startOfDay(first, timeZone), end: startOfDay(addDays(last, 1), timeZone) };
}

export function stepAnchor(view: CalendarViewName, anchor: string, direction: -1 | 1): string {
  switch (view) {
    case 'day':
      return addDays(anchor, direction);
    case 'week':
    case 'list':
      return addDays(anchor, 7 * direction);
    case 'month':
      return addMonths(anchor, direction);
  }
}

export function rangeLabel(view: CalendarViewName, days: readonly string[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return '';
  if (view === 'day') return formatDay(first, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  if (view === 'month') return formatDay(days[10] ?? first, { month: 'long', year: 'numeric' });
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const from = formatDay(first, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
  return `${from} – ${formatDay(last, { month: 'short', day: 'numeric', year: 'numeric' })}`;
}

export function slotKey(day: string, hour: number): string {
  return `${day}T${hour}`;
}

// Converting 500 instants to civil time is the costliest step of a render; dates repeat across polls.
const civilCache = new Map<string, Civil>();

export function civilOf(post: CalendarPost, timeZone: string): Civil {
  const key = `${timeZone}|${post.publishDate}`;
  let civil = civilCache.get(key);
  if (!civil) {
    if (civilCache.size > 5000) civilCache.clear();
    civil = toCivil(new Date(post.publishDate), timeZone);
    civilCache.set(key, civil);
  }
  return civil;
}

export interface Buckets {
  /** Posts per `slotKey(day, hour)`, in time order. */
  bySlot: Map<string, CalendarPost[]>;
  /** Posts per day, in time order. */
  byDay: Map<string, CalendarPost[]>;
  total: number;
}

export const EMPTY_BUCKETS: Buckets = { bySlot: new Map(), byDay: new Map(), total: 0 };

function sameItems(a: readonly CalendarPost[] | undefined, b: readonly CalendarPost[]): boolean {
  return a !== undefined && a.length === b.length && a.every((post, i) => post === b[i]);
}

function share(previous: Map<string, CalendarPost[]>, next: Map<string, CalendarPost[]>): Map<string, CalendarPost[]> {
  next.forEach((list, key) => {
    const before = previous.get(key);
    if (before && sameItems(before, list)) next.set(key, before);
  });
  return next;
}

/**
 * Sorts posts into hour slots and days. Arrays whose content did not change are the previous arrays, so a
 * memoised slot only re-renders when its own posts changed (a drop re-renders two slots, not 168).
 */
export function bucketPosts(posts: readonly CalendarPost[], timeZone: string, previous: Buckets = EMPTY_BUCKETS): Buckets {
  const sorted = [...posts].sort((a, b) => a.publishDate.localeCompare(b.publishDate) || a.id.localeCompare(b.id));
  const bySlot = new Map<string, CalendarPost[]>();
  const byDay = new Map<string, CalendarPost[]>();
  for (const post of sorted) {
    const civil = civilOf(post, timeZone);
    const day = dayKey(civil);
    const slot = slotKey(day, civil.hour);
    let inSlot = bySlot.get(slot);
    if (!inSlot) bySlot.set(slot, (inSlot = []));
    inSlot.push(post);
    let inDay = byDay.get(day);
    if (!inDay) byDay.set(day, (inDay = []));
    inDay.push(post);
  }
  return { bySlot: share(previous.bySlot, bySlot), byDay: share(previous.byDay, byDay), total: posts.length };
}
