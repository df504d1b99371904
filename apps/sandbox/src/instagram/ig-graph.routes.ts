import { type SandboxContext } from '../context';
import { allParams, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type Router } from '../core/router';
import { requireGraphToken, tokenProblem } from '../graph/graph-auth';
import { CANNOT_PARSE_TOKEN, graphError, invalidTokenError, paramError, permissionError, unsupportedRequest } from '../graph/graph-errors';
import { issueGraphToken } from '../graph/graph-tokens';
import { igAccountInsights, igMediaInsights } from '../graph/graph-insights';
import { igComments, igCreateMedia, igListMedia, igNode, igPublish, igPublishingLimit } from './ig-handlers';

function longLivedReply(token: { value: string; expiresAt: number | null; issuedAt: number }): SandboxReply {
  const expiresIn = token.expiresAt === null ? 0 : Math.floor((token.expiresAt - token.issuedAt) / 1000);
  return jsonReply(200, { access_token: token.value, token_type: 'bearer', expires_in: expiresIn });
}

/** `GET /access_token?grant_type=ig_exchange_token`: short-lived (1 h) → long-lived (60 days), server side only. */
function exchange(ctx: SandboxContext, req: SandboxRequest): SandboxReply {
  const p = allParams(req);
  if (p.get('grant_type') !== 'ig_exchange_token') return paramError('Unsupported grant type');
  const short = ctx.graph.tokens.get(p.get('access_token') ?? '');
  if (!short || short.host !== 'instagram') return invalidTokenError(CANNOT_PARSE_TOKEN);
  const problem = tokenProblem(ctx, short);
  if (problem) return problem;
  const app = ctx.apps.instagram.find((a) => a.appId === short.appId);
  if (!app || app.appSecret !== p.get('client_secret')) return graphError(400, { message: 'Error validating client secret.', code: 1 });
  if (p.has('client_id') && p.get('client_id') !== app.appId) return graphError(400, { message: 'Error validating application. Invalid application ID.', code: 101 });
  if (short.kind !== 'ig-short') return paramError('The access token is not a short-lived Instagram User access token');
  req.identify(short.subjectId);
  const long = issueGraphToken(ctx, { host: 'instagram', kind: 'ig-long', appId: app.appId, personaId: short.personaId, subjectId: short.subjectId, scopes: short.scopes, ttlSec: ctx.timing.igLongTokenTtlSec });
  return longLivedReply(long);
}

/** `GET /refresh_access_token`: only long-lived, unexpired tokens at least 24 h old with instagram_business_basic. */
function refresh(ctx: SandboxContext, req: SandboxRequest): SandboxReply {
  const p = allParams(req);
  if (p.get('grant_type') !== 'ig_refresh_token') return paramError('Unsupported grant type');
  const auth = requireGraphToken(ctx, req, 'instagram');
  if (!auth.ok) return auth.reply;
  const token = auth.token;
  if (token.kind !== 'ig-long') return paramError('Only long-lived Instagram User access tokens can be refreshed');
  if (!token.scopes.includes('instagram_business_basic')) return permissionError(10, 'Application does not have permission for this action');
  if (ctx.clock.now() - token.issuedAt < ctx.timing.igRefreshMinAgeMs) {
    const e = ctx.behaviour.instagramEarlyRefreshError;
    return graphError(400, {
      message: 'Error validating access token: the access token cannot be refreshed because it is less than 24 hours old.',
      code: e.code,
      ...(e.subcode !== undefined ? { error_subcode: e.subcode } : {}),
    });
  }
  const next = issueGraphToken(ctx, { host: 'instagram', kind: 'ig-long', appId: token.appId, personaId: token.personaId, subjectId: token.subjectId, scopes: token.scopes, ttlSec: ctx.timing.igLongTokenTtlSec });
  return longLivedReply(next);
}

export function registerInstagramGraphRoutes(router: Router, ctx: SandboxContext): void {
  router.get('/access_token', (req) => exchange(ctx, req));
  router.get('/refresh_access_token', (req) => refresh(ctx, req));

  const withToken =
    (fn: (req: SandboxRequest, token: Parameters<typeof igNode>[2], id: string) => SandboxReply | undefined | Promise<SandboxReply>) =>
    async (req: SandboxRequest, params: Record<string, string>): Promise<SandboxReply> => {
      const auth = requireGraphToken(ctx, req, 'instagram');
      if (!auth.ok) return auth.reply;
      const id = params.id ?? 'me';
      return (await fn(req, auth.token, id)) ?? unsupportedRequest(req.method, id);
    };

  router.get('/me', withToken((req, token) => igNode(ctx, req, token, 'me', true)));
  router.get('/:id', withToken((req, token, id) => igNode(ctx, req, token, id, id === 'me')));
  router.get('/:id/media', withToken((req, token, id) => igListMedia(ctx, req, token, id)));
  router.get('/:id/stories', withToken((req, token, id) => igListMedia(ctx, req, token, id, 'stories')));
  router.post('/:id/media', withToken((req, token, id) => igCreateMedia(ctx, req, token, id)));
  router.post('/:id/media_publish', withToken((req, token, id) => igPublish(ctx, req, token, id)));
  router.get('/:id/content_publishing_limit', withToken((req, token, id) => igPublishingLimit(ctx, req, token, id)));
  router.get('/:id/insights', withToken((req, token, id) => {
    const media = ctx.graph.igMedia.get(id);
    if (media) return igMediaInsights(ctx, req, token, media);
    const account = id === 'me' ? token.subjectId : id;
    return ctx.personas.instagramAccount(account) ? igAccountInsights(ctx, req, token, account) : undefined;
  }));
  router.get('/:id/comments', withToken((req, token, id) => igComments(ctx, req, token, id)));
  router.post('/:id/comments', withToken((req, token, id) => igComments(ctx, req, token, id)));
}
