import type { WebhooksRepository } from '@herald/database';
import type { PublishingDeps } from './publishing.ports';

const DAY_MS = 24 * 3600_000;

export interface CleanupOptions {
  /** Notifications older than this go (read or not): the feed is for recent events. */
  notificationsDays: number;
  /** Finished webhook deliveries older than this go; pending ones stay for the retry job. */
  webhookDeliveriesDays: number;
}

export const DEFAULT_CLEANUP_OPTIONS: CleanupOptions = { notificationsDays: 90, webhookDeliveriesDays: 30 };

export interface CleanupReport {
  notifications: number;
  webhookDeliveries: number;
  media: number;
}

/**
 * Removes data nobody will look at again. OAuth states need nothing here: they live in Redis with a 5-minute TTL.
 * Deleted media files are removed by the media library's own sweep (`mediaCleanup`), after its grace period.
 */
export class Cleanup {
  constructor(
    private readonly deps: Pick<PublishingDeps, 'notifications' | 'now'> & { webhooks: Pick<WebhooksRepository, 'deleteDeliveriesBefore'> },
    private readonly mediaCleanup: (now: Date) => Promise<number> = () => Promise.resolve(0),
  ) {}

  async run(options: CleanupOptions = DEFAULT_CLEANUP_OPTIONS): Promise<CleanupReport> {
    const now = this.deps.now();
    const notifications = await this.deps.notifications.deleteNotificationsBefore(new Date(now.getTime() - options.notificationsDays * DAY_MS));
    const webhookDeliveries = await this.deps.webhooks.deleteDeliveriesBefore(new Date(now.getTime() - options.webhookDeliveriesDays * DAY_MS));
    const media = await this.mediaCleanup(now);
    return { notifications, webhookDeliveries, media };
  }
}
