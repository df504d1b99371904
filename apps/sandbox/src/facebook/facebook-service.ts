import { type SandboxContext } from '../context';
import { renderErrorPage } from '../core/consent-page';
import { htmlReply } from '../core/http-types';
import { Router } from '../core/router';
import { type ServiceDefinition } from '../core/service';
import { graphService } from '../graph/graph-service';
import { registerFacebookDialogRoutes } from './fb-dialog.routes';
import { registerFacebookOAuthRoutes } from './fb-oauth.routes';
import { registerFacebookPageRoutes } from './fb-pages.routes';

export function facebookWebService(ctx: SandboxContext): ServiceDefinition {
  const router = new Router();
  registerFacebookDialogRoutes(router, ctx);
  return {
    id: 'facebook-web',
    router,
    notFound: () => htmlReply(404, renderErrorPage('Facebook', "This content isn't available right now", 'The link may be broken.')),
    faultReply: (_req, action) => htmlReply(action.type === 'server-error' ? (action.status ?? 500) : action.type === 'rate-limit' ? 429 : 401, renderErrorPage('Facebook', 'Sorry, something went wrong.', "We're working on getting this fixed as soon as we can.")),
    internalError: () => htmlReply(500, renderErrorPage('Facebook', 'Sorry, something went wrong.', "We're working on getting this fixed as soon as we can.")),
  };
}

export function facebookGraphService(ctx: SandboxContext): ServiceDefinition {
  const router = new Router();
  registerFacebookOAuthRoutes(router, ctx);
  registerFacebookPageRoutes(router, ctx);
  return graphService(ctx, 'facebook-graph', router);
}
