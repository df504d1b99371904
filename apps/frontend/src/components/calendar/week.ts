export interface WeekDay {
  key: string;
  weekday: string;
  dayOfMonth: string;
  long: string;
  isToday: boolean;
}

/** The Monday-to-Sunday week containing `now`, as seen in `timeZone`. */
export function weekDays(now: Date, timeZone: string): WeekDay[] {
  const zone = isValidZone(timeZone) ? timeZone : 'UTC';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value);
  // Noon UTC on the zone's calendar date: arithmetic on whole days never crosses a date line.
  const today = new Date(Date.UTC(part('year'), part('month') - 1, part('day'), 12));
  const mondayOffset = (today.getUTCDay() + 6) % 7;
  const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

  return Array.from({ length: 7 }, (_, index) => {
    const date = new Date(today.getTime() + (index - mondayOffset) * 86_400_000);
    return {
      key: date.toISOString().slice(0, 10),
      weekday: weekday.format(date),
      dayOfMonth: String(date.getUTCDate()),
      long: long.format(date),
      isToday: index === mondayOffset,
    };
  });
}

function isValidZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}
