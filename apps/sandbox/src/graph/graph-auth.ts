import { type SandboxContext } from '../context';
import { allParams, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { CANNOT_PARSE_TOKEN, graphError, invalidTokenError, missingToken } from './graph-errors';
import { type GraphHost, type GraphToken, GraphState } from './graph-state';

const HOUR = 3600_000;
const tokenOfRequest = new WeakMap<SandboxRequest, GraphToken>();

export function accessTokenOf(req: SandboxRequest): string | undefined {
  const auth = req.headers.authorization;
  const m = auth ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth.trim()) : null;
  if (m?.[1]) return m[1];
  return allParams(req).get('access_token');
}

function formatFbDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())}-${months[d.getUTCMonth()]}-${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

/** Why a token no longer works, as Meta words it (code 190 with a subcode). */
export function tokenProblem(ctx: SandboxContext, token: GraphToken): SandboxReply | undefined {
  if (token.revoked) return invalidTokenError(token.revoked.message, token.revoked.subcode);
  const parent = token.parent ? ctx.graph.tokens.get(token.parent) : undefined;
  if (parent?.revoked) return invalidTokenError(parent.revoked.message, parent.revoked.subcode);
  const grant = ctx.graph.grants.get(GraphState.grantKey(token.host, token.appId, token.personaId));
  if (!grant) return invalidTokenError(`Error validating access token: The user has not authorized application ${token.appId}.`, 458);
  const now = ctx.clock.now();
  if (token.expiresAt !== null && now >= token.expiresAt) {
    return invalidTokenError(`Error validating access token: Session has expired on ${formatFbDate(token.expiresAt)}. The current time is ${formatFbDate(now)}.`, 463);
  }
  if (token.kind === 'fb-page' && !grant.pageIds.includes(token.subjectId)) {
    return invalidTokenError('Error validating access token: The session is invalid because the user has removed the Page from the app.', 492);
  }
  return undefined;
}

export type TokenResult = { ok: true; token: GraphToken } | { ok: false; reply: SandboxReply };

/**
 * Resolves the request's access token for this host, enforces the hourly call budget, and names the acting
 * account for the fault engine. A token of the other Graph host is as unreadable as garbage.
 */
export function requireGraphToken(ctx: SandboxContext, req: SandboxRequest, host: GraphHost): TokenResult {
  const value = accessTokenOf(req);
  if (!value) return { ok: false, reply: missingToken() };
  const token = ctx.graph.tokens.get(value);
  if (!token || token.host !== host) return { ok: false, reply: invalidTokenError(CANNOT_PARSE_TOKEN) };
  const problem = tokenProblem(ctx, token);
  if (problem) return { ok: false, reply: problem };
  // A permission removed after the token was issued stops working at once, as on Meta.
  const grant = ctx.graph.grants.get(GraphState.grantKey(token.host, token.appId, token.personaId));
  if (grant) token.scopes = token.scopes.filter((s) => grant.scopes.includes(s));
  req.identify(token.subjectId);
  tokenOfRequest.set(req, token);
  const w = ctx.rate.hit(`graph:${token.appId}:${token.personaId}`, ctx.limits.graphCallsPerHour, HOUR, ctx.clock.now());
  if (!w.allowed) {
    return { ok: false, reply: graphError(400, { message: '(#4) Application request limit reached', code: 4, is_transient: true }) };
  }
  return { ok: true, token };
}

export function hasScopes(token: GraphToken, ...scopes: string[]): boolean {
  return scopes.every((s) => token.scopes.includes(s));
}

/** Rate-limit usage headers (Part F): percentages of the hourly budget, BUC for business objects. */
export function graphUsageHeaders(ctx: SandboxContext, req: SandboxRequest): Record<string, string> {
  const headers: Record<string, string> = { 'x-fb-trace-id': Buffer.from(String(req.receivedAt)).toString('base64url').slice(0, 11), 'x-fb-rev': '1019374655' };
  const token = tokenOfRequest.get(req);
  if (!token) return headers;
  const used = ctx.rate.count(`graph:${token.appId}:${token.personaId}`, HOUR, ctx.clock.now());
  const pct = Math.min(100, Math.round((used / ctx.limits.graphCallsPerHour) * 100));
  headers['x-app-usage'] = JSON.stringify({ call_count: pct, total_cputime: Math.floor(pct / 2), total_time: Math.floor(pct / 2) });
  if (token.kind !== 'fb-user-short' && token.kind !== 'fb-user-long') {
    const type = token.host === 'instagram' ? 'instagram' : 'pages';
    headers['x-business-use-case-usage'] = JSON.stringify({
      [token.subjectId]: [{ type, call_count: pct, total_cputime: Math.floor(pct / 2), total_time: Math.floor(pct / 2), estimated_time_to_regain_access: 0 }],
    });
  }
  return headers;
}
