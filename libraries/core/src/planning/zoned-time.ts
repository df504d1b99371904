import { DateTime } from 'luxon';

// Wall-clock maths in a time zone, with Luxon (tz rules from ICU): posting times and recurring posts happen at the
// same local time every day, across daylight-saving changes (docs/planning.md).

const MINUTE_MS = 60_000;

/** An IANA zone name (`Europe/Paris`, or `UTC`) that Luxon, and so Intl, knows; not an offset like `+02:00`. */
export function isZoneName(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length <= 64 && (zone === 'UTC' || zone.includes('/')) && DateTime.now().setZone(zone).isValid;
}

/** Minute-truncated instant, to compare a post's date with a slot. */
export function minuteOf(at: Date): number {
  return Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
}

/**
 * The instants of a day's posting times in `zone`. A time that does not exist that day (skipped by a spring-forward
 * change) moves forward by the gap, as clocks do; one that happens twice (a fall-back change) is taken once.
 */
export function slotInstantsOn(day: DateTime, slots: readonly string[], zone: string): Date[] {
  const seen = new Set<number>();
  const instants: Date[] = [];
  for (const slot of slots) {
    const [hour, minute] = slot.split(':').map(Number);
    const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
    if (!at.isValid || seen.has(at.toMillis())) continue;
    seen.add(at.toMillis());
    instants.push(at.toJSDate());
  }
  return instants.sort((a, b) => a.getTime() - b.getTime());
}

export interface SlotSearch {
  now: Date;
  /** Each channel's posting times and zone; a candidate is any channel's posting time. */
  channels: readonly { slots: readonly string[]; zone: string }[];
  /** Whole-minute instants already taken. */
  taken: (from: Date, to: Date) => Promise<ReadonlySet<number>>;
  horizonDays: number;
  /** Days of candidates read at once (the taken minutes are asked for per window). */
  windowDays?: number;
}

/**
 * The first posting time after `now`, of any of the channels, whose minute is not taken. Days are walked in each
 * channel's own zone; the answer is undefined when none is free within the horizon.
 */
export async function findFreeSlot(search: SlotSearch): Promise<Date | undefined> {
  const windowDays = search.windowDays ?? 14;
  const start = search.now;
  for (let offset = 0; offset < search.horizonDays; offset += windowDays) {
    const days = Math.min(windowDays, search.horizonDays - offset);
    const candidates = new Map<number, Date>();
    for (const channel of search.channels) {
      const today = DateTime.fromJSDate(start, { zone: channel.zone }).startOf('day');
      for (let d = offset; d < offset + days; d++) {
        for (const at of slotInstantsOn(today.plus({ days: d }), channel.slots, channel.zone)) {
          if (at.getTime() > start.getTime()) candidates.set(at.getTime(), at);
        }
      }
    }
    if (candidates.size === 0) continue;
    const sorted = [...candidates.values()].sort((a, b) => a.getTime() - b.getTime());
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    if (!first || !last) continue;
    const taken = await search.taken(new Date(minuteOf(first)), new Date(minuteOf(last) + MINUTE_MS));
    const free = sorted.find((at) => !taken.has(minuteOf(at)));
    if (free) return free;
  }
  return undefined;
}

/**
 * `inter` days after `date`, at the same wall-clock time in `zone` (so 09:00 stays 09:00 across a DST change). When
 * that time does not exist on the target day it moves forward by the gap.
 */
export function addDaysInZone(date: Date, days: number, zone: string): Date {
  return DateTime.fromJSDate(date, { zone }).plus({ days }).toJSDate();
}

/**
 * A CSV date: an ISO 8601 instant (with `Z` or an offset), or a wall-clock time in `zone` written
 * `YYYY-MM-DD HH:mm` (or with a `T`, or with seconds). Undefined when it is neither.
 */
export function parseCivilOrInstant(text: string, zone: string): Date | undefined {
  const value = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    const at = DateTime.fromISO(value, { setZone: true });
    return at.isValid ? at.toJSDate() : undefined;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const at = DateTime.fromObject({ year, month, day, hour, minute, second: second || 0 }, { zone });
  // Luxon moves an hour that does not exist; a date that does not exist (Feb 30) is invalid.
  return at.isValid && at.day === day ? at.toJSDate() : undefined;
}
