// A backend that sends email: a real SMTP server in the test process, and the workers' email consumer on a queue
// prefix of the spec's own (so no other spec's consumer takes its jobs).
import { randomBytes } from 'node:crypto';
import { createLogger, createRedis } from '@herald/core';
import { TokenCipher } from '@herald/crypto';
import { startEmailWorker } from '../../workers/src/email/send-email.job';
import { type SmtpCapture, startSmtpCapture } from '../../../test/support/smtp-capture';
import { startTestBackend, type TestBackend } from './harness';

export interface EmailBackend {
  backend: TestBackend;
  smtp: SmtpCapture;
  close(): Promise<void>;
}

export async function startEmailBackend(overrides: Record<string, string> = {}): Promise<EmailBackend> {
  const smtp = await startSmtpCapture();
  const prefix = `herald-test-${randomBytes(4).toString('hex')}`;
  const backend = await startTestBackend({ EMAIL_SMTP_URL: smtp.url, EMAIL_FROM: 'Herald <herald@example.test>', ...overrides }, { emailQueuePrefix: prefix });
  const { config } = backend;
  if (!config.email) throw new Error('email is not configured');
  const connection = createRedis(config.redisUrl, 'email-test', { forQueue: true });
  const worker = await startEmailWorker({
    db: backend.db,
    connection,
    settings: config.email,
    cipher: new TokenCipher(config.encryption.currentKey),
    frontendUrl: config.frontendUrl,
    logger: createLogger('email-test', config.logLevel),
    prefix,
  });
  return {
    backend,
    smtp,
    close: async () => {
      await worker.close();
      connection.disconnect();
      await backend.close();
      await smtp.close();
    },
  };
}
