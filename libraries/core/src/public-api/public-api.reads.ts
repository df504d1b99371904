import type { Database, Media, Notification } from '@herald/database';

/**
 * The few reads only the public API needs (Postiz's page sizes, a name search, a total). Kept apart from the
 * shared repositories so that the dashboard's queries do not grow options for one client.
 */
export class PublicApiReads {
  constructor(private readonly db: Database) {}

  async notifications(organizationId: string, skip: number, take: number): Promise<{ items: Notification[]; total: number }> {
    const where = { organizationId };
    const [items, total] = await this.db.$transaction([
      this.db.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.db.notification.count({ where }),
    ]);
    return { items, total };
  }

  async media(organizationId: string, skip: number, take: number, search: string | undefined): Promise<{ items: Media[]; total: number }> {
    const where = { organizationId, deletedAt: null, ...(search ? { name: { contains: search, mode: 'insensitive' as const } } : {}) };
    const [items, total] = await this.db.$transaction([
      this.db.media.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.db.media.count({ where }),
    ]);
    return { items, total };
  }

  /** Publish dates of the organization's live posts in [from, to), to find a free slot. */
  async postDates(organizationId: string, from: Date, to: Date): Promise<Date[]> {
    const rows = await this.db.post.findMany({
      where: { organizationId, deletedAt: null, publishDate: { gte: from, lt: to } },
      select: { publishDate: true },
    });
    return rows.map((r) => r.publishDate);
  }
}
