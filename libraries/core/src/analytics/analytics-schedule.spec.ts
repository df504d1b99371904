import { isChannelDue, isPostDue, latestCheckpoint, spreadDelayMs } from './analytics-schedule';
import { parseDays, percentChange } from './analytics-queries';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const published = new Date('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(published.getTime() + ms);

describe('analytics schedule', () => {
  it('reads a post at 1 h, 24 h, 7 days and each day to 30 days', () => {
    expect(latestCheckpoint(published, at(59 * 60_000))).toBeUndefined();
    expect(latestCheckpoint(published, at(HOUR))).toEqual(at(HOUR));
    expect(latestCheckpoint(published, at(23 * HOUR))).toEqual(at(HOUR));
    expect(latestCheckpoint(published, at(DAY + 5))).toEqual(at(DAY));
    expect(latestCheckpoint(published, at(7 * DAY + HOUR))).toEqual(at(7 * DAY));
    expect(latestCheckpoint(published, at(45 * DAY))).toEqual(at(30 * DAY));
  });

  it('a post is due once per checkpoint', () => {
    expect(isPostDue({ publishedAt: published, lastCollectedAt: null }, at(30 * 60_000))).toBe(false);
    expect(isPostDue({ publishedAt: published, lastCollectedAt: null }, at(2 * HOUR))).toBe(true);
    expect(isPostDue({ publishedAt: published, lastCollectedAt: at(2 * HOUR) }, at(3 * HOUR))).toBe(false);
    expect(isPostDue({ publishedAt: published, lastCollectedAt: at(2 * HOUR) }, at(DAY))).toBe(true);
    expect(isPostDue({ publishedAt: published, lastCollectedAt: at(30 * DAY) }, at(40 * DAY))).toBe(false);
  });

  it('a channel is due once a day, or hourly, or never', () => {
    const now = new Date('2026-12-07T12:00:00.000Z');
    expect(isChannelDue(null, now, 'daily')).toBe(true);
    expect(isChannelDue(new Date('2026-12-07T00:10:00.000Z'), now, 'daily')).toBe(false);
    expect(isChannelDue(new Date('2026-12-06T23:50:00.000Z'), now, 'daily')).toBe(true);
    expect(isChannelDue(new Date('2026-12-07T11:30:00.000Z'), now, 'hourly')).toBe(false);
    expect(isChannelDue(new Date('2026-12-07T10:59:00.000Z'), now, 'hourly')).toBe(true);
    expect(isChannelDue(null, now, 'off')).toBe(false);
  });

  it('spreads channels over the hour, each at the same second every hour', () => {
    const now = new Date('2026-12-07T12:00:00.000Z');
    const delays = Array.from({ length: 200 }, (_, i) => spreadDelayMs(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, now));
    expect(delays.every((d) => d >= 0 && d < HOUR)).toBe(true);
    expect(new Set(delays.map((d) => Math.floor(d / (10 * 60_000)))).size).toBe(6);
    const id = 'c1d2e3f4-0000-4000-8000-000000000001';
    const first = now.getTime() + spreadDelayMs(id, now);
    const later = new Date(now.getTime() + 17 * 60_000);
    expect((later.getTime() + spreadDelayMs(id, later) - first) % HOUR).toBe(0);
  });

  it('reads `date` as the public API does and computes the change', () => {
    expect(parseDays('30')).toBe(30);
    expect(parseDays(undefined)).toBe(7);
    expect(parseDays('abc')).toBe(7);
    expect(parseDays('100000')).toBe(400);
    expect(percentChange(100, 150)).toBe(50);
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(200, 150)).toBe(-25);
  });
});
