import { type SandboxContext } from '../context';
import { type ErrorFaultAction } from '../core/faults';
import { type SandboxReply, type SandboxRequest } from '../core/http-types';
import { Router } from '../core/router';
import { type ServiceDefinition } from '../core/service';
import { X_INVALID_TOKEN, X_UNAUTHORIZED, v1Error, v2Problem } from './x-errors';
import { tooManyRequests } from './x-limits';
import { registerXMediaV1Routes, registerXMediaV2Routes } from './x-media.routes';
import { registerXOAuthRoutes } from './x-oauth.routes';
import { registerXTimelineRoutes } from './x-timeline.routes';
import { registerXTweetRoutes } from './x-tweets.routes';
import { registerXUserRoutes } from './x-users.routes';

function xFaultReply(ctx: SandboxContext, req: SandboxRequest, action: ErrorFaultAction): SandboxReply {
  const v2 = req.path.startsWith('/2/');
  switch (action.type) {
    case 'rate-limit': {
      const reset = Math.ceil(ctx.clock.now() / 1000) + (action.resetInSec ?? 900);
      return tooManyRequests(req, { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) });
    }
    case 'server-error': {
      const status = action.status ?? 503;
      const title = status === 503 ? 'Service Unavailable' : status === 502 ? 'Bad Gateway' : 'Internal Server Error';
      return v2 ? v2Problem(status, title, title) : v1Error(status, 131, 'Internal error');
    }
    case 'token-revoked':
      return v2 ? X_UNAUTHORIZED() : X_INVALID_TOKEN();
  }
}

function baseService(ctx: SandboxContext, id: 'x-api' | 'x-upload', router: Router): ServiceDefinition {
  return {
    id,
    router,
    notFound: (_req, kind) => (kind === 'method-not-allowed' ? v1Error(405, 34, 'Sorry, that page does not exist.') : v1Error(404, 34, 'Sorry, that page does not exist.')),
    faultReply: (req, action) => xFaultReply(ctx, req, action),
    internalError: (req) => (req.path.startsWith('/2/') ? v2Problem(500, 'Internal Server Error', 'Internal Server Error') : v1Error(500, 131, 'Internal error')),
  };
}

export function xApiService(ctx: SandboxContext): ServiceDefinition {
  const router = new Router();
  registerXOAuthRoutes(router, ctx);
  registerXUserRoutes(router, ctx);
  registerXTweetRoutes(router, ctx);
  registerXTimelineRoutes(router, ctx);
  registerXMediaV2Routes(router, ctx);
  return baseService(ctx, 'x-api', router);
}

export function xUploadService(ctx: SandboxContext): ServiceDefinition {
  const router = new Router();
  registerXMediaV1Routes(router, ctx);
  return baseService(ctx, 'x-upload', router);
}
