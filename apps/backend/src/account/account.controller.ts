import { Body, Controller, Delete, Get, Header, HttpCode, Req, Res } from '@nestjs/common';
import { AccountLifecycle } from '@herald/core';
import type { Request, Response } from 'express';
import { AttemptThrottle, CONFIRM_RULE } from '../auth/attempt-throttle';
import { SESSION_COOKIE, SessionTokenService } from '../auth/session-token.service';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';

/** Leaving Herald: delete an organization or one's account (owners, confirmed by password), and export first. */
@Controller()
export class AccountController {
  constructor(
    private readonly lifecycle: AccountLifecycle,
    private readonly sessions: SessionTokenService,
    private readonly throttle: AttemptThrottle,
  ) {}

  /** Counted before the password is checked: a stolen session cannot guess the password at argon2 speed. */
  private confirmAttempt(session: SessionContext, req: Request): Promise<void> {
    return this.throttle.consume(CONFIRM_RULE, { ip: req.ip ?? 'unknown', key: session.userId });
  }

  @Get('organization/export')
  @Allow('organization')
  @Header('Content-Disposition', 'attachment; filename="herald-export.json"')
  export(@CurrentSession() session: SessionContext) {
    return this.lifecycle.exportOrganization(session.organizationId);
  }

  @Delete('organization')
  @Allow('organization')
  @HttpCode(200)
  async deleteOrganization(@CurrentSession() session: SessionContext, @Body() body: { password?: unknown }, @Req() req: Request) {
    await this.confirmAttempt(session, req);
    return this.lifecycle.deleteOrganization(session.userId, session.organizationId, body?.password);
  }

  @Delete('user/self')
  @Allow('account')
  @HttpCode(200)
  async deleteAccount(@CurrentSession() session: SessionContext, @Body() body: { password?: unknown }, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.confirmAttempt(session, req);
    const result = await this.lifecycle.deleteAccount(session.userId, body?.password);
    const { maxAge: _maxAge, ...options } = this.sessions.cookieOptions();
    res.clearCookie(SESSION_COOKIE, options);
    return result;
  }
}
