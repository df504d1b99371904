import type { EmailAlertsRepository, Role, TeamChange, TeamRepository, TeamSnapshot } from '@herald/database';
import { AppError } from '../common/app-error';
import { ALERTS_DEFAULT_ON } from '../email/email-alerts';

export interface MemberItem {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: string;
}

export interface TeamActor {
  userId: string;
  organizationId: string;
}

export interface EmailNotifications {
  failures: boolean;
  channels: boolean;
}

const lastOwner = () => AppError.conflict('last_owner', 'An organization always keeps an owner: make someone else an owner first.');
const ownersOnly = () => AppError.forbidden('forbidden', 'Only an owner can change an owner, or make someone an owner.');

function find(snapshot: TeamSnapshot, userId: string) {
  const member = snapshot.members.find((m) => m.userId === userId);
  if (!member) throw AppError.notFound('This member');
  return member;
}

function roleOf(snapshot: TeamSnapshot, userId: string): Role | undefined {
  return snapshot.members.find((m) => m.userId === userId)?.role;
}

function owners(snapshot: TeamSnapshot): number {
  return snapshot.members.filter((m) => m.role === 'OWNER').length;
}

/**
 * The members of an organization. Admins manage the members below the owners; owners manage everyone; the last owner
 * can never be removed or demoted. Each rule is checked on the memberships read under the organization's lock.
 */
export class Members {
  constructor(private readonly deps: { team: TeamRepository; alerts: Pick<EmailAlertsRepository, 'preferences' | 'setPreferences'> }) {}

  async list(organizationId: string): Promise<MemberItem[]> {
    const rows = await this.deps.team.members(organizationId);
    return rows.map((r) => ({ userId: r.userId, email: r.email, name: r.name, role: r.role, joinedAt: r.joinedAt.toISOString() }));
  }

  async setRole(actor: TeamActor, userId: string, role: Role): Promise<MemberItem> {
    await this.deps.team.changeTeam(actor.organizationId, (snapshot): TeamChange[] => {
      const target = find(snapshot, userId);
      if (roleOf(snapshot, actor.userId) !== 'OWNER' && (target.role === 'OWNER' || role === 'OWNER')) throw ownersOnly();
      if (target.role === 'OWNER' && role !== 'OWNER' && owners(snapshot) === 1) throw lastOwner();
      return target.role === role ? [] : [{ userId, role }];
    });
    return this.member(actor.organizationId, userId);
  }

  async remove(actor: TeamActor, userId: string): Promise<void> {
    await this.deps.team.changeTeam(actor.organizationId, (snapshot): TeamChange[] => {
      const target = find(snapshot, userId);
      if (target.role === 'OWNER' && roleOf(snapshot, actor.userId) !== 'OWNER') throw ownersOnly();
      if (target.role === 'OWNER' && owners(snapshot) === 1) throw lastOwner();
      return [{ userId, remove: true }];
    });
  }

  /** The owner hands the organization to another member, who becomes its owner; the giver stays as an admin. */
  async transfer(actor: TeamActor, userId: unknown): Promise<MemberItem[]> {
    if (typeof userId !== 'string') throw AppError.validation('Choose the new owner', [{ field: 'userId', message: 'userId is required' }]);
    if (userId === actor.userId) throw AppError.badRequest('already_owner', 'You own this organization already: choose another member.');
    await this.deps.team.changeTeam(actor.organizationId, (snapshot): TeamChange[] => {
      if (roleOf(snapshot, actor.userId) !== 'OWNER') throw ownersOnly();
      find(snapshot, userId);
      return [
        { userId, role: 'OWNER' },
        { userId: actor.userId, role: 'ADMIN' },
      ];
    });
    return this.list(actor.organizationId);
  }

  /** The person's alert emails for this organization: what they chose, else their role's default. */
  async emailNotifications(actor: TeamActor): Promise<EmailNotifications> {
    const found = await this.deps.alerts.preferences(actor.userId, actor.organizationId);
    if (!found) throw AppError.forbidden('not_a_member', 'You are not a member of this organization');
    const byDefault = ALERTS_DEFAULT_ON.includes(found.role);
    return { failures: found.failures ?? byDefault, channels: found.channels ?? byDefault };
  }

  async setEmailNotifications(actor: TeamActor, choice: Partial<EmailNotifications>): Promise<EmailNotifications> {
    await this.deps.alerts.setPreferences(actor.userId, actor.organizationId, choice);
    return this.emailNotifications(actor);
  }

  private async member(organizationId: string, userId: string): Promise<MemberItem> {
    const found = (await this.list(organizationId)).find((m) => m.userId === userId);
    if (!found) throw AppError.notFound('This member');
    return found;
  }
}
