import { DateTime } from 'luxon';
import { addDaysInZone, findFreeSlot, minuteOf, parseCivilOrInstant, slotInstantsOn } from './zoned-time';

const NY = 'America/New_York';
const PARIS = 'Europe/Paris';
const iso = (d: Date | undefined) => d?.toISOString();
const none = () => Promise.resolve(new Set<number>());

describe('posting times in a zone', () => {
  it('keeps the wall-clock time on a spring-forward day, and moves a skipped time past the gap', () => {
    // 2026-03-08: New York goes from 02:00 EST straight to 03:00 EDT.
    const day = DateTime.fromISO('2026-03-08', { zone: NY });
    expect(slotInstantsOn(day, ['01:30', '02:30', '09:00'], NY).map(iso)).toEqual([
      '2026-03-08T06:30:00.000Z', // 01:30 EST (-05:00)
      '2026-03-08T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
      '2026-03-08T13:00:00.000Z', // 09:00 EDT (-04:00)
    ]);
    // 02:30 and 03:30 land on the same instant that day: offered once.
    expect(slotInstantsOn(day, ['02:30', '03:30'], NY).map(iso)).toEqual(['2026-03-08T07:30:00.000Z']);
  });

  it('keeps the wall-clock time on a fall-back day, and offers a repeated hour once', () => {
    // 2026-11-01: New York goes from 02:00 EDT back to 01:00 EST.
    const day = DateTime.fromISO('2026-11-01', { zone: NY });
    const instants = slotInstantsOn(day, ['01:30', '09:00'], NY);
    expect(instants).toHaveLength(2);
    expect(iso(instants[1])).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST (-05:00)
    expect(DateTime.fromJSDate(instants[0] as Date, { zone: NY }).toFormat('HH:mm')).toBe('01:30');
  });

  it('finds the first free posting time after now, walking days in the zone', async () => {
    const now = new Date('2026-03-07T15:00:00Z'); // 10:00 in New York, the day before spring-forward
    const taken = new Set([minuteOf(new Date('2026-03-07T17:00:00Z'))]); // 12:00 EST taken
    const found = await findFreeSlot({ now, channels: [{ slots: ['09:00', '12:00'], zone: NY }], horizonDays: 30, taken: () => Promise.resolve(taken) });
    // 09:00 has passed, 12:00 is taken: the next day's 09:00, already in daylight time.
    expect(iso(found)).toBe('2026-03-08T13:00:00.000Z');
  });

  it('offers any of several channels’ posting times, each in its own zone', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const found = await findFreeSlot({
      now,
      channels: [
        { slots: ['09:00'], zone: NY },
        { slots: ['09:00'], zone: PARIS },
      ],
      horizonDays: 5,
      taken: none,
    });
    expect(iso(found)).toBe('2026-06-01T07:00:00.000Z'); // 09:00 in Paris (CEST) comes first
  });

  it('gives up after the horizon', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const all = { has: () => true } as unknown as ReadonlySet<number>;
    expect(await findFreeSlot({ now, channels: [{ slots: ['09:00'], zone: PARIS }], horizonDays: 40, taken: () => Promise.resolve(all) })).toBeUndefined();
    expect(await findFreeSlot({ now, channels: [], horizonDays: 40, taken: none })).toBeUndefined();
  });
});

describe('recurring posts in a zone', () => {
  it('repeats at the same local time across a spring-forward change', () => {
    const before = new Date('2026-03-07T14:00:00Z'); // Saturday 09:00 EST
    expect(iso(addDaysInZone(before, 1, NY))).toBe('2026-03-08T13:00:00.000Z'); // Sunday 09:00 EDT
    expect(iso(addDaysInZone(before, 7, NY))).toBe('2026-03-14T13:00:00.000Z');
  });

  it('repeats at the same local time across a fall-back change', () => {
    const before = new Date('2026-10-31T13:00:00Z'); // Saturday 09:00 EDT
    expect(iso(addDaysInZone(before, 1, NY))).toBe('2026-11-01T14:00:00.000Z'); // Sunday 09:00 EST
    // Paris changes a week earlier (2026-10-25).
    expect(iso(addDaysInZone(new Date('2026-10-24T07:00:00Z'), 7, PARIS))).toBe('2026-10-31T08:00:00.000Z');
  });

  it('moves a repeat that lands in the skipped hour forward by the gap', () => {
    const before = new Date('2026-03-07T07:30:00Z'); // Saturday 02:30 EST
    expect(DateTime.fromJSDate(addDaysInZone(before, 1, NY), { zone: NY }).toFormat('HH:mm')).toBe('03:30');
  });
});

describe('CSV dates', () => {
  it('reads an instant with its offset, and a wall-clock time in the zone', () => {
    expect(iso(parseCivilOrInstant('2026-12-10T09:00:00Z', NY))).toBe('2026-12-10T09:00:00.000Z');
    expect(iso(parseCivilOrInstant('2026-12-10T09:00:00+01:00', NY))).toBe('2026-12-10T08:00:00.000Z');
    expect(iso(parseCivilOrInstant('2026-12-10 09:00', NY))).toBe('2026-12-10T14:00:00.000Z');
    expect(iso(parseCivilOrInstant('2026-07-10T09:00', NY))).toBe('2026-07-10T13:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['', 'tomorrow', '2026-02-30 09:00', '2026-12-10', '10/12/2026 09:00', '2026-12-10 25:00']) {
      expect(parseCivilOrInstant(bad, NY)).toBeUndefined();
    }
  });
});
