import { Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CredentialsRepository } from '@herald/database';
import type { Response } from 'express';
import { SessionTokenService } from '../auth/session-token.service';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { CLOCK, type Clock } from '../infra/tokens';
import { clearSessionCookie } from './session-cookie';

@Controller('auth')
export class SessionsController {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly sessions: SessionTokenService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** "Sign out everywhere": every session of the account stops working, this one included. */
  @Post('logout-all')
  @Allow('account')
  @HttpCode(204)
  async logoutAll(@CurrentSession() session: SessionContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.credentials.revokeSessions(session.userId, this.clock.now());
    clearSessionCookie(res, this.sessions);
  }
}
