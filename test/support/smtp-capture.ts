// A real SMTP server in the test process (smtp-server), which keeps every message it accepts, parsed (mailparser).
// Herald reaches it over EMAIL_SMTP_URL with a login, as it would a mail provider.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: number;
}

export interface SmtpCapture {
  /** `smtp://user:password@127.0.0.1:<port>` */
  url: string;
  messages: CapturedMail[];
  /** The messages to this address so far. */
  to(address: string): CapturedMail[];
  /** Waits for the `count`-th message to this address (1 = the first). */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<CapturedMail>;
  /** Logins the server refused. */
  refusedLogins: number;
  close(): Promise<void>;
}

const USER = 'herald-test';
const PASSWORD = 'smtp-password-for-tests';

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const capture = { refusedLogins: 0 };
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: USER });
      capture.refusedLogins += 1;
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
          messages.push({ to, from: parsed.from?.text ?? '', subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', receivedAt: Date.now() });
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    messages,
    to,
    get refusedLogins() {
      return capture.refusedLogins;
    },
    waitFor: async (address, count = 1, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = to(address)[count - 1];
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no message #${count} to ${address} within ${timeoutMs} ms (${messages.length} received in all)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: CapturedMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s"<>]+`).exec(mail.text);
  if (!match) throw new Error(`no link starting with ${prefix} in: ${mail.text}`);
  return match[0];
}
