import type { Role } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

export type AlertPreference = 'failures' | 'channels';

export interface AlertRecipient {
  userId: string;
  /** When this person's last alert email went out (null: never). */
  lastSentAt: Date | null;
}

/** One alert waiting for its email, with what the email says about it. */
export interface PendingAlert {
  id: string;
  kind: string;
  message: string;
  createdAt: Date;
  organization: { id: string; name: string };
  channel: { id: string; name: string; platform: string; username: string | null } | null;
  post: { id: string; content: string; publishDate: Date } | null;
}

const PREFERENCE_COLUMN = { failures: 'emailFailures', channels: 'emailChannels' } as const;

/** Email alerts: who gets one for a notification, which wait to be sent, and when a person last got one. */
export class EmailAlertsRepository {
  constructor(private readonly db: Database) {}

  /**
   * One pending alert per member of the organization who wants this kind: the preference, or when the person never
   * chose, `defaultOn` (the roles that get it by default). A notification is fanned out once; again adds nobody.
   */
  async fanOut(input: { notificationId: string; organizationId: string; kind: string; preference: AlertPreference; defaultOn: readonly Role[] }): Promise<AlertRecipient[]> {
    const column = PREFERENCE_COLUMN[input.preference];
    const members = await this.db.userOrganization.findMany({
      where: {
        organizationId: input.organizationId,
        user: { deletedAt: null },
        OR: [{ [column]: true }, { [column]: null, role: { in: [...input.defaultOn] } }],
      },
      select: { userId: true },
    });
    if (members.length === 0) return [];
    const created = await this.db.emailAlert.createManyAndReturn({
      data: members.map((m) => ({ userId: m.userId, notificationId: input.notificationId, kind: input.kind })),
      skipDuplicates: true,
      select: { userId: true },
    });
    return this.lastSent(created.map((c) => c.userId));
  }

  async lastSent(userIds: readonly string[]): Promise<AlertRecipient[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.emailAlert.groupBy({ by: ['userId'], where: { userId: { in: [...userIds] }, sentAt: { not: null } }, _max: { sentAt: true } });
    const last = new Map(rows.map((r) => [r.userId, r._max.sentAt]));
    return userIds.map((userId) => ({ userId, lastSentAt: last.get(userId) ?? null }));
  }

  /** People with alerts still to send (the cron's backstop for a digest job that was never queued). */
  async recipientsWithPending(limit: number): Promise<AlertRecipient[]> {
    const rows = await this.db.emailAlert.findMany({ where: { sentAt: null }, distinct: ['userId'], select: { userId: true }, take: limit });
    return this.lastSent(rows.map((r) => r.userId));
  }

  async recipient(userId: string): Promise<{ email: string; name: string | null } | null> {
    return this.db.user.findFirst({ where: { id: userId, deletedAt: null }, select: { email: true, name: true } });
  }

  /**
   * The person's unsent alerts, oldest first, from organizations they still belong to. Alerts of organizations
   * they left are dropped here (marked sent without an email).
   */
  async pending(userId: string, now: Date): Promise<PendingAlert[]> {
    const rows = await this.db.emailAlert.findMany({
      where: { userId, sentAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 200,
      select: {
        id: true,
        kind: true,
        createdAt: true,
        notification: {
          select: {
            message: true,
            postId: true,
            integrationId: true,
            organization: { select: { id: true, name: true, deletedAt: true, users: { where: { userId }, select: { userId: true } } } },
          },
        },
      },
    });
    const stale = rows.filter((r) => r.notification.organization.deletedAt !== null || r.notification.organization.users.length === 0).map((r) => r.id);
    if (stale.length > 0) await this.markSent(stale, now);
    const live = rows.filter((r) => !stale.includes(r.id));
    const channelIds = [...new Set(live.map((r) => r.notification.integrationId).filter((id): id is string => id !== null))];
    const postIds = [...new Set(live.map((r) => r.notification.postId).filter((id): id is string => id !== null))];
    const [channels, posts] = await Promise.all([
      this.db.integration.findMany({ where: { id: { in: channelIds } }, select: { id: true, name: true, providerIdentifier: true, profile: true } }),
      this.db.post.findMany({ where: { id: { in: postIds } }, select: { id: true, content: true, publishDate: true } }),
    ]);
    const channelOf = new Map(channels.map((c) => [c.id, { id: c.id, name: c.name, platform: c.providerIdentifier, username: c.profile }]));
    const postOf = new Map(posts.map((p) => [p.id, p]));
    return live.map((r) => ({
      id: r.id,
      kind: r.kind,
      message: r.notification.message,
      createdAt: r.createdAt,
      organization: { id: r.notification.organization.id, name: r.notification.organization.name },
      channel: r.notification.integrationId ? (channelOf.get(r.notification.integrationId) ?? null) : null,
      post: r.notification.postId ? (postOf.get(r.notification.postId) ?? null) : null,
    }));
  }

  async markSent(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.emailAlert.updateMany({ where: { id: { in: [...ids] }, sentAt: null }, data: { sentAt: at } });
  }

  /** The person's choice for the organization, null where they never chose (the role's default applies). */
  async preferences(userId: string, organizationId: string): Promise<{ role: Role; failures: boolean | null; channels: boolean | null } | null> {
    const row = await this.db.userOrganization.findUnique({
      where: { userId_organizationId: { userId, organizationId } },
      select: { role: true, emailFailures: true, emailChannels: true },
    });
    return row ? { role: row.role, failures: row.emailFailures, channels: row.emailChannels } : null;
  }

  async setPreferences(userId: string, organizationId: string, choice: { failures?: boolean; channels?: boolean }): Promise<void> {
    await this.db.userOrganization.update({
      where: { userId_organizationId: { userId, organizationId } },
      data: { ...(choice.failures !== undefined ? { emailFailures: choice.failures } : {}), ...(choice.channels !== undefined ? { emailChannels: choice.channels } : {}) },
    });
  }
}
