import type { ApiKey } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

/** The key a request presented, once found: whose it is. */
export interface ApiKeyOwner {
  id: string;
  organizationId: string;
}

/** Organization API keys: one per organization, stored as a SHA-256 hash and a visible prefix. */
export class ApiKeysRepository {
  constructor(private readonly db: Database) {}

  findByOrganization(organizationId: string): Promise<Pick<ApiKey, 'id' | 'prefix' | 'createdAt'> | null> {
    return this.db.apiKey.findUnique({ where: { organizationId }, select: { id: true, prefix: true, createdAt: true } });
  }

  /**
   * Creates the organization's key, or replaces it: the old hash is overwritten in the same statement, so the
   * old key stops working the moment the new one exists.
   */
  rotate(organizationId: string, key: { prefix: string; hash: string }, now: Date): Promise<Pick<ApiKey, 'prefix' | 'createdAt'>> {
    return this.db.apiKey.upsert({
      where: { organizationId },
      create: { organizationId, prefix: key.prefix, hash: key.hash, createdAt: now },
      update: { prefix: key.prefix, hash: key.hash, createdAt: now, lastUsedAt: null },
      select: { prefix: true, createdAt: true },
    });
  }

  /** The key with this hash, if its organization still exists. */
  async findOwnerByHash(hash: string): Promise<ApiKeyOwner | null> {
    const row = await this.db.apiKey.findFirst({
      where: { hash, organization: { deletedAt: null } },
      select: { id: true, organizationId: true },
    });
    return row ?? null;
  }

  /** Records use at most once per `minIntervalMs`, so a busy script does not write on every request. */
  async touch(id: string, now: Date, minIntervalMs: number): Promise<void> {
    await this.db.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - minIntervalMs) } }] },
      data: { lastUsedAt: now },
    });
  }

  /** The organization's first owner: the person an API-started channel connection is completed by. */
  async findOwnerUserId(organizationId: string): Promise<string | null> {
    const row = await this.db.userOrganization.findFirst({
      where: { organizationId, role: 'OWNER', user: { deletedAt: null } },
      orderBy: { createdAt: 'asc' },
      select: { userId: true },
    });
    return row?.userId ?? null;
  }
}
