import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { bumpCalendarVersion } from '@herald/queue';
import type Redis from 'ioredis';
import { from, type Observable, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import type { HeraldRequest } from './auth-context';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request that may write, by a session or an API key of an organization, makes that organization's cached
 * calendar stale (`CalendarCache`) before its answer leaves: whoever wrote and then reads gets fresh rows, from any
 * backend process. Writes of posts, channels, tags and customers all go through such requests; the workers and the
 * cron announce their own (docs/performance.md).
 */
@Injectable()
export class CalendarInvalidationInterceptor implements NestInterceptor {
  constructor(private readonly redis: Redis) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HeraldRequest & { publicAuth?: { organizationId: string } }>();
    if (READS.has(request.method)) return next.handle();
    const bump = () => {
      const organizationId = request.auth?.organizationId ?? request.publicAuth?.organizationId;
      return organizationId ? bumpCalendarVersion(this.redis, organizationId) : Promise.resolve();
    };
    return next.handle().pipe(
      mergeMap((value: unknown) => from(bump().then(() => value))),
      catchError((error: unknown) => from(bump()).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}

