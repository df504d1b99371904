import { Inject, Injectable } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { AppError } from '@herald/core';
import { AccountsRepository, NotFirstAccountError, UniqueViolationError } from '@herald/database';
import argon2 from 'argon2';
import { CONFIG } from '../infra/tokens';
import { AttemptThrottle, LOGIN_RULE, REGISTER_RULE } from './attempt-throttle';
import type { LoginDto, RegisterDto } from './auth.dto';
import { ARGON2_OPTIONS } from './password-hashing';

export interface AuthResult {
  user: { id: string; email: string };
  organization: { id: string; name: string };
}

const registrationClosed = () =>
  AppError.forbidden('registration_closed', 'Sign-ups are closed on this Herald instance. Ask an administrator for an invitation.');

@Injectable()
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly throttle: AttemptThrottle,
    @Inject(CONFIG) private readonly config: BackendConfig,
  ) {}

  /** Whether the sign-up page may create an account: always when open, only on an empty instance when closed. */
  async registrationOpen(): Promise<boolean> {
    return this.config.registration === 'open' || !(await this.accounts.hasAnyUser());
  }

  /** REGISTRATION=closed lets only the first account of an empty instance register (it owns the instance). */
  async register(input: RegisterDto, ip: string): Promise<AuthResult> {
    const subject = { ip };
    await this.throttle.consume(REGISTER_RULE, subject);
    const closed = this.config.registration === 'closed';
    if (closed && (await this.accounts.hasAnyUser())) throw registrationClosed();
    const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);
    try {
      const created = await this.accounts.createUserWithOrganization(
        { email: input.email, passwordHash, timezone: input.timezone ?? 'UTC', organizationName: input.company },
        { onlyIfFirst: closed },
      );
      await this.throttle.succeeded(REGISTER_RULE, subject);
      return created;
    } catch (error) {
      if (error instanceof NotFirstAccountError) throw registrationClosed();
      if (error instanceof UniqueViolationError) throw AppError.conflict('email_taken', 'An account with this email already exists. Sign in instead.');
      throw error;
    }
  }

  /** The attempt is counted before the password is checked, so parallel guesses cannot outrun the limit. */
  async login(input: LoginDto, ip: string): Promise<AuthResult> {
    const subject = { ip, key: input.email };
    await this.throttle.consume(LOGIN_RULE, subject);
    const credentials = await this.accounts.findCredentialsByEmail(input.email);
    // Verify against a dummy hash for unknown emails, so both failures take the same time.
    const hash = credentials?.passwordHash ?? (await (this.dummyHash ??= argon2.hash('not-a-password', ARGON2_OPTIONS)));
    const valid = await argon2.verify(hash, input.password).catch(() => false);
    if (!credentials || !valid) throw AppError.unauthorized('invalid_credentials', 'The email or password is incorrect');
    await this.throttle.succeeded(LOGIN_RULE, subject);
    const user = await this.accounts.findUserWithMemberships(credentials.id);
    const first = user?.memberships[0];
    if (!user || !first) throw AppError.unauthorized('invalid_credentials', 'The email or password is incorrect');
    return { user: { id: user.id, email: user.email }, organization: { id: first.organizationId, name: first.name } };
  }
}
