import { hashOneTimeToken, looksLikeOneTimeToken, newOneTimeToken, type TokenCipher } from '@herald/crypto';
import { type AccountsRepository, InvitationUnusableError, type Role, type TeamRepository, UniqueViolationError } from '@herald/database';
import { AppError } from '../common/app-error';
import type { Logger } from '../common/logger';
import type { EmailJobs } from '../email/email-queue';
import { emailTokenContext } from '../common/cipher-contexts';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/** The login throttle, as accepting an invitation into an existing account checks its password. */
/** The sign-in throttle: an attempt is counted before the password is checked, and a right one is given back. */
export interface PasswordAttempts {
  consume(email: string, ip: string): Promise<void>;
  succeeded(email: string, ip: string): Promise<void>;
}

export interface InvitationsDeps {
  team: TeamRepository;
  accounts: Pick<AccountsRepository, 'findCredentialsByEmail' | 'findUserWithMemberships'>;
  /** Undefined when email is not configured: the inviter gets the link to pass on instead. */
  emails?: Pick<EmailJobs, 'enqueue'>;
  cipher: TokenCipher;
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string, password: string): Promise<boolean>;
  attempts: PasswordAttempts;
  frontendUrl: string;
  logger: Logger;
  now: () => Date;
}

export interface InvitationItem {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  invitedBy: { email: string; name: string | null } | null;
}

/** `link` only when it was not emailed (no SMTP, or the email could not be queued): the inviter passes it on. */
export type CreatedInvitation = InvitationItem & { emailed: boolean; link?: string };

export interface AcceptInput {
  /** Required without a session: the new account's password, or the existing account's. */
  password?: string;
  name?: string;
  timezone?: string;
}

const gone = () => AppError.notFound('This invitation');

/** Invitations to an organization: made by owners and admins, accepted through the link's token. */
export class Invitations {
  constructor(private readonly deps: InvitationsDeps) {}

  async invite(actor: { userId: string; organizationId: string }, input: { email: string; role: Role }): Promise<CreatedInvitation> {
    if (await this.deps.team.isMember(actor.organizationId, input.email)) {
      throw AppError.conflict('already_member', `${input.email} is already a member of this organization.`);
    }
    const now = this.deps.now();
    const { token, hash } = newOneTimeToken();
    const row = await this.deps.team.replaceInvitation({
      organizationId: actor.organizationId,
      email: input.email,
      role: input.role,
      tokenHash: hash,
      invitedById: actor.userId,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      now,
    });
    const item = toItem(row);
    if (this.deps.emails) {
      try {
        await this.deps.emails.enqueue({ kind: 'invitation', invitationId: row.id, encryptedToken: this.deps.cipher.encrypt(token, emailTokenContext('invitation', row.id)) });
        return { ...item, emailed: true };
      } catch (err) {
        this.deps.logger.warn({ err, invitationId: row.id }, 'could not queue the invitation email; the link is shown instead');
      }
    }
    return { ...item, emailed: false, link: `${this.deps.frontendUrl}/invite/${token}` };
  }

  async pending(organizationId: string): Promise<InvitationItem[]> {
    return (await this.deps.team.pendingInvitations(organizationId, this.deps.now())).map(toItem);
  }

  async revoke(organizationId: string, id: string): Promise<void> {
    if (!(await this.deps.team.revokeInvitation(organizationId, id, this.deps.now()))) throw gone();
  }

  /** What the invitation page shows; 404 once used, revoked or expired. */
  async preview(token: unknown): Promise<{ organization: { name: string }; email: string; role: Role; expiresAt: string }> {
    const invitation = await this.usable(token);
    return { organization: { name: invitation.organizationName }, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() };
  }

  /**
   * Joins the invited email's account to the organization: the signed-in account when it is that email's, else the
   * existing account (its password confirms) or a new one made with this password. Returns whom to sign in.
   */
  async accept(token: unknown, input: AcceptInput, signedIn: { userId: string } | null, ip: string): Promise<{ userId: string; email: string; organization: { id: string; name: string } }> {
    const invitation = await this.usable(token);
    const organization = { id: invitation.organizationId, name: invitation.organizationName };
    const now = this.deps.now();
    try {
      if (signedIn) {
        const user = await this.deps.accounts.findUserWithMemberships(signedIn.userId);
        if (user?.email !== invitation.email) {
          throw AppError.forbidden('invitation_for_another_account', `This invitation is for ${invitation.email}. Sign out, then open the link again.`);
        }
        await this.deps.team.acceptIntoUser({ invitationId: invitation.id, userId: user.id, now });
        return { userId: user.id, email: user.email, organization };
      }
      const password = input.password;
      if (!password) throw AppError.validation('Choose a password', [{ field: 'password', message: 'password is required' }]);
      const existing = await this.deps.accounts.findCredentialsByEmail(invitation.email);
      if (existing) {
        await this.deps.attempts.consume(existing.email, ip);
        if (!(await this.deps.verifyPassword(existing.passwordHash, password).catch(() => false))) {
          throw AppError.unauthorized('invalid_credentials', `${invitation.email} already has a Herald account: enter its password to join.`);
        }
        await this.deps.attempts.succeeded(existing.email, ip);
        await this.deps.team.acceptIntoUser({ invitationId: invitation.id, userId: existing.id, now });
        return { userId: existing.id, email: existing.email, organization };
      }
      const passwordHash = await this.deps.hashPassword(password);
      const created = await this.deps.team.acceptIntoNewUser({ invitationId: invitation.id, now, passwordHash, name: input.name?.trim() || null, timezone: input.timezone ?? 'UTC' });
      return { userId: created.userId, email: invitation.email, organization };
    } catch (error) {
      if (error instanceof InvitationUnusableError) throw gone();
      if (error instanceof UniqueViolationError) throw AppError.conflict('email_taken', 'An account with this email was just created. Sign in, then open the link again.');
      throw error;
    }
  }

  private async usable(token: unknown) {
    if (!looksLikeOneTimeToken(token)) throw gone();
    const invitation = await this.deps.team.invitationByTokenHash(hashOneTimeToken(token));
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= this.deps.now()) throw gone();
    return invitation;
  }
}

function toItem(row: { id: string; email: string; role: Role; expiresAt: Date; createdAt: Date; invitedBy: { email: string; name: string | null } | null }): InvitationItem {
  return { id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString(), createdAt: row.createdAt.toISOString(), invitedBy: row.invitedBy };
}
