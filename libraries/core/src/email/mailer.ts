import type { EmailSettings } from '@herald/config';
import { createTransport } from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where email goes out (adapter: SMTP through nodemailer). */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
  /** Connects and logs in, without sending (doctor). Throws what the server answered. */
  verify(): Promise<void>;
  close(): void;
}

// Short enough that a dead server fails the job (and BullMQ retries it) instead of holding a worker.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** SMTP over EMAIL_SMTP_URL (smtp:// with STARTTLS when offered, smtps:// for implicit TLS). */
export function createSmtpMailer(settings: EmailSettings): Mailer {
  const url = new URL(settings.smtpUrl);
  const transport = createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    ...TIMEOUTS,
    // Never log the conversation: it carries the login and the links.
    logger: false,
    debug: false,
  });
  return {
    send: async (message) => {
      await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
    verify: async () => {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}

/** The SMTP server as a person may see it in a log or in doctor: host and port, never the login. */
export function describeSmtpServer(settings: EmailSettings): string {
  const url = new URL(settings.smtpUrl);
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
}
