/** `YYYY-MM-DDTHH:MM` as a clock in `timeZone` shows `instant`: what a datetime-local input takes. */
export function civilInput(instant, timeZone, { seconds = false } = {}) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const get = (type) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}${seconds ? `:${get('second')}` : ''}`;
}
