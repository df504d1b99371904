import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, type Observable, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { SessionUserCache } from './session-user-cache';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Routes whose writes never touch accounts, memberships or roles (the busy ones). Every other write, including any
 * route added later, makes the cached sessions stale: logout everywhere and password reset (/auth), members and
 * roles (/organization), invitations, organization and account deletion (/user/self, /organization).
 */
const NOT_ACCOUNTS = ['/posts', '/media', '/uploads', '/public/', '/preview', '/notifications', '/webhooks', '/tags', '/customers', '/signatures', '/integrations', '/settings', '/metrics', '/health'];

/** Moves the session cache's generation on after each write that may change who may do what (`SessionUserCache`). */
@Injectable()
export class SessionCacheInterceptor implements NestInterceptor {
  constructor(private readonly cache: SessionUserCache) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (READS.has(request.method) || NOT_ACCOUNTS.some((prefix) => request.path.startsWith(prefix))) return next.handle();
    const bump = () => this.cache.invalidateAll();
    return next.handle().pipe(
      mergeMap((value: unknown) => from(bump().then(() => value))),
      catchError((error: unknown) => from(bump()).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}
