import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { BackendConfig } from '@herald/config';
import { ApiKeys, PublicApiError, RedisRateLimiter } from '@herald/core';
import type { Request, Response } from 'express';
import { CONFIG } from '../infra/tokens';

export interface PublicApiRequest extends Request {
  publicAuth?: { organizationId: string; keyId: string };
}

const POSTS_THROTTLE = 'herald:public-posts-throttle';
const HOUR_SECONDS = 3600;
/** Per key, on every route: generous, so that one script cannot starve the server. */
export const PER_KEY_LIMIT = { limit: 600, windowSeconds: 60 };

/** POST /public/v1/posts: API_LIMIT per hour per organization, across its keys (docs/public-api.md §1.3). */
export const PostsRateLimit = () => SetMetadata(POSTS_THROTTLE, true);

/**
 * The public API's door: the organization API key from `Authorization` (raw, or `Bearer <key>`), then the rate
 * limits. Unauthenticated requests are refused before they count.
 */
@Injectable()
export class PublicApiGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeys,
    private readonly limiter: RedisRateLimiter,
    @Inject(CONFIG) private readonly config: BackendConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<PublicApiRequest>();
    const owner = await this.apiKeys.authenticate(request.header('authorization'));
    request.publicAuth = { organizationId: owner.organizationId, keyId: owner.id };

    const perKey = await this.limiter.hit(`public-key:${owner.id}`, PER_KEY_LIMIT.limit, PER_KEY_LIMIT.windowSeconds);
    if (!perKey.allowed) throw PublicApiError.tooManyRequests(perKey.resetSeconds);

    if (this.reflector.getAllAndOverride<boolean>(POSTS_THROTTLE, [context.getHandler(), context.getClass()])) {
      const posts = await this.limiter.hit(`public-posts:${owner.organizationId}`, this.config.apiLimitPerHour, HOUR_SECONDS);
      if (!posts.allowed) throw PublicApiError.tooManyRequests(posts.resetSeconds);
      const response = http.getResponse<Response>();
      response.setHeader('X-RateLimit-Limit', String(posts.limit));
      response.setHeader('X-RateLimit-Remaining', String(posts.remaining));
      response.setHeader('X-RateLimit-Reset', String(posts.resetSeconds));
    }
    return true;
  }
}
