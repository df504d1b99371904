import { Body, Controller, Delete, Get, Header, HttpCode, Res } from '@nestjs/common';
import { AccountLifecycle } from '@herald/core';
import type { Response } from 'express';
import { SESSION_COOKIE, SessionTokenService } from '../auth/session-token.service';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';

/** Leaving Herald: delete an organization or one's account (owners, confirmed by password), and export first. */
@Controller()
export class AccountController {
  constructor(
    private readonly lifecycle: AccountLifecycle,
    private readonly sessions: SessionTokenService,
  ) {}

  @Get('organization/export')
  @Allow('organization')
  @Header('Content-Disposition', 'attachment; filename="herald-export.json"')
  export(@CurrentSession() session: SessionContext) {
    return this.lifecycle.exportOrganization(session.organizationId);
  }

  @Delete('organization')
  @Allow('organization')
  @HttpCode(200)
  deleteOrganization(@CurrentSession() session: SessionContext, @Body() body: { password?: unknown }) {
    return this.lifecycle.deleteOrganization(session.userId, session.organizationId, body?.password);
  }

  @Delete('user/self')
  @Allow('account')
  @HttpCode(200)
  async deleteAccount(@CurrentSession() session: SessionContext, @Body() body: { password?: unknown }, @Res({ passthrough: true }) res: Response) {
    const result = await this.lifecycle.deleteAccount(session.userId, body?.password);
    const { maxAge: _maxAge, ...options } = this.sessions.cookieOptions();
    res.clearCookie(SESSION_COOKIE, options);
    return result;
  }
}
