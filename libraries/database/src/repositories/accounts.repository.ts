import { Prisma, type Role } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

export interface MembershipView {
  organizationId: string;
  name: string;
  role: Role;
}

export interface UserWithMemberships {
  id: string;
  email: string;
  name: string | null;
  timezone: string;
  /** Sessions issued at or before this instant are refused (password reset, "sign out everywhere"). */
  sessionsRevokedAt: Date | null;
  memberships: MembershipView[];
}

export class UniqueViolationError extends Error {
  constructor(readonly fields: string[]) {
    super(`unique violation on ${fields.join(', ')}`);
  }
}

/** Thrown by `createUserWithOrganization({ onlyIfFirst: true })` when the instance already has an account. */
export class NotFirstAccountError extends Error {
  constructor() {
    super('the instance already has an account');
  }
}

/** A fixed key for the advisory lock that makes "the first account" a single winner under concurrent sign-ups. */
const FIRST_ACCOUNT_LOCK = 7_301_016;

export function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Users, organizations and memberships. Users are global; everything else is reached through a membership. */
export class AccountsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Creates a person with their own organization, which they own. With `onlyIfFirst`, it happens only on an instance
   * with no account yet (any user row, deleted or not), decided under a transaction-scoped advisory lock so two
   * concurrent first sign-ups cannot both win; otherwise NotFirstAccountError.
   */
  async createUserWithOrganization(input: { email: string; passwordHash: string; timezone: string; organizationName: string }, options: { onlyIfFirst?: boolean } = {}) {
    try {
      return await this.db.$transaction(async (tx) => {
        if (options.onlyIfFirst) {
          await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK}::bigint)`;
          if ((await tx.user.count()) > 0) throw new NotFirstAccountError();
        }
        const user = await tx.user.create({ data: { email: input.email, passwordHash: input.passwordHash, timezone: input.timezone } });
        const organization = await tx.organization.create({ data: { name: input.organizationName } });
        await tx.userOrganization.create({ data: { userId: user.id, organizationId: organization.id, role: 'OWNER' } });
        return { user: { id: user.id, email: user.email }, organization: { id: organization.id, name: organization.name } };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new UniqueViolationError(['email']);
      throw error;
    }
  }

  /** Whether any account exists (deleted ones included): a closed instance lets only its first one register. */
  async hasAnyUser(): Promise<boolean> {
    return (await this.db.user.findFirst({ select: { id: true } })) !== null;
  }

  findCredentialsByEmail(email: string) {
    return this.db.user.findFirst({ where: { email, deletedAt: null }, select: { id: true, email: true, passwordHash: true } });
  }

  async findUserWithMemberships(userId: string): Promise<UserWithMemberships | null> {
    const user = await this.db.user.findFirst({
      where: { id: userId, deletedAt: null },
      select: {
        id: true,
        email: true,
        name: true,
        timezone: true,
        sessionsRevokedAt: true,
        organizations: {
          where: { organization: { deletedAt: null } },
          orderBy: { createdAt: 'asc' },
          select: { role: true, organization: { select: { id: true, name: true } } },
        },
      },
    });
    if (!user) return null;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      timezone: user.timezone,
      sessionsRevokedAt: user.sessionsRevokedAt,
      memberships: user.organizations.map((m) => ({ organizationId: m.organization.id, name: m.organization.name, role: m.role })),
    };
  }

  async updateUser(userId: string, patch: { name?: string; timezone?: string }): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: patch });
  }
}
