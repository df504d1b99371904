import type { Database } from '../prisma-client';
import type { PostChannel } from './posts.repository';

/** A channel as the planning routes need it: its posting times and zone. */
export interface SlotChannel {
  id: string;
  name: string;
  providerIdentifier: string;
  slots: string[];
  timezone: string | null;
  disabled: boolean;
}

const SLOT_FIELDS = { id: true, name: true, providerIdentifier: true, slots: true, timezone: true, disabled: true } as const;

/** Posting times of an organization's channels, and the minutes its posts already take. */
export class PlanningRepository {
  constructor(private readonly db: Database) {}

  /** The organization's live channels among `ids` (others are left out). */
  findChannels(organizationId: string, ids: readonly string[]): Promise<SlotChannel[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.integration.findMany({ where: { organizationId, deletedAt: null, id: { in: [...ids] } }, select: SLOT_FIELDS });
  }

  /** Every live channel of the organization as post validation reads it (a CSV import names them). */
  postChannels(organizationId: string): Promise<PostChannel[]> {
    return this.db.integration.findMany({
      where: { organizationId, deletedAt: null },
      select: { id: true, providerIdentifier: true, name: true, picture: true, disabled: true, inBetweenSteps: true, deletedAt: true, settings: true },
      orderBy: [{ createdAt: 'asc' }],
    });
  }

  async setSlots(organizationId: string, id: string, slots: readonly string[], timezone: string): Promise<boolean> {
    const { count } = await this.db.integration.updateMany({ where: { id, organizationId, deletedAt: null }, data: { slots: [...slots], timezone } });
    return count === 1;
  }

  /**
   * Publish dates in [from, to) of the posts planned on these channels: live root posts that are queued, going out,
   * out or failed (drafts and cancelled posts hold no place in the queue).
   */
  async takenDates(organizationId: string, integrationIds: readonly string[], from: Date, to: Date): Promise<Date[]> {
    const rows = await this.db.post.findMany({
      where: {
        organizationId,
        integrationId: { in: [...integrationIds] },
        parentPostId: null,
        deletedAt: null,
        state: { notIn: ['DRAFT', 'CANCELLED'] },
        publishDate: { gte: from, lt: to },
      },
      select: { publishDate: true },
    });
    return rows.map((r) => r.publishDate);
  }
}
