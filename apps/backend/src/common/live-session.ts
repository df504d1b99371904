import type { AccountsRepository, UserWithMemberships } from '@herald/database';
import type { SessionTokenService } from '../auth/session-token.service';
import type { SessionUserCache } from './session-user-cache';

/**
 * The account a session cookie signs in, or null: no cookie, a bad or expired token, a logged-out token, a deleted
 * account, or a session issued before the account revoked its sessions (password reset, "sign out everywhere").
 * With `cache`, a session Redis already knows costs one Redis round trip and no database query.
 */
export async function liveSessionUser(sessions: SessionTokenService, accounts: AccountsRepository, token: string | undefined, cache?: SessionUserCache): Promise<UserWithMemberships | null> {
  let user: UserWithMemberships | null;
  let issuedAtMs: number;
  if (cache) {
    const session = token ? sessions.decode(token) : null;
    if (!session) return null;
    const known = await cache.lookup(session.jti, session.userId);
    if (known.revoked) return null;
    user = known.user;
    if (!user) {
      user = await accounts.findUserWithMemberships(session.userId);
      if (user) await cache.store(known.generation, user);
    }
    issuedAtMs = session.issuedAtMs;
  } else {
    const session = token ? await sessions.verify(token) : null;
    if (!session) return null;
    user = await accounts.findUserWithMemberships(session.userId);
    issuedAtMs = session.issuedAtMs;
  }
  if (!user) return null;
  if (user.sessionsRevokedAt && issuedAtMs <= user.sessionsRevokedAt.getTime()) return null;
  return user;
}
