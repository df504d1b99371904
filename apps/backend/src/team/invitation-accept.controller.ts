import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { Invitations } from '@herald/core';
import { AccountsRepository } from '@herald/database';
import type { Request, Response } from 'express';
import { SessionTokenService } from '../auth/session-token.service';
import { Public } from '../common/auth-context';
import { liveSessionUser } from '../common/live-session';
import { sessionCookieOf, setSessionCookie } from './session-cookie';
import { AcceptInvitationDto } from './team.dto';

/**
 * The invitation link's page: what it invites to, and accepting it. Public, because the invited person often has no
 * account yet; accepting works whatever REGISTRATION says (an invitation is the way in when registration is closed).
 */
@Controller('auth/invitations')
@Public()
export class InvitationAcceptController {
  constructor(
    private readonly invitations: Invitations,
    private readonly sessions: SessionTokenService,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get(':token')
  preview(@Param('token') token: string) {
    return this.invitations.preview(token);
  }

  /** Without a session: creates the account (or signs in the existing one) and joins. With one: joins it. */
  @Post(':token/accept')
  @HttpCode(201)
  async accept(@Param('token') token: string, @Body() body: AcceptInvitationDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const user = await liveSessionUser(this.sessions, this.accounts, sessionCookieOf(req.cookies));
    const joined = await this.invitations.accept(token, body, user ? { userId: user.id } : null, req.ip ?? 'unknown');
    setSessionCookie(res, this.sessions, joined.userId);
    return { user: { id: joined.userId, email: joined.email }, organization: joined.organization };
  }
}
