const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Postiz's default posting times: 02:00, 06:40 and 11:40 UTC, in minutes after midnight. */
export const DEFAULT_POSTING_MINUTES: readonly number[] = [120, 400, 700];

/** How far ahead a free slot is looked for; Postiz looks forever (and hangs), Herald answers within a year. */
export const FIND_SLOT_HORIZON_DAYS = 366;

/** A channel's posting times from its settings (`postingTimes: [{time: <minutes>}]`), else the defaults. */
export function postingMinutesOf(settings: unknown): number[] {
  const raw = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['postingTimes'] : undefined;
  const minutes = Array.isArray(raw)
    ? raw
        .map((t: unknown) => (typeof t === 'object' && t !== null ? (t as Record<string, unknown>)['time'] : t))
        .filter((t): t is number => typeof t === 'number' && Number.isInteger(t) && t >= 0 && t < 1440)
    : [];
  return minutes.length > 0 ? [...new Set(minutes)].sort((a, b) => a - b) : [...DEFAULT_POSTING_MINUTES];
}

/**
 * The first posting time, from today (UTC) on, that is still ahead and at which the organization has no post
 * (public-api.md §2.6). `taken` holds the instants (ms, whole minutes) already used.
 */
export function findFreeSlot(now: Date, minutes: readonly number[], taken: ReadonlySet<number>, horizonDays = FIND_SLOT_HORIZON_DAYS): Date | undefined {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  for (let day = 0; day < horizonDays; day++) {
    for (const minute of minutes) {
      const at = today + day * DAY_MS + minute * MINUTE_MS;
      if (at > now.getTime() && !taken.has(at)) return new Date(at);
    }
  }
  return undefined;
}

/** `YYYY-MM-DDTHH:mm:00`: UTC wall-clock time without milliseconds or zone, as Postiz answers it. */
export function toPostizSlot(at: Date): string {
  return `${at.toISOString().slice(0, 16)}:00`;
}

/** `YYYY-MM-DDTHH:mm:ss`, UTC without zone (PUT /posts/:id/settings answers so). */
export function toPostizLocal(at: Date): string {
  return at.toISOString().slice(0, 19);
}

/** Minute-truncated instant, to compare a post's date with a slot. */
export function minuteOf(at: Date): number {
  return Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
}
