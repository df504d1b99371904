import type { Role } from '../generated/prisma/client';
import type { Database } from '../prisma-client';
import { isUniqueViolation, UniqueViolationError } from './accounts.repository';

export interface MemberView {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
  invitedBy: { email: string; name: string | null } | null;
}

/** An invitation found by its token, whatever its state (the caller decides what is still usable). */
export interface InvitationByToken {
  id: string;
  organizationId: string;
  organizationName: string;
  email: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** What a change of the team is decided on: every membership of the organization, read under its lock. */
export interface TeamSnapshot {
  members: readonly { userId: string; role: Role }[];
}

export type TeamChange = { userId: string; role: Role } | { userId: string; remove: true };

/** Thrown when an invitation was used, revoked or expired between its reading and its acceptance. */
export class InvitationUnusableError extends Error {
  constructor() {
    super('the invitation is no longer pending');
  }
}

const INVITATION_VIEW = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  createdAt: true,
  invitedBy: { select: { email: true, name: true } },
} as const;

/**
 * The people of an organization: memberships and invitations. Team changes run under a lock on the organization's
 * row, so two of them can never both remove "the other" owner.
 */
export class TeamRepository {
  constructor(private readonly db: Database) {}

  async members(organizationId: string): Promise<MemberView[]> {
    const rows = await this.db.userOrganization.findMany({
      where: { organizationId, user: { deletedAt: null } },
      orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
      select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    });
    return rows.map((r) => ({ userId: r.user.id, email: r.user.email, name: r.user.name, role: r.role, joinedAt: r.createdAt }));
  }

  async isMember(organizationId: string, email: string): Promise<boolean> {
    const count = await this.db.userOrganization.count({ where: { organizationId, user: { email, deletedAt: null } } });
    return count > 0;
  }

  /**
   * Applies what `decide` returns from the organization's memberships, read under a row lock on the organization:
   * concurrent changes of one team run one after the other. `decide` throws to refuse.
   */
  async changeTeam(organizationId: string, decide: (snapshot: TeamSnapshot) => TeamChange[]): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId}::uuid FOR UPDATE`;
      const members = await tx.userOrganization.findMany({ where: { organizationId }, select: { userId: true, role: true } });
      for (const change of decide({ members })) {
        const key = { userId_organizationId: { userId: change.userId, organizationId } };
        if ('remove' in change) await tx.userOrganization.delete({ where: key });
        else await tx.userOrganization.update({ where: key, data: { role: change.role } });
      }
    });
  }

  /** Revokes the email's pending invitations to the organization and makes a new one (a re-invitation resends). */
  async replaceInvitation(input: { organizationId: string; email: string; role: Role; tokenHash: string; invitedById: string; expiresAt: Date; now: Date }): Promise<InvitationView> {
    return this.db.$transaction(async (tx) => {
      await tx.invitation.updateMany({
        where: { organizationId: input.organizationId, email: input.email, acceptedAt: null, revokedAt: null },
        data: { revokedAt: input.now },
      });
      return tx.invitation.create({
        data: { organizationId: input.organizationId, email: input.email, role: input.role, tokenHash: input.tokenHash, invitedById: input.invitedById, expiresAt: input.expiresAt },
        select: INVITATION_VIEW,
      });
    });
  }

  pendingInvitations(organizationId: string, now: Date): Promise<InvitationView[]> {
    return this.db.invitation.findMany({
      where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      select: INVITATION_VIEW,
    });
  }

  async revokeInvitation(organizationId: string, id: string, now: Date): Promise<boolean> {
    const { count } = await this.db.invitation.updateMany({ where: { id, organizationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    return count === 1;
  }

  async invitationByTokenHash(tokenHash: string): Promise<InvitationByToken | null> {
    const row = await this.db.invitation.findFirst({
      where: { tokenHash, organization: { deletedAt: null } },
      select: { id: true, organizationId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, organization: { select: { name: true } } },
    });
    if (!row) return null;
    const { organization, ...rest } = row;
    return { ...rest, organizationName: organization.name };
  }

  /** What the invitation email says; null once it is no longer pending (nothing to send then). */
  async invitationToSend(id: string, now: Date): Promise<{ email: string; role: Role; expiresAt: Date; organizationName: string; inviter: string | null } | null> {
    const row = await this.db.invitation.findFirst({
      where: { id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, organization: { deletedAt: null } },
      select: { email: true, role: true, expiresAt: true, organization: { select: { name: true } }, invitedBy: { select: { email: true, name: true } } },
    });
    if (!row) return null;
    return { email: row.email, role: row.role, expiresAt: row.expiresAt, organizationName: row.organization.name, inviter: row.invitedBy ? (row.invitedBy.name ?? row.invitedBy.email) : null };
  }

  /** Uses the invitation and creates its account and membership, in one transaction. */
  async acceptIntoNewUser(input: { invitationId: string; now: Date; passwordHash: string; name: string | null; timezone: string }): Promise<{ userId: string }> {
    try {
      return await this.db.$transaction(async (tx) => {
        const invitation = await this.claim(tx, input.invitationId, input.now);
        const user = await tx.user.create({ data: { email: invitation.email, passwordHash: input.passwordHash, name: input.name, timezone: input.timezone } });
        await tx.userOrganization.create({ data: { userId: user.id, organizationId: invitation.organizationId, role: invitation.role } });
        return { userId: user.id };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new UniqueViolationError(['email']);
      throw error;
    }
  }

  /** Uses the invitation and adds the existing account to the organization (a membership it has stays as it is). */
  async acceptIntoUser(input: { invitationId: string; userId: string; now: Date }): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const invitation = await this.claim(tx, input.invitationId, input.now);
      await tx.userOrganization.createMany({ data: [{ userId: input.userId, organizationId: invitation.organizationId, role: invitation.role }], skipDuplicates: true });
    });
  }

  private async claim(tx: Pick<Database, 'invitation'>, id: string, now: Date): Promise<{ email: string; organizationId: string; role: Role }> {
    const { count } = await tx.invitation.updateMany({ where: { id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
    if (count !== 1) throw new InvitationUnusableError();
    return tx.invitation.findUniqueOrThrow({ where: { id }, select: { email: true, organizationId: true, role: true } });
  }
}
