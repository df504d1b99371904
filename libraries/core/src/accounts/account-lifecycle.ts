import type { TokenCipher } from '@herald/crypto';
import type { Database } from '@herald/database';
import { PROVIDER_IDENTIFIERS, type ProviderRegistry } from '@herald/providers';
import { decryptChannelTokens } from '../channels/channel-tokens';
import { AppError } from '../common/app-error';
import type { Logger } from '../common/logger';

export interface AccountLifecycleDeps {
  db: Database;
  registry: ProviderRegistry;
  cipher: TokenCipher;
  logger: Logger;
  verifyPassword: (hash: string, password: string) => Promise<boolean>;
  cancelJob: (postId: string) => Promise<void>;
  removeFile: (fileKey: string) => Promise<void>;
  /** Removes whatever else the media storage holds under the organization's prefix (JPEG siblings, strays). */
  removeOrganizationFiles?: (organizationId: string) => Promise<void>;
}

export interface OrganizationDeletion {
  organizationId: string;
  channelsRevoked: number;
  revokeFailures: number;
  jobsRemoved: number;
  filesRemoved: number;
}

/** Deleting an organization or a person's account, and exporting an organization's data. */
export class AccountLifecycle {
  constructor(private readonly deps: AccountLifecycleDeps) {}

  private async confirmPassword(userId: string, password: unknown): Promise<void> {
    if (typeof password !== 'string' || password.length === 0) {
      throw AppError.validation('Confirm with your password', [{ field: 'password', message: 'password is required' }]);
    }
    const user = await this.deps.db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
    if (!user || !(await this.deps.verifyPassword(user.passwordHash, password))) {
      throw AppError.forbidden('password_incorrect', 'The password is incorrect; nothing was deleted.');
    }
  }

  /** Owners only, confirmed by password: every token revoked, queued jobs and uploads removed, every row deleted. */
  async deleteOrganization(userId: string, organizationId: string, password: unknown): Promise<OrganizationDeletion> {
    await this.confirmPassword(userId, password);
    const membership = await this.deps.db.userOrganization.findUnique({ where: { userId_organizationId: { userId, organizationId } } });
    if (membership?.role !== 'OWNER') throw AppError.forbidden('forbidden', 'Only an owner can delete the organization');
    return this.purgeOrganization(organizationId);
  }

  /**
   * Deletes the person: organizations they alone own are deleted with everything in them; from the others
   * they are removed. Confirmed by password.
   */
  async deleteAccount(userId: string, password: unknown): Promise<{ organizationsDeleted: number; organizationsLeft: number }> {
    await this.confirmPassword(userId, password);
    const memberships = await this.deps.db.userOrganization.findMany({
      where: { userId },
      select: { organizationId: true, role: true, organization: { select: { users: { where: { role: 'OWNER' }, select: { userId: true } } } } },
    });
    let deleted = 0;
    for (const m of memberships) {
      const otherOwners = m.organization.users.filter((u) => u.userId !== userId);
      if (m.role === 'OWNER' && otherOwners.length === 0) {
        await this.purgeOrganization(m.organizationId);
        deleted += 1;
      }
    }
    await this.deps.db.user.delete({ where: { id: userId } });
    this.deps.logger.info({ userId, organizationsDeleted: deleted }, 'account deleted');
    return { organizationsDeleted: deleted, organizationsLeft: memberships.length - deleted };
  }

  private async purgeOrganization(organizationId: string): Promise<OrganizationDeletion> {
    const { db } = this.deps;
    const channels = await db.integration.findMany({ where: { organizationId, deletedAt: null, inBetweenSteps: false } });
    let revoked = 0;
    let failures = 0;
    for (const channel of channels) {
      const identifier = PROVIDER_IDENTIFIERS.find((id) => id === channel.providerIdentifier);
      const provider = identifier ? this.deps.registry.get(identifier) : undefined;
      if (!provider || !channel.token) continue;
      try {
        await provider.revoke(decryptChannelTokens(channel, this.deps.cipher), channel.rootInternalId ?? undefined);
        revoked += 1;
      } catch (error) {
        failures += 1;
        this.deps.logger.warn({ integrationId: channel.id, reason: error instanceof Error ? error.message : 'unknown' }, 'revoke failed during organization deletion');
      }
    }
    const pending = await db.post.findMany({ where: { organizationId, state: { in: ['QUEUE', 'PUBLISHING', 'UNCONFIRMED'] } }, select: { id: true } });
    for (const post of pending) await this.deps.cancelJob(post.id);
    const media = await db.media.findMany({ where: { organizationId }, select: { fileKey: true } });
    let files = 0;
    for (const m of media) {
      try {
        await this.deps.removeFile(m.fileKey);
        files += 1;
      } catch (error) {
        this.deps.logger.warn({ reason: error instanceof Error ? error.message : 'unknown' }, 'could not remove an upload');
      }
    }
    if (this.deps.removeOrganizationFiles) {
      await this.deps.removeOrganizationFiles(organizationId).catch((error: unknown) => {
        this.deps.logger.warn({ reason: error instanceof Error ? error.message : 'unknown' }, 'could not sweep the organization’s uploads');
      });
    }
    // Every table hangs off the organization with ON DELETE CASCADE.
    await db.organization.delete({ where: { id: organizationId } });
    this.deps.logger.info({ organizationId, revoked, failures, jobs: pending.length, files }, 'organization deleted');
    return { organizationId, channelsRevoked: revoked, revokeFailures: failures, jobsRemoved: pending.length, filesRemoved: files };
  }

  /** The organization's posts and channels as JSON (never a token). */
  async exportOrganization(organizationId: string) {
    const { db } = this.deps;
    const [organization, channels, posts, media, customers, tags] = await Promise.all([
      db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { id: true, name: true, createdAt: true } }),
      db.integration.findMany({
        where: { organizationId, deletedAt: null },
        select: { id: true, name: true, providerIdentifier: true, profile: true, picture: true, disabled: true, refreshNeeded: true, customerId: true, createdAt: true },
      }),
      db.post.findMany({
        where: { organizationId, deletedAt: null },
        orderBy: { publishDate: 'asc' },
        select: {
          id: true,
          group: true,
          parentPostId: true,
          integrationId: true,
          state: true,
          publishDate: true,
          delay: true,
          content: true,
          settings: true,
          image: true,
          releaseId: true,
          releaseURL: true,
          error: true,
          publishedAt: true,
          creationMethod: true,
          tags: { select: { tagId: true } },
          createdAt: true,
        },
      }),
      db.media.findMany({ where: { organizationId, deletedAt: null }, select: { id: true, name: true, type: true, size: true, createdAt: true } }),
      db.customer.findMany({ where: { organizationId, deletedAt: null }, select: { id: true, name: true, createdAt: true } }),
      db.tag.findMany({ where: { organizationId, deletedAt: null }, select: { id: true, name: true, color: true, createdAt: true } }),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      format: 'herald-export/1',
      organization,
      channels,
      posts: posts.map(({ tags: links, ...post }) => ({ ...post, tagIds: links.map((l) => l.tagId) })),
      media,
      customers,
      tags,
    };
  }
}
