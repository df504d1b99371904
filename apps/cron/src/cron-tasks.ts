import type { ChannelTokenManager, Cleanup, RepeatSeries, ResolveStaleLeases, ScheduleAnalytics, SweepDuePosts } from '@herald/core';

export interface CronTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface CronIntervals {
  sweepMs: number;
  staleLeasesMs: number;
  refreshTokensMs: number;
  cleanupMs: number;
  alertsMs: number;
  repeatMs: number;
  rotateSecretsMs: number;
  analyticsMs: number;
  analyticsPruneMs: number;
}

export const DEFAULT_CRON_INTERVALS: CronIntervals = {
  sweepMs: 15_000,
  staleLeasesMs: 15_000,
  refreshTokensMs: 10 * 60_000,
  cleanupMs: 6 * 3600_000,
  alertsMs: 60_000,
  repeatMs: 60_000,
  rotateSecretsMs: 3600_000,
  // Each channel's job is queued once an hour, at its own second of the hour (docs/analytics.md).
  analyticsMs: 3600_000,
  analyticsPruneMs: 24 * 3600_000,
};

/** Each task is a few lines calling a use case. */
export function cronTasks(
  useCases: {
    sweep: SweepDuePosts;
    staleLeases: ResolveStaleLeases;
    refresh: ChannelTokenManager;
    cleanup: Cleanup;
    repeat: RepeatSeries;
    alerts?: () => Promise<unknown>;
    rotateSecrets: () => Promise<unknown>;
    analytics: ScheduleAnalytics;
  },
  intervals: CronIntervals,
): CronTask[] {
  const { alerts } = useCases;
  return [
    { name: 'sweep-due-posts', everyMs: intervals.sweepMs, run: () => useCases.sweep.run() },
    { name: 'resolve-stale-leases', everyMs: intervals.staleLeasesMs, run: () => useCases.staleLeases.run() },
    { name: 'refresh-tokens', everyMs: intervals.refreshTokensMs, run: () => useCases.refresh.refreshDue() },
    { name: 'cleanup', everyMs: intervals.cleanupMs, run: () => useCases.cleanup.run() },
    // Only with email configured: queues the alert digests that were recorded but never queued.
    ...(alerts ? [{ name: 'email-alerts', everyMs: intervals.alertsMs, run: alerts }] : []),
    // Recurring posts published while their worker stopped before planning the next occurrence.
    { name: 'repeat-series', everyMs: intervals.repeatMs, run: () => useCases.repeat.repairMissed() },
    // Secrets still under an older key or format, re-encrypted a few hundred at a time (`npm run rotate-keys` does
    // them all at once); when none is left it costs one scan of three small tables.
    { name: 'rotate-secrets', everyMs: intervals.rotateSecretsMs, run: useCases.rotateSecrets },
    { name: 'analytics', everyMs: intervals.analyticsMs, run: () => useCases.analytics.run() },
    { name: 'analytics-prune', everyMs: intervals.analyticsPruneMs, run: () => useCases.analytics.prune() },
  ];
}
