import { type SandboxContext } from '../context';
import { type ErrorFaultAction } from '../core/faults';
import { type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type Router } from '../core/router';
import { type ServiceDefinition } from '../core/service';
import { graphUsageHeaders } from './graph-auth';
import { graphError, invalidTokenError, unknownPath, unsupportedRequest } from './graph-errors';

const RATE_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001: '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  80002: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
};

const REVOKED_MESSAGES: Record<number, string> = {
  458: 'Error validating access token: The user has not authorized application.',
  459: 'Error validating access token: You cannot access the app till you log in to www.facebook.com and follow the instructions given.',
  460: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  463: 'Error validating access token: Session has expired.',
  467: 'Error validating access token: The access token is invalid.',
  492: 'Error validating access token: The session is invalid.',
};

export function graphFaultReply(req: SandboxRequest, action: ErrorFaultAction, host: 'instagram' | 'facebook'): SandboxReply {
  switch (action.type) {
    case 'rate-limit': {
      const code = action.code ?? (host === 'instagram' ? 80002 : 80001);
      const minutes = Math.max(1, Math.ceil((action.resetInSec ?? 900) / 60));
      const objectId = /\/(\d{5,})/.exec(req.path)?.[1] ?? '0';
      const headers = {
        'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 40 }),
        'x-business-use-case-usage': JSON.stringify({
          [objectId]: [{ type: host === 'instagram' ? 'instagram' : 'pages', call_count: 100, total_cputime: 40, total_time: 40, estimated_time_to_regain_access: minutes }],
        }),
      };
      return graphError(400, { message: RATE_MESSAGES[code] ?? `(#${code}) Rate limit reached`, code, is_transient: true }, headers);
    }
    case 'server-error':
      return graphError(action.status ?? 500, { message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true });
    case 'token-revoked': {
      const subcode = action.subcode ?? 460;
      return invalidTokenError(REVOKED_MESSAGES[subcode] ?? 'Error validating access token.', subcode);
    }
  }
}

/** graph.facebook.com and graph.instagram.com: any `/vNN.N` prefix or none, Graph errors, usage headers. */
export function graphService(ctx: SandboxContext, id: 'instagram-graph' | 'facebook-graph', router: Router): ServiceDefinition {
  const host = id === 'instagram-graph' ? 'instagram' : 'facebook';
  return {
    id,
    router,
    prepare(req) {
      const m = /^\/(v\d+\.\d+)(\/.*)?$/.exec(req.path);
      if (m) {
        req.graphVersion = m[1] ?? '';
        req.path = m[2] ?? '/';
      }
    },
    notFound(req, kind) {
      const first = req.path.split('/')[1] ?? '';
      if (kind === 'method-not-allowed' || /^\d+(_\d+)?$/.test(first) || first === 'me') return unsupportedRequest(req.method, first);
      return unknownPath(req.path);
    },
    faultReply: (req, action) => graphFaultReply(req, action, host),
    internalError: () => graphError(500, { message: 'An unknown error has occurred.', code: 1, is_transient: true }),
    decorate(req, reply) {
      Object.assign(reply.headers, graphUsageHeaders(ctx, req));
    },
  };
}
