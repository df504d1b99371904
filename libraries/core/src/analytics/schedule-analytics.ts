import type { AnalyticsRepository } from '@herald/database';
import type { Logger } from '../common/logger';
import { spreadDelayMs } from './analytics-schedule';
import type { CollectAnalytics, CollectOutcome } from './collect-analytics';

/** The analytics queue as the cron sees it (adapter: @herald/queue AnalyticsQueue). */
export interface AnalyticsJobs {
  enqueue(jobs: readonly { integrationId: string; delayMs: number }[]): Promise<number>;
}

export interface ScheduleAnalyticsDeps {
  collect: CollectAnalytics;
  snapshots: AnalyticsRepository;
  jobs: AnalyticsJobs;
  logger: Logger;
  now: () => Date;
  retentionDays: number;
}

const DAY = 24 * 3600_000;

/** For the cron: queues one job per channel each hour, each at its own second of the hour; prunes old figures. */
export class ScheduleAnalytics {
  constructor(private readonly deps: ScheduleAnalyticsDeps) {}

  async run(): Promise<{ channels: number; queued: number }> {
    const providers = this.deps.collect.enabledProviders();
    const channels = await this.deps.snapshots.channelsForAnalytics(providers);
    const now = this.deps.now();
    // A job decides for itself whether anything is due (the channel's day, a post's checkpoint): queuing is cheap.
    const queued = await this.deps.jobs.enqueue(channels.map((c) => ({ integrationId: c.id, delayMs: spreadDelayMs(c.id, now) })));
    return { channels: channels.length, queued };
  }

  /** Deletes the figures older than ANALYTICS_RETENTION_DAYS. */
  async prune(): Promise<{ deleted: number }> {
    const deleted = await this.deps.snapshots.prune(new Date(this.deps.now().getTime() - this.deps.retentionDays * DAY));
    return { deleted };
  }
}

/** What the worker's job does with a collection's outcome: a rate limit waits for its reset, the rest is done. */
export function analyticsVerdict(outcome: CollectOutcome): { kind: 'done' } | { kind: 'later'; at: Date } {
  return outcome.status === 'later' ? { kind: 'later', at: outcome.at } : { kind: 'done' };
}
