// A captured SMTP server for browser runs (smtp-server, in this process): Herald's workers send the invitation and
// reset emails to it, and the steps read the links out of the messages it received.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './stack.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

export async function startSmtpCapture() {
  const messages = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => (auth.username === 'e2e' && auth.password === 'e2e-smtp-password' ? callback(null, { user: 'e2e' }) : callback(new Error('Invalid login'))),
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (parsed) => {
          const to = (parsed.to?.value ?? []).map((a) => a.address.toLowerCase());
          messages.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '' });
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  return {
    url: `smtp://e2e:e2e-smtp-password@127.0.0.1:${port}`,
    messages,
    /** The first link under `prefix` in the latest message to `address`, once one has arrived. */
    async linkTo(address, prefix, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = messages.filter((m) => m.to.includes(address.toLowerCase())).at(-1);
        const link = mail?.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s"<>]+`))?.[0];
        if (link) return { link, subject: mail.subject };
        if (Date.now() > deadline) throw new Error(`no email to ${address} with a link under ${prefix} within ${timeoutMs} ms (${messages.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
