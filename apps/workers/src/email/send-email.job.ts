import type { EmailSettings } from '@herald/config';
import { createEmailWorker, createSmtpMailer, describeSmtpServer, type EmailWorkerOptions, type Logger, SendEmail, type SendEmailHandler } from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import { CredentialsRepository, type Database, EmailAlertsRepository, TeamRepository } from '@herald/database';

/** `send-email`: one email by the use case; a failed send is retried with the job's backoff. */
export function sendEmailJob(send: SendEmail): SendEmailHandler {
  return (payload) => send.run(payload);
}

export interface EmailWorkerDeps {
  db: Database;
  connection: EmailWorkerOptions['connection'];
  settings: EmailSettings;
  cipher: TokenCipher;
  frontendUrl: string;
  logger: Logger;
  prefix?: string;
  alertWindowMs?: number;
}

/** Starts the consumer of the `email` queue (only when EMAIL_SMTP_URL is set). */
export async function startEmailWorker(deps: EmailWorkerDeps): Promise<{ close(): Promise<void> }> {
  const mailer = createSmtpMailer(deps.settings);
  const send = new SendEmail({
    team: new TeamRepository(deps.db),
    credentials: new CredentialsRepository(deps.db),
    alerts: new EmailAlertsRepository(deps.db),
    mailer,
    cipher: deps.cipher,
    frontendUrl: deps.frontendUrl,
    logger: deps.logger,
    now: () => new Date(),
    alertWindowMs: deps.alertWindowMs,
  });
  const worker = createEmailWorker(sendEmailJob(send), { connection: deps.connection, prefix: deps.prefix });
  // The error's message only: nodemailer's errors can carry the SMTP conversation (and so the login).
  worker.on('failed', (job, error) => deps.logger.warn({ jobId: job?.id, kind: job?.data.kind, reason: error.message }, 'email not sent; it is retried'));
  worker.on('error', (error) => deps.logger.error({ reason: error.message }, 'email worker error'));
  await worker.waitUntilReady();
  deps.logger.info({ server: describeSmtpServer(deps.settings) }, 'email worker ready');
  return {
    close: async () => {
      await worker.close();
      mailer.close();
    },
  };
}
