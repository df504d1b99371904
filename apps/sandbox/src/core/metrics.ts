import { createHash } from 'node:crypto';

// Figures the sandbox makes up for analytics (docs/analytics.md, "Sandbox"): each object's counts are a pure function
// of its id and of its age on the sandbox clock, so they grow after posting, level off over days, never go down, and
// come back the same on every read and after a restart.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** The day the sandbox's accounts start growing from (their follower counts are at their persona's value then). */
const GROWTH_EPOCH = Date.UTC(2026, 0, 1);

/** A stable number in [0, 1) for this id and salt. */
export function unit(id: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${id}`).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** How far a post's reach has come at `ageMs`: 0 at posting, a few percent after minutes, 98% after a day. */
function curve(ageMs: number): number {
  return ageMs <= 0 ? 0 : 1 - Math.exp(-ageMs / (6 * HOUR));
}

/** The views (impressions) of a post of this id, `ageMs` after it went out: from a few hundred to a few thousand. */
export function postViews(id: string, ageMs: number): number {
  const ceiling = 300 + Math.floor(unit(id, 'views') * 4700);
  return Math.floor(ceiling * curve(ageMs));
}

/** A share of the views, with a per-post rate between `low` and `high`: engagement grows with the views. */
export function shareOf(id: string, views: number, salt: string, low: number, high: number): number {
  return Math.floor(views * (low + unit(id, salt) * (high - low)));
}

/** An account's followers on the sandbox clock: its persona's count, plus a few a day since the growth epoch. */
export function followersAt(id: string, base: number, now: number): number {
  const perDay = 1 + unit(id, 'followers') * 9;
  return base + Math.max(0, Math.floor(((now - GROWTH_EPOCH) / DAY) * perDay));
}

/** An account-level figure for one day (the day's reach, views, engagement): varies by weekday, grows slowly. */
export function dailyFigure(id: string, metric: string, dayStart: number, scale: number): number {
  const day = Math.floor((dayStart - GROWTH_EPOCH) / DAY);
  const trend = 1 + Math.max(0, day) / 365;
  const wobble = 0.6 + unit(`${id}:${day}`, metric) * 0.8;
  return Math.floor(scale * (0.5 + unit(id, metric)) * trend * wobble);
}

export const SANDBOX_DAY_MS = DAY;
