import { Module } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { type EmailJobs, Invitations, type Logger, Members, PasswordReset } from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import { AccountsRepository, CredentialsRepository, type Database, EmailAlertsRepository, TeamRepository } from '@herald/database';
import { AttemptThrottle, LOGIN_RULE } from '../auth/attempt-throttle';
import { hashPassword, verifyPassword } from '../auth/password-hashing';
import { CLOCK, type Clock, CONFIG, DATABASE, EMAIL_JOBS, LOGGER, TOKEN_CIPHER } from '../infra/tokens';
import { InvitationAcceptController } from './invitation-accept.controller';
import { InvitationsController } from './invitations.controller';
import { MembersController } from './members.controller';
import { PasswordResetController } from './password-reset.controller';
import { SessionsController } from './sessions.controller';

/** The people of an organization (invitations, members, roles) and the ways back into an account. */
@Module({
  controllers: [InvitationsController, MembersController, InvitationAcceptController, PasswordResetController, SessionsController],
  providers: [
    { provide: TeamRepository, inject: [DATABASE], useFactory: (db: Database) => new TeamRepository(db) },
    { provide: CredentialsRepository, inject: [DATABASE], useFactory: (db: Database) => new CredentialsRepository(db) },
    {
      provide: Invitations,
      inject: [TeamRepository, AccountsRepository, EMAIL_JOBS, TOKEN_CIPHER, AttemptThrottle, CONFIG, LOGGER, CLOCK],
      useFactory: (team: TeamRepository, accounts: AccountsRepository, emails: EmailJobs | null, cipher: TokenCipher, throttle: AttemptThrottle, config: BackendConfig, logger: Logger, clock: Clock) =>
        new Invitations({ team, accounts, emails: emails ?? undefined, cipher, hashPassword, verifyPassword,
          // The same counters as signing in: a password is a password, wherever it is tried.
          attempts: {
            consume: (email, ip) => throttle.consume(LOGIN_RULE, { ip, key: email }),
            succeeded: (email, ip) => throttle.succeeded(LOGIN_RULE, { ip, key: email }),
          },
          frontendUrl: config.frontendUrl, logger, now: () => clock.now() }),
    },
    {
      provide: Members,
      inject: [TeamRepository, DATABASE],
      useFactory: (team: TeamRepository, db: Database) => new Members({ team, alerts: new EmailAlertsRepository(db) }),
    },
    {
      provide: PasswordReset,
      inject: [CredentialsRepository, EMAIL_JOBS, TOKEN_CIPHER, LOGGER, CLOCK],
      useFactory: (credentials: CredentialsRepository, emails: EmailJobs | null, cipher: TokenCipher, logger: Logger, clock: Clock) =>
        new PasswordReset({ credentials, emails: emails ?? undefined, cipher, hashPassword, logger, now: () => clock.now() }),
    },
  ],
  exports: [Members],
})
export class TeamModule {}
