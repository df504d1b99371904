import type { Notification } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

export interface NewNotification {
  /** A stable word the dashboard can switch on, e.g. `post_failed`, `post_published`, `channel_refresh_needed`. */
  type: string;
  /** A sentence for a person. */
  message: string;
  postId?: string;
  integrationId?: string;
}

export interface NotificationPage {
  items: Notification[];
  unread: number;
}

/** The notification feed of one organization. The workers write it; the dashboard reads it. */
export class NotificationsRepository {
  constructor(private readonly db: Database) {}

  create(organizationId: string, notification: NewNotification): Promise<Notification> {
    return this.db.notification.create({
      data: {
        organizationId,
        type: notification.type,
        message: notification.message,
        postId: notification.postId ?? null,
        integrationId: notification.integrationId ?? null,
      },
    });
  }

  async list(organizationId: string, page: { skip: number; take: number }): Promise<NotificationPage> {
    const [items, unread] = await this.db.$transaction([
      this.db.notification.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: page.skip, take: page.take }),
      this.db.notification.count({ where: { organizationId, read: false } }),
    ]);
    return { items, unread };
  }

  /** Marks the given notifications read, or all of them when no ids are given. Returns how many changed. */
  async markRead(organizationId: string, ids?: readonly string[]): Promise<number> {
    const { count } = await this.db.notification.updateMany({
      where: { organizationId, read: false, ...(ids ? { id: { in: [...ids] } } : {}) },
      data: { read: true },
    });
    return count;
  }
}
