import { Injectable } from '@nestjs/common';
import { AppError } from '@herald/core';
import { AccountsRepository, UniqueViolationError } from '@herald/database';
import argon2 from 'argon2';
import type { LoginDto, RegisterDto } from './auth.dto';
import { LoginThrottle } from './login-throttle';
import { ARGON2_OPTIONS } from './password-hashing';

export interface AuthResult {
  user: { id: string; email: string };
  organization: { id: string; name: string };
}

@Injectable()
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly throttle: LoginThrottle,
  ) {}

  async register(input: RegisterDto): Promise<AuthResult> {
    const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);
    try {
      return await this.accounts.createUserWithOrganization({
        email: input.email,
        passwordHash,
        timezone: input.timezone ?? 'UTC',
        organizationName: input.company,
      });
    } catch (error) {
      if (error instanceof UniqueViolationError) throw AppError.conflict('email_taken', 'An account with this email already exists. Sign in instead.');
      throw error;
    }
  }

  async login(input: LoginDto, ip: string): Promise<AuthResult> {
    await this.throttle.assertAllowed(input.email, ip);
    const credentials = await this.accounts.findCredentialsByEmail(input.email);
    // Verify against a dummy hash for unknown emails, so both failures take the same time.
    const hash = credentials?.passwordHash ?? (await (this.dummyHash ??= argon2.hash('not-a-password', ARGON2_OPTIONS)));
    const valid = await argon2.verify(hash, input.password).catch(() => false);
    if (!credentials || !valid) {
      await this.throttle.recordFailure(input.email, ip);
      throw AppError.unauthorized('invalid_credentials', 'The email or password is incorrect');
    }
    await this.throttle.reset(input.email);
    const user = await this.accounts.findUserWithMemberships(credentials.id);
    const first = user?.memberships[0];
    if (!user || !first) throw AppError.unauthorized('invalid_credentials', 'The email or password is incorrect');
    return { user: { id: user.id, email: user.email }, organization: { id: first.organizationId, name: first.name } };
  }
}
