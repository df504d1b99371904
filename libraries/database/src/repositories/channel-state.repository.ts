import type { Database } from '../prisma-client';
import { CHANNEL_FIELDS } from './publishing.sql';
import type { PublishingChannel } from './publishing.types';

/**
 * Whether and how a channel can publish: its row as the engine reads it, its rate-limit pauses and publishing quota,
 * its tokens' refresh (compare-and-set) and `refreshNeeded`.
 */
export class ChannelStateRepository {
  constructor(private readonly db: Database) {}

  findChannel(integrationId: string): Promise<PublishingChannel | null> {
    return this.db.integration.findUnique({ where: { id: integrationId }, select: CHANNEL_FIELDS });
  }

  async blockChannel(integrationId: string, until: Date): Promise<void> {
    // Never shortens a pause another worker set from a later reset time.
    await this.db.integration.updateMany({
      where: { id: integrationId, OR: [{ publishBlockedUntil: null }, { publishBlockedUntil: { lt: until } }] },
      data: { publishBlockedUntil: until },
    });
  }

  /** `blockChannel` for every channel of a platform, in every organization: the app's own cap is used up. */
  async blockProvider(providerIdentifier: string, until: Date): Promise<number> {
    const { count } = await this.db.integration.updateMany({
      where: { providerIdentifier, deletedAt: null, OR: [{ publishBlockedUntil: null }, { publishBlockedUntil: { lt: until } }] },
      data: { publishBlockedUntil: until },
    });
    return count;
  }

  /** Root posts the channel published since `since`, oldest first (Instagram's rolling 24-hour quota). */
  async publishedRootsSince(integrationId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const rows = await this.db.post.findMany({
      where: { integrationId, parentPostId: null, state: 'PUBLISHED', publishedAt: { gte: since } },
      select: { publishedAt: true },
      orderBy: { publishedAt: 'asc' },
    });
    return { count: rows.length, oldest: rows[0]?.publishedAt ?? null };
  }

  async markRefreshNeeded(integrationId: string): Promise<boolean> {
    const { count } = await this.db.integration.updateMany({ where: { id: integrationId, refreshNeeded: false }, data: { refreshNeeded: true } });
    return count === 1;
  }

  /**
   * Stores refreshed tokens only if nobody replaced the token since it was read (optimistic: a concurrent refresh
   * by the cron and a worker keeps one result, never a mix).
   */
  async saveRefreshedTokens(
    integrationId: string,
    previousToken: string,
    tokens: { token: string; refreshToken: string | null; tokenExpiration: Date | null },
    now: Date,
  ): Promise<boolean> {
    const { count } = await this.db.integration.updateMany({
      where: { id: integrationId, token: previousToken },
      data: {
        token: tokens.token,
        ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
        tokenExpiration: tokens.tokenExpiration,
        lastRefreshAt: now,
        refreshNeeded: false,
      },
    });
    return count === 1;
  }

  /** Live channels of these providers whose token expires before `expiringBefore` and was not renewed since `renewedBefore`. */
  channelsDueForRefresh(providers: readonly string[], expiringBefore: Date, renewedBefore: Date, limit: number): Promise<PublishingChannel[]> {
    return this.db.integration.findMany({
      where: {
        providerIdentifier: { in: [...providers] },
        deletedAt: null,
        disabled: false,
        refreshNeeded: false,
        inBetweenSteps: false,
        tokenExpiration: { lt: expiringBefore },
        OR: [{ lastRefreshAt: { lt: renewedBefore } }, { lastRefreshAt: null, createdAt: { lt: renewedBefore } }],
      },
      orderBy: { tokenExpiration: 'asc' },
      take: limit,
      select: CHANNEL_FIELDS,
    });
  }
}
