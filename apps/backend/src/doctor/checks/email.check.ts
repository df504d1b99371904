import type { BackendConfig } from '@herald/config';
import { describeSmtpServer } from '@herald/core';
import { type Check, fail, ok, skip } from '../check';
import { describeFailure } from '../describe-failure';
import type { DoctorDeps } from '../doctor-deps';

/** "Email": not configured (everything still works, by links to copy), or a login to the SMTP server. */
export function emailCheck(config: BackendConfig, deps: Pick<DoctorDeps, 'verifySmtp'>): Check {
  return {
    name: 'Email',
    run: async () => {
      const email = config.email;
      if (!email) {
        return skip('not configured (EMAIL_SMTP_URL is unset): invitation links are shown to copy, and a forgotten password needs an owner or admin', [
          'Set EMAIL_SMTP_URL and EMAIL_FROM to send invitations, password resets and failure alerts (docs/self-hosting.md#email).',
        ]);
      }
      const server = describeSmtpServer(email);
      try {
        await deps.verifySmtp(email);
        return ok(`logged in to ${server}; mail goes out as ${email.from}`);
      } catch (error: unknown) {
        const reason = describeFailure(error);
        const fix =
          reason === 'login refused'
            ? 'Fix the user and password in EMAIL_SMTP_URL (percent-encode special characters: @ is %40).'
            : 'Check the host and port in EMAIL_SMTP_URL (smtps:// for port 465, smtp:// for 587 or 25) and that this host may reach it.';
        return fail(`cannot log in to ${server} (${reason})`, fix);
      }
    },
  };
}
