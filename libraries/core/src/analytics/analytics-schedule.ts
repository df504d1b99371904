import { createHash } from 'node:crypto';

// When figures are read (docs/analytics.md, "Schedule"): a post at 1 hour, 24 hours and 7 days after it went out,
// and once a day in between until 30 days; a channel's own figures once a day (X: hourly with ANALYTICS_X=hourly).

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export type AnalyticsCadence = 'off' | 'daily' | 'hourly';

/** How long after publishing a post's figures are read: 1 h, 24 h, then each day to 30 days (7 days among them). */
export const POST_CHECKPOINTS_MS: readonly number[] = [HOUR, ...Array.from({ length: 30 }, (_, i) => (i + 1) * DAY)];

/** Posts older than this are not read again by the cron (their figures barely move); the API can still ask. */
export const POST_WINDOW_MS = 30 * DAY + HOUR;

/** The latest checkpoint a post of `publishedAt` has reached at `now`, as a time; undefined before its first. */
export function latestCheckpoint(publishedAt: Date, now: Date): Date | undefined {
  const age = now.getTime() - publishedAt.getTime();
  let reached: number | undefined;
  for (const at of POST_CHECKPOINTS_MS) if (at <= age) reached = at;
  return reached === undefined ? undefined : new Date(publishedAt.getTime() + reached);
}

/** True when the post has reached a checkpoint it has no reading since. */
export function isPostDue(post: { publishedAt: Date; lastCollectedAt: Date | null }, now: Date): boolean {
  const checkpoint = latestCheckpoint(post.publishedAt, now);
  if (!checkpoint) return false;
  return post.lastCollectedAt === null || post.lastCollectedAt.getTime() < checkpoint.getTime();
}

/** True when the channel's own figures are due: none yet today (daily), or none in the last hour (hourly). */
export function isChannelDue(last: Date | null, now: Date, cadence: AnalyticsCadence): boolean {
  if (cadence === 'off') return false;
  if (last === null) return true;
  if (cadence === 'hourly') return now.getTime() - last.getTime() >= HOUR - 5 * 60_000;
  return last.toISOString().slice(0, 10) !== now.toISOString().slice(0, 10);
}

/** Where in the hour a channel's job runs: the same second each hour, spread evenly by its id. */
export function spreadDelayMs(integrationId: string, now: Date, periodMs = HOUR): number {
  const slot = createHash('sha256').update(integrationId).digest().readUInt32BE(0) % periodMs;
  const intoPeriod = now.getTime() % periodMs;
  return slot >= intoPeriod ? slot - intoPeriod : slot + periodMs - intoPeriod;
}
