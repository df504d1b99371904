import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/auth-context';
import { LoginDto, RegisterDto } from './auth.dto';
import { type AuthResult, AuthService } from './auth.service';
import { SESSION_COOKIE, SessionTokenService } from './session-token.service';

@Controller('auth')
@Public()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionTokenService,
  ) {}

  /** Whether the sign-up page can create an account here (REGISTRATION, or an instance with no account yet). */
  @Get('registration')
  async registration(): Promise<{ open: boolean }> {
    return { open: await this.auth.registrationOpen() };
  }

  @Post('register')
  @HttpCode(201)
  async register(@Body() body: RegisterDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuthResult> {
    const result = await this.auth.register(body, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, this.sessions.issue(result.user.id), this.sessions.cookieOptions());
    return result;
  }

  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuthResult> {
    const result = await this.auth.login(body, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, this.sessions.issue(result.user.id), this.sessions.cookieOptions());
    return result;
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
    if (token) await this.sessions.revoke(token);
    const { maxAge: _maxAge, ...options } = this.sessions.cookieOptions();
    res.clearCookie(SESSION_COOKIE, options);
  }
}
