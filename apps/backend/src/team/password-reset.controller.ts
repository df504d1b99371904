import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { PasswordReset } from '@herald/core';
import type { Request } from 'express';
import { AttemptThrottle, FORGOT_RULE, RESET_RULE } from '../auth/attempt-throttle';
import { Public } from '../common/auth-context';
import { ForgotPasswordDto, ResetPasswordDto } from './team.dto';

/** "Forgot password" and the reset link's page. Public and throttled; no answer tells whether an account exists. */
@Controller('auth')
@Public()
export class PasswordResetController {
  constructor(
    private readonly passwordReset: PasswordReset,
    private readonly throttle: AttemptThrottle,
  ) {}

  /** Whether this server can email a link (else the page tells people to ask an administrator). */
  @Get('forgot')
  availability(): { emailConfigured: boolean } {
    return { emailConfigured: this.passwordReset.available };
  }

  @Post('forgot')
  @HttpCode(202)
  async forgot(@Body() body: ForgotPasswordDto, @Req() req: Request): Promise<{ emailConfigured: boolean }> {
    await this.throttle.consume(FORGOT_RULE, { ip: req.ip ?? 'unknown', key: body.email });
    this.passwordReset.request(body.email);
    return { emailConfigured: this.passwordReset.available };
  }

  @Get('reset/:token')
  check(@Param('token') token: string): Promise<{ valid: true }> {
    return this.passwordReset.check(token);
  }

  /** Sets the new password and revokes every session of the account (the person then signs in again). */
  @Post('reset')
  @HttpCode(200)
  async reset(@Body() body: ResetPasswordDto, @Req() req: Request): Promise<{ reset: true }> {
    await this.throttle.consume(RESET_RULE, { ip: req.ip ?? 'unknown' });
    await this.passwordReset.reset(body.token, body.password);
    return { reset: true };
  }
}
