import type { Response } from 'express';
import { SESSION_COOKIE, type SessionTokenService } from '../auth/session-token.service';

export function setSessionCookie(res: Response, sessions: SessionTokenService, userId: string): void {
  res.cookie(SESSION_COOKIE, sessions.issue(userId), sessions.cookieOptions());
}

export function clearSessionCookie(res: Response, sessions: SessionTokenService): void {
  const { maxAge: _maxAge, ...options } = sessions.cookieOptions();
  res.clearCookie(SESSION_COOKIE, options);
}

export function sessionCookieOf(cookies: unknown): string | undefined {
  return (cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
}
