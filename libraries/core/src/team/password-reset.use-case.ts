import { hashOneTimeToken, looksLikeOneTimeToken, newOneTimeToken, type TokenCipher } from '@herald/crypto';
import type { CredentialsRepository } from '@herald/database';
import { AppError } from '../common/app-error';
import type { Logger } from '../common/logger';
import type { EmailJobs } from '../email/email-queue';
import { emailTokenContext } from '../common/cipher-contexts';

export const PASSWORD_RESET_TTL_MS = 3600_000;

export interface PasswordResetDeps {
  credentials: CredentialsRepository;
  /** Undefined when email is not configured: nobody can be sent a link (the page says to ask an administrator). */
  emails?: Pick<EmailJobs, 'enqueue'>;
  cipher: TokenCipher;
  hashPassword(password: string): Promise<string>;
  logger: Logger;
  now: () => Date;
}

const invalidLink = () => AppError.badRequest('invalid_token', 'This reset link is invalid, used or expired. Ask for a new one.');

/** "Forgot password": a single-use link by email, valid one hour; using it revokes every session of the account. */
export class PasswordReset {
  constructor(private readonly deps: PasswordResetDeps) {}

  get available(): boolean {
    return this.deps.emails !== undefined;
  }

  /**
   * Answers the same way whether or not the email has an account: the lookup and the queueing run after the
   * answer, so that neither the answer nor its timing tells (no account enumeration).
   */
  request(email: string): void {
    if (!this.deps.emails) return;
    void this.send(email).catch((err: unknown) => this.deps.logger.warn({ err }, 'could not queue a password reset email'));
  }

  /** The same as `request`, awaited (for tests and the rare caller that wants the outcome). */
  async send(email: string): Promise<boolean> {
    const emails = this.deps.emails;
    if (!emails) return false;
    const user = await this.deps.credentials.findUserByEmail(email);
    if (!user) return false;
    const { token, hash } = newOneTimeToken();
    const reset = await this.deps.credentials.createReset(user.id, hash, new Date(this.deps.now().getTime() + PASSWORD_RESET_TTL_MS));
    await emails.enqueue({ kind: 'password_reset', resetId: reset.id, encryptedToken: this.deps.cipher.encrypt(token, emailTokenContext('password_reset', reset.id)) });
    return true;
  }

  /** Whether the link can still be used, for the reset page (404 otherwise). */
  async check(token: unknown): Promise<{ valid: true }> {
    if (!looksLikeOneTimeToken(token)) throw AppError.notFound('This reset link');
    const found = await this.deps.credentials.resetByTokenHash(hashOneTimeToken(token), this.deps.now());
    if (!found) throw AppError.notFound('This reset link');
    return { valid: true };
  }

  async reset(token: unknown, password: string): Promise<{ userId: string }> {
    if (!looksLikeOneTimeToken(token)) throw invalidLink();
    const passwordHash = await this.deps.hashPassword(password);
    const done = await this.deps.credentials.consumeReset(hashOneTimeToken(token), passwordHash, this.deps.now());
    if (!done) throw invalidLink();
    this.deps.logger.info({ userId: done.userId }, 'password reset; every session revoked');
    return done;
  }
}
