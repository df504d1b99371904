import { applyDecorators, createParamDecorator, type ExecutionContext, UseFilters, UseGuards } from '@nestjs/common';
import { ApiKeyRoute } from '../common/auth-context';
import { PublicApiExceptionFilter } from './public-api-exception.filter';
import { PublicApiGuard, type PublicApiRequest } from './public-api.guard';

/** Both prefixes: the backend's root, and `/api` as behind Postiz's reverse proxy. */
export const PUBLIC_API_PATHS = ['public/v1', 'api/public/v1'];

/** A controller of the public API: API-key authentication, rate limits, and Postiz's error bodies. */
export const PublicApiController = () => applyDecorators(ApiKeyRoute(), UseGuards(PublicApiGuard), UseFilters(PublicApiExceptionFilter));

/** The organization of the API key that authenticated the request. */
export const PublicOrg = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const auth = ctx.switchToHttp().getRequest<PublicApiRequest>().publicAuth;
  if (!auth) throw new Error('PublicOrg used on a route without the public API guard');
  return auth.organizationId;
});
