import { AppError } from '@herald/core';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from '../auth/session-token.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Cookie-authenticated mutations must come from the dashboard: Origin (or Referer) equals FRONTEND_URL.
 * Requests that name another origin are refused even without a cookie (login CSRF); API-key and
 * server-to-server routes carry no cookie and no Origin, and pass.
 */
export function csrfMiddleware(frontendUrl: string) {
  const allowed = new URL(frontendUrl).origin;
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = originOf(req.header('origin')) ?? originOf(req.header('referer'));
    const cookies = req.cookies as Record<string, string | undefined> | undefined;
    const hasSessionCookie = Boolean(cookies?.[SESSION_COOKIE]);
    if (origin === allowed) return next();
    if (origin !== null || hasSessionCookie) {
      return next(AppError.forbidden('csrf_rejected', `Cross-site request refused: this request must come from ${allowed}`));
    }
    next();
  };
}
