import { type TokenCipher, TokenCipherError } from '@herald/crypto';
import type { CredentialsRepository, EmailAlertsRepository, TeamRepository } from '@herald/database';
import type { SendEmailPayload } from '@herald/queue';
import type { Logger } from '../common/logger';
import { ALERT_DIGEST_WINDOW_MS, nextDigestAt } from './email-alerts';
import type { EmailVerdict } from './email-queue';
import { alertDigestEmail, invitationEmail, passwordResetEmail } from './email-templates';
import type { Mailer } from './mailer';
import { emailTokenContext } from '../common/cipher-contexts';

export interface SendEmailDeps {
  team: Pick<TeamRepository, 'invitationToSend'>;
  credentials: Pick<CredentialsRepository, 'resetToSend'>;
  alerts: Pick<EmailAlertsRepository, 'lastSent' | 'pending' | 'recipient' | 'markSent'>;
  mailer: Mailer;
  cipher: TokenCipher;
  frontendUrl: string;
  logger: Logger;
  now: () => Date;
  /** At most one alert email per person in this time (default ALERT_DIGEST_WINDOW_MS). */
  alertWindowMs?: number;
}

const done: EmailVerdict = { kind: 'done' };

/** The `send-email` job: renders the email from what the database says now, and sends it. */
export class SendEmail {
  constructor(private readonly deps: SendEmailDeps) {}

  async run(payload: SendEmailPayload): Promise<EmailVerdict> {
    switch (payload.kind) {
      case 'invitation':
        return this.invitation(payload.invitationId, payload.encryptedToken);
      case 'password_reset':
        return this.passwordReset(payload.resetId, payload.encryptedToken);
      case 'alert_digest':
        return this.digest(payload.userId);
    }
  }

  /** The link's token, or null when no key this process has can read it (rotated away: nothing to send). */
  private token(encrypted: string, context: string): string | null {
    try {
      return this.deps.cipher.decrypt(encrypted, context);
    } catch (error) {
      if (error instanceof TokenCipherError) return null;
      throw error;
    }
  }

  private async invitation(id: string, encryptedToken: string): Promise<EmailVerdict> {
    const invitation = await this.deps.team.invitationToSend(id, this.deps.now());
    // Revoked, accepted or expired before its email went out: nothing to send.
    if (!invitation) return done;
    const token = this.token(encryptedToken, emailTokenContext('invitation', id));
    if (!token) return { kind: 'give_up', reason: 'the invitation token cannot be decrypted with the current keys' };
    await this.deps.mailer.send(invitationEmail({ to: invitation.email, organizationName: invitation.organizationName, role: invitation.role, inviter: invitation.inviter, link: `${this.deps.frontendUrl}/invite/${token}`, expiresAt: invitation.expiresAt }));
    this.deps.logger.info({ invitationId: id }, 'invitation email sent');
    return done;
  }

  private async passwordReset(id: string, encryptedToken: string): Promise<EmailVerdict> {
    const reset = await this.deps.credentials.resetToSend(id, this.deps.now());
    if (!reset) return done;
    const token = this.token(encryptedToken, emailTokenContext('password_reset', id));
    if (!token) return { kind: 'give_up', reason: 'the reset token cannot be decrypted with the current keys' };
    await this.deps.mailer.send(passwordResetEmail({ to: reset.email, name: reset.name, link: `${this.deps.frontendUrl}/reset/${token}` }));
    this.deps.logger.info({ resetId: id }, 'password reset email sent');
    return done;
  }

  private async digest(userId: string): Promise<EmailVerdict> {
    const now = this.deps.now();
    const [last] = await this.deps.alerts.lastSent([userId]);
    const windowMs = this.deps.alertWindowMs ?? ALERT_DIGEST_WINDOW_MS;
    const allowedAt = nextDigestAt(last?.lastSentAt ?? null, now, windowMs);
    if (allowedAt > now) return { kind: 'later', at: allowedAt };
    const recipient = await this.deps.alerts.recipient(userId);
    if (!recipient) return done;
    const alerts = await this.deps.alerts.pending(userId, now);
    if (alerts.length === 0) return done;
    await this.deps.mailer.send(alertDigestEmail({ to: recipient.email, frontendUrl: this.deps.frontendUrl, alerts }));
    // The window runs from when the email went out.
    const sentAt = this.deps.now();
    await this.deps.alerts.markSent(
      alerts.map((a) => a.id),
      sentAt,
    );
    this.deps.logger.info({ userId, alerts: alerts.length }, 'alert email sent');
    // Alerts recorded while this email was being sent could not queue a digest (this job held its id): they wait for
    // the next window, in this same job.
    const more = await this.deps.alerts.pending(userId, sentAt);
    return more.length > 0 ? { kind: 'later', at: new Date(sentAt.getTime() + windowMs) } : done;
  }
}
