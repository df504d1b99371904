// Wall-clock arithmetic in the person's timezone (from /user/self), independent of the browser's own zone.
// Instants are Date objects (UTC underneath); "civil" values are the year/month/day/hour a clock in the zone shows.

export interface Civil {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidZone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function safeZone(timeZone: string | null | undefined): string {
  return isValidZone(timeZone) ? timeZone : 'UTC';
}

/** What a clock in `timeZone` shows at `instant`. */
export function toCivil(instant: Date, timeZone: string): Civil {
  const civil: Civil = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute') {
      civil[part.type] = Number(part.value);
    }
  }
  return civil;
}

function offsetMs(instant: Date, timeZone: string): number {
  const c = toCivil(instant, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute);
  const wholeMinute = Math.floor(instant.getTime() / 60_000) * 60_000;
  return asUtc - wholeMinute;
}

/**
 * The instant a clock in `timeZone` shows `civil`. A time skipped by a spring-forward gap lands on a
 * neighbouring valid time; in a fall-back overlap the earlier of the two instants is chosen.
 */
export function fromCivil(civil: Civil, timeZone: string): Date {
  const guess = Date.UTC(civil.year, civil.month - 1, civil.day, civil.hour, civil.minute);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(Math.min(first, second));
}

/** `YYYY-MM-DD` of a civil date: the key of a day column. */
export function dayKey(civil: Pick<Civil, 'year' | 'month' | 'day'>): string {
  return `${civil.year}-${pad(civil.month)}-${pad(civil.day)}`;
}

export function parseDayKey(key: string): Pick<Civil, 'year' | 'month' | 'day'> {
  const [year = 1970, month = 1, day = 1] = key.split('-').map(Number);
  return { year, month, day };
}

/** Whole-day arithmetic on civil dates (through noon UTC, so no date line or DST is ever crossed). */
export function addDays(key: string, days: number): string {
  const { year, month, day } = parseDayKey(key);
  const date = new Date(Date.UTC(year, month - 1, day, 12) + days * 86_400_000);
  return dayKey({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(key: string): number {
  const { year, month, day } = parseDayKey(key);
  return (new Date(Date.UTC(year, month - 1, day, 12)).getUTCDay() + 6) % 7;
}

export function startOfWeek(key: string): string {
  return addDays(key, -weekdayIndex(key));
}

export function startOfMonth(key: string): string {
  const { year, month } = parseDayKey(key);
  return dayKey({ year, month, day: 1 });
}

export function addMonths(key: string, months: number): string {
  const { year, month } = parseDayKey(key);
  const index = year * 12 + (month - 1) + months;
  return dayKey({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 });
}

/** The instant the day `key` starts in `timeZone`. */
export function startOfDay(key: string, timeZone: string): Date {
  return fromCivil({ ...parseDayKey(key), hour: 0, minute: 0 }, timeZone);
}

export function todayKey(timeZone: string, now = new Date()): string {
  return dayKey(toCivil(now, timeZone));
}

/** The value of an `<input type="datetime-local">` showing `instant` in `timeZone`. */
export function toLocalInput(instant: Date, timeZone: string): string {
  const c = toCivil(instant, timeZone);
  return `${dayKey(c)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** Reads an `<input type="datetime-local">` value (seconds optional) as a time in `timeZone`; `undefined` when incomplete. */
export function fromLocalInput(value: string, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return undefined;
  const [y, mo, d, h, mi, sec = 0] = match.slice(1).map((part) => Number(part ?? 0));
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined) return undefined;
  return new Date(fromCivil({ year: y, month: mo, day: d, hour: h, minute: mi }, timeZone).getTime() + sec * 1000);
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Formats an instant in `timeZone`, with cached formatters (the calendar formats hundreds of times). */
export function formatInZone(instant: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = displayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    displayFormatters.set(key, formatter);
  }
  return formatter.format(instant);
}

/** Formats a civil day (a key) without any zone question: it is read at noon UTC. */
export function formatDay(key: string, options: Intl.DateTimeFormatOptions): string {
  const { year, month, day } = parseDayKey(key);
  return formatInZone(new Date(Date.UTC(year, month - 1, day, 12)), 'UTC', options);
}

export function formatHour(hour: number): string {
  return formatInZone(new Date(Date.UTC(2000, 0, 1, hour)), 'UTC', { hour: 'numeric' });
}

export function pad(value: number): string {
  return String(value).padStart(2, '0');
}
