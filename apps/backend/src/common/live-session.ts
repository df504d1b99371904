import type { AccountsRepository, UserWithMemberships } from '@herald/database';
import type { SessionTokenService } from '../auth/session-token.service';

/**
 * The account a session cookie signs in, or null: no cookie, a bad or expired token, a logged-out token, a deleted
 * account, or a session issued before the account revoked its sessions (password reset, "sign out everywhere").
 */
export async function liveSessionUser(sessions: SessionTokenService, accounts: AccountsRepository, token: string | undefined): Promise<UserWithMemberships | null> {
  const session = token ? await sessions.verify(token) : null;
  if (!session) return null;
  const user = await accounts.findUserWithMemberships(session.userId);
  if (!user) return null;
  if (user.sessionsRevokedAt && session.issuedAtMs <= user.sessionsRevokedAt.getTime()) return null;
  return user;
}
