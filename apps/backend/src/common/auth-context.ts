import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@herald/database';
import type { Request } from 'express';

export interface SessionContext {
  userId: string;
  organizationId: string;
  role: Role;
}

export interface HeraldRequest extends Request {
  auth?: SessionContext;
}

export const PUBLIC_ROUTE = 'herald:public';
export const API_KEY_ROUTE = 'herald:api-key';

/** No session needed (login, health, platform callbacks). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Authenticated by an organization API key instead of a session (the public API). */
export const ApiKeyRoute = () => SetMetadata(API_KEY_ROUTE, true);

export const CurrentSession = createParamDecorator((_data: unknown, ctx: ExecutionContext): SessionContext => {
  const auth = ctx.switchToHttp().getRequest<HeraldRequest>().auth;
  if (!auth) throw new Error('CurrentSession used on a route without a session');
  return auth;
});
