import { type SandboxContext } from '../context';
import { htmlReply } from '../core/http-types';
import { renderErrorPage } from '../core/consent-page';
import { Router } from '../core/router';
import { type ServiceDefinition } from '../core/service';
import { graphService } from '../graph/graph-service';
import { igApiError, registerInstagramApiRoutes, registerInstagramAuthorizeRoutes } from './ig-oauth.routes';
import { registerInstagramGraphRoutes } from './ig-graph.routes';

export function instagramAuthorizeService(ctx: SandboxContext): ServiceDefinition {
  const router = new Router();
  registerInstagramAuthorizeRoutes(router, ctx);
  return {
    id: 'instagram-authorize',
    router,
    notFound: () => htmlReply(404, renderErrorPage('Instagram', 'Sorry, this page isn\'t available.', 'The link you followed may be broken, or the page may have been removed.')),
    faultReply: (_req, action) => htmlReply(action.type === 'server-error' ? (action.status ?? 500) : action.type === 'rate-limit' ? 429 : 401, renderErrorPage('Instagram', 'Something went wrong', 'Please try again later.')),
    internalError: () => htmlReply(500, renderErrorPage('Instagram', 'Something went wrong', 'Please try again later.')),
  };
}

export function instagramApiService(ctx: SandboxContext): ServiceDefinition {
  const router = new Router();
  registerInstagramApiRoutes(router, ctx);
  return {
    id: 'instagram-api',
    router,
    notFound: () => igApiError('Invalid request: endpoint does not exist', 400),
    faultReply: (_req, action) =>
      action.type === 'server-error'
        ? { ...igApiError('An unknown error has occurred.', action.status ?? 500) }
        : action.type === 'rate-limit'
          ? igApiError('The access_token provided is invalid or the rate limit has been exceeded.', 429)
          : igApiError('Error validating access token.', 400),
    internalError: () => igApiError('An unknown error has occurred.', 500),
  };
}

export function instagramGraphService(ctx: SandboxContext): ServiceDefinition {
  const router = new Router();
  registerInstagramGraphRoutes(router, ctx);
  return graphService(ctx, 'instagram-graph', router);
}
