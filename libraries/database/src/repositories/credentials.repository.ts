import type { Database } from '../prisma-client';

/** Password resets and the revocation of every session of a person (sessions are JWTs: see SessionGuard). */
export class CredentialsRepository {
  constructor(private readonly db: Database) {}

  /** The live account with this email, if any. */
  findUserByEmail(email: string): Promise<{ id: string; email: string; name: string | null } | null> {
    return this.db.user.findFirst({ where: { email, deletedAt: null }, select: { id: true, email: true, name: true } });
  }

  async createReset(userId: string, tokenHash: string, expiresAt: Date): Promise<{ id: string }> {
    return this.db.passwordReset.create({ data: { userId, tokenHash, expiresAt }, select: { id: true } });
  }

  /** A reset that can still be used. */
  async resetByTokenHash(tokenHash: string, now: Date): Promise<{ id: string } | null> {
    return this.db.passwordReset.findFirst({ where: { tokenHash, usedAt: null, expiresAt: { gt: now }, user: { deletedAt: null } }, select: { id: true } });
  }

  /** What the reset email needs; null once the link is used or expired (nothing to send then). */
  async resetToSend(id: string, now: Date): Promise<{ email: string; name: string | null; expiresAt: Date } | null> {
    const row = await this.db.passwordReset.findFirst({
      where: { id, usedAt: null, expiresAt: { gt: now }, user: { deletedAt: null } },
      select: { expiresAt: true, user: { select: { email: true, name: true } } },
    });
    return row ? { email: row.user.email, name: row.user.name, expiresAt: row.expiresAt } : null;
  }

  /**
   * Uses the reset (single use, before it expires), sets the new password and revokes every session, in one
   * transaction; the person's other reset links die with it. Null when the token is unknown, used or expired.
   */
  async consumeReset(tokenHash: string, passwordHash: string, now: Date): Promise<{ userId: string } | null> {
    return this.db.$transaction(async (tx) => {
      const reset = await tx.passwordReset.findFirst({ where: { tokenHash, usedAt: null, expiresAt: { gt: now }, user: { deletedAt: null } }, select: { id: true, userId: true } });
      if (!reset) return null;
      const { count } = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: now } });
      if (count !== 1) return null;
      await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
      await tx.user.update({ where: { id: reset.userId }, data: { passwordHash, sessionsRevokedAt: now } });
      return { userId: reset.userId };
    });
  }

  /** Every session issued up to `at` stops working. */
  async revokeSessions(userId: string, at: Date): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { sessionsRevokedAt: at } });
  }
}
