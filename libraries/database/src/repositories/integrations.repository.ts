import type { Prisma } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

/** What the dashboard may see of a channel: never a token. */
const PUBLIC_FIELDS = {
  id: true,
  name: true,
  picture: true,
  providerIdentifier: true,
  profile: true,
  disabled: true,
  refreshNeeded: true,
  inBetweenSteps: true,
  type: true,
  internalId: true,
  // Channel preferences the platform reported (X: `premium`, `subscriptionType`); no secret is kept there.
  settings: true,
  createdAt: true,
  // Deleting a customer lets go of its channels, so the customer here is always a live one.
  customer: { select: { id: true, name: true } },
} as const;

export type IntegrationView = Prisma.IntegrationGetPayload<{ select: typeof PUBLIC_FIELDS }>;

/** Everything the server needs to act on a channel, tokens as ciphertext. */
export type IntegrationRecord = Prisma.IntegrationGetPayload<object>;

export interface ConnectedIntegrationInput {
  providerIdentifier: string;
  internalId: string;
  name: string;
  picture: string | null;
  profile: string | null;
  token: string;
  tokenSecret: string | null;
  refreshToken: string | null;
  tokenExpiration: Date | null;
  inBetweenSteps: boolean;
  rootInternalId: string | null;
  settings: Prisma.InputJsonObject;
}

/** Channels. Every method takes the organization id, so no query can reach another organization's rows. */
export class IntegrationsRepository {
  constructor(private readonly db: Database) {}

  list(organizationId: string): Promise<IntegrationView[]> {
    return this.db.integration.findMany({
      where: { organizationId, deletedAt: null },
      select: PUBLIC_FIELDS,
      orderBy: [{ createdAt: 'asc' }],
    });
  }

  find(organizationId: string, id: string): Promise<IntegrationRecord | null> {
    return this.db.integration.findFirst({ where: { id, organizationId, deletedAt: null } });
  }

  /**
   * Creates the channel, or updates it in place when the organization already has this account (a
   * reconnect): tokens replaced, `refreshNeeded` cleared, a soft delete undone, and an empty refresh
   * token never overwrites a stored one.
   */
  async upsertConnected(organizationId: string, input: ConnectedIntegrationInput): Promise<IntegrationRecord> {
    const where = {
      organizationId_providerIdentifier_internalId: {
        organizationId,
        providerIdentifier: input.providerIdentifier,
        internalId: input.internalId,
      },
    };
    const { refreshToken, settings, ...rest } = input;
    return this.db.integration.upsert({
      where,
      create: { organizationId, ...rest, refreshToken, settings },
      update: {
        ...rest,
        ...(refreshToken ? { refreshToken } : {}),
        settings,
        refreshNeeded: false,
        deletedAt: null,
      },
    });
  }

  /**
   * Finishes the in-between step: the temporary row (the Facebook user) becomes the chosen Page or
   * Instagram account. When the organization already has that account, it is updated and the temporary
   * row removed, so a reconnect never leaves a duplicate.
   */
  async completeSelection(organizationId: string, temporaryId: string, input: ConnectedIntegrationInput): Promise<IntegrationRecord> {
    return this.db.$transaction(async (tx) => {
      const existing = await tx.integration.findFirst({
        where: { organizationId, providerIdentifier: input.providerIdentifier, internalId: input.internalId, NOT: { id: temporaryId } },
      });
      const data = { ...input, refreshNeeded: false, deletedAt: null, inBetweenSteps: false };
      if (existing) {
        await tx.integration.deleteMany({ where: { id: temporaryId, organizationId } });
        return tx.integration.update({ where: { id: existing.id }, data });
      }
      return tx.integration.update({ where: { id: temporaryId, organizationId }, data });
    });
  }

  async setDisabled(organizationId: string, id: string, disabled: boolean): Promise<boolean> {
    const { count } = await this.db.integration.updateMany({ where: { id, organizationId, deletedAt: null }, data: { disabled } });
    return count === 1;
  }

  async updateTokens(
    organizationId: string,
    id: string,
    tokens: { token: string; refreshToken?: string | null; tokenExpiration?: Date | null },
  ): Promise<void> {
    await this.db.integration.updateMany({
      where: { id, organizationId },
      data: {
        token: tokens.token,
        ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
        ...(tokens.tokenExpiration !== undefined ? { tokenExpiration: tokens.tokenExpiration } : {}),
        refreshNeeded: false,
        lastRefreshAt: new Date(),
      },
    });
  }

  async markRefreshNeeded(organizationId: string, id: string): Promise<void> {
    await this.db.integration.updateMany({ where: { id, organizationId }, data: { refreshNeeded: true } });
  }

  /**
   * Soft-deletes the channel and cancels its posts that have not gone out, in one transaction.
   * Returns the ids of the cancelled posts so their queued jobs can be removed.
   */
  async softDelete(organizationId: string, id: string, reason: string): Promise<{ deleted: boolean; cancelledPostIds: string[] }> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.integration.updateMany({ where: { id, organizationId, deletedAt: null }, data: { deletedAt: new Date() } });
      if (count === 0) return { deleted: false, cancelledPostIds: [] };
      const pending = await tx.post.findMany({
        where: { organizationId, integrationId: id, deletedAt: null, state: { in: ['QUEUE', 'DRAFT'] } },
        select: { id: true },
      });
      const ids = pending.map((p) => p.id);
      if (ids.length > 0) {
        await tx.post.updateMany({ where: { id: { in: ids }, state: { in: ['QUEUE', 'DRAFT'] } }, data: { state: 'CANCELLED', error: reason, errorCode: 'channel_deleted' } });
      }
      return { deleted: true, cancelledPostIds: ids };
    });
  }

  // ── Platform callbacks (Meta). These come from the platform, not from a member, so they look across
  // organizations by the platform user's id: the only unscoped queries, and they only narrow access.

  /**
   * Channels one platform grant gave (the catalogue's `appGrant`): named by the granting user (`root`: every Page of
   * a Facebook user, and a connection still waiting for its Page choice, whose own id is that user's) or by the
   * account itself (`account`).
   */
  findGrantedBy(grant: { identifiers: readonly string[]; by: 'root' | 'account' }, platformUserId: string): Promise<IntegrationRecord[]> {
    const where: Prisma.IntegrationWhereInput =
      grant.by === 'root'
        ? { providerIdentifier: { in: [...grant.identifiers] }, OR: [{ rootInternalId: platformUserId }, { inBetweenSteps: true, internalId: platformUserId }] }
        : { providerIdentifier: { in: [...grant.identifiers] }, internalId: platformUserId };
    return this.db.integration.findMany({ where: { ...where, deletedAt: null } });
  }

  /** The person removed the app: every such channel needs reconnecting, and its queued posts are cancelled. */
  async markDeauthorized(ids: readonly string[], reason: string): Promise<Array<{ organizationId: string; integrationId: string; name: string; cancelledPostIds: string[] }>> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.integration.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organizationId: true, name: true } });
      const out = [];
      for (const row of rows) {
        await tx.integration.update({ where: { id: row.id }, data: { refreshNeeded: true } });
        const pending = await tx.post.findMany({ where: { integrationId: row.id, deletedAt: null, state: 'QUEUE' }, select: { id: true } });
        const cancelledPostIds = pending.map((p) => p.id);
        if (cancelledPostIds.length > 0) {
          await tx.post.updateMany({ where: { id: { in: cancelledPostIds }, state: 'QUEUE' }, data: { state: 'CANCELLED', error: reason, errorCode: 'channel_deauthorized' } });
        }
        out.push({ organizationId: row.organizationId, integrationId: row.id, name: row.name, cancelledPostIds });
      }
      return out;
    });
  }

  /**
   * Data deletion: the platform user's tokens and profile data are erased in every organization and the
   * channels removed; posts keep their text (the customer's own content). Queued posts are cancelled.
   */
  async erasePlatformData(ids: readonly string[], reason: string): Promise<Array<{ organizationId: string; cancelledPostIds: string[] }>> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.integration.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organizationId: true } });
      const out = [];
      for (const row of rows) {
        await tx.integration.update({
          where: { id: row.id },
          data: {
            token: '',
            tokenSecret: null,
            refreshToken: null,
            tokenExpiration: null,
            name: 'Deleted account',
            picture: null,
            profile: null,
            settings: {},
            disabled: true,
            refreshNeeded: true,
            deletedAt: new Date(),
          },
        });
        const pending = await tx.post.findMany({ where: { integrationId: row.id, deletedAt: null, state: { in: ['QUEUE', 'DRAFT'] } }, select: { id: true } });
        const cancelledPostIds = pending.map((p) => p.id);
        if (cancelledPostIds.length > 0) {
          await tx.post.updateMany({ where: { id: { in: cancelledPostIds } }, data: { state: 'CANCELLED', error: reason, errorCode: 'platform_data_deleted' } });
        }
        out.push({ organizationId: row.organizationId, cancelledPostIds });
      }
      return out;
    });
  }
}
