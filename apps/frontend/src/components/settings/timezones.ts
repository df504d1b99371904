/** Every IANA zone this browser knows, with the saved one kept even if the browser lacks it. */
export function timezoneOptions(saved: string | null): string[] {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  if (saved) zones.add(saved);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

export function browserTimezone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** "14:05, UTC+02:00", so a person can check the choice against their clock. */
export function describeZone(timeZone: string, now = new Date()): string {
  try {
    const time = new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit' }).format(now);
    const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(now).find((part) => part.type === 'timeZoneName')?.value;
    return offset ? `${time}, ${offset.replace('GMT', 'UTC')}` : time;
  } catch {
    return '';
  }
}
