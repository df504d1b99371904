import type { Database } from '../prisma-client';
import type { NewPublishingNotification } from './publishing.types';

/** The notifications the engine writes (a post failed or stays unconfirmed, a channel to reconnect), and their retention. */
export class PublishingNotificationsRepository {
  constructor(private readonly db: Database) {}

  /** Returns the notification's id (email alerts refer to it). */
  async notify(input: NewPublishingNotification): Promise<{ id: string }> {
    return this.db.notification.create({
      data: { organizationId: input.organizationId, type: input.type, message: input.message, postId: input.postId ?? null, integrationId: input.integrationId ?? null },
      select: { id: true },
    });
  }

  async deleteNotificationsBefore(before: Date): Promise<number> {
    const { count } = await this.db.notification.deleteMany({ where: { createdAt: { lt: before } } });
    return count;
  }
}
