import { avatarUrl, type SandboxContext } from '../context';
import { jsonReply, type SandboxReply } from '../core/http-types';
import { followersAt } from '../core/metrics';
import { type FieldSpec, parseFields, selectFields } from '../graph/graph-fields';
import { nonexistingField, paramError, unsupportedRequest } from '../graph/graph-errors';
import { GraphState, type GraphToken } from '../graph/graph-state';
import { issueGraphToken } from '../graph/graph-tokens';
import { type FacebookPage } from '../personas/personas';

/** The Page if this token may act on it: its own Page token, or a user token whose grant includes the Page. */
export function pageAccess(ctx: SandboxContext, token: GraphToken, pageId: string): FacebookPage | undefined {
  const found = ctx.personas.page(pageId);
  if (!found || found.persona.id !== token.personaId) return undefined;
  if (token.kind === 'fb-page') return token.subjectId === pageId ? found.page : undefined;
  const grant = ctx.graph.grants.get(GraphState.grantKey('facebook', token.appId, token.personaId));
  return grant?.pageIds.includes(pageId) ? found.page : undefined;
}

/** Meta hands out the same Page token for repeated calls with one user token; it never expires when that user token is long-lived. */
export function pageTokenFor(ctx: SandboxContext, userToken: GraphToken, pageId: string): GraphToken {
  const key = `${userToken.value}:${pageId}`;
  const existing = ctx.graph.tokens.get(ctx.graph.pageTokens.get(key) ?? '');
  if (existing && !existing.revoked) return existing;
  const ttlSec = userToken.kind === 'fb-user-long' || userToken.expiresAt === null ? null : Math.max(0, Math.floor((userToken.expiresAt - ctx.clock.now()) / 1000));
  const token = issueGraphToken(ctx, { host: 'facebook', kind: 'fb-page', appId: userToken.appId, personaId: userToken.personaId, subjectId: pageId, scopes: userToken.scopes, ttlSec, parent: userToken.value });
  ctx.graph.pageTokens.set(key, token.value);
  return token;
}

function picture(ctx: SandboxContext, kind: 'page' | 'instagram', id: string, spec: FieldSpec): unknown {
  const size = spec.modifiers.type === 'large' ? 200 : spec.modifiers.type === 'small' ? 50 : Number(spec.modifiers.width ?? 100) || 100;
  const data = { height: size, width: size, is_silhouette: false, url: avatarUrl(ctx, kind, id) };
  if (spec.sub.length === 0) return { data };
  const out: Record<string, unknown> = {};
  for (const s of spec.sub) if (s.name in data) out[s.name] = data[s.name as keyof typeof data];
  return { data: out };
}

export function pageFields(ctx: SandboxContext, token: GraphToken, page: FacebookPage, specs: FieldSpec[], defaults: string[]): { ok: true; value: Record<string, unknown> } | { ok: false; unknown: string } {
  const igLinked = (spec: FieldSpec): unknown => {
    if (!page.instagramAccountId || !token.scopes.includes('instagram_basic')) return undefined;
    const ig = ctx.personas.instagramAccount(page.instagramAccountId)?.account;
    if (!ig || spec.sub.length === 0) return { id: page.instagramAccountId };
    const all: Record<string, unknown> = { id: ig.id, username: ig.username, name: ig.name, profile_picture_url: avatarUrl(ctx, 'instagram', ig.id), followers_count: ig.followers };
    return Object.fromEntries(spec.sub.filter((s) => s.name in all).map((s) => [s.name, all[s.name]]));
  };
  return selectFields(
    specs,
    {
      id: () => page.id,
      name: () => page.name,
      category: () => page.category,
      category_list: () => [{ id: '2200', name: page.category }],
      tasks: () => ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'],
      username: () => page.username,
      link: () => `https://www.facebook.com/${page.username ?? page.id}`,
      fan_count: () => 100 + (Number(page.id.slice(-2)) || 0),
      followers_count: () => followersAt(page.id, 120 + (Number(page.id.slice(-2)) || 0), ctx.clock.now()),
      about: () => `${page.name}, a Herald sandbox Page.`,
      is_published: () => true,
      access_token: () => (token.kind === 'fb-page' ? token.value : pageTokenFor(ctx, token, page.id).value),
      instagram_business_account: igLinked,
      connected_instagram_account: igLinked,
      picture: (spec) => picture(ctx, 'page', page.id, spec),
    },
    defaults,
  );
}

export function pageNode(ctx: SandboxContext, token: GraphToken, pageId: string, rawFields: string | undefined): SandboxReply {
  const page = pageAccess(ctx, token, pageId);
  if (!page) return unsupportedRequest('GET', pageId);
  const specs = parseFields(rawFields);
  if (!specs) return paramError('Syntax error in fields');
  const picked = pageFields(ctx, token, page, specs, ['name', 'id']);
  return picked.ok ? jsonReply(200, picked.value) : nonexistingField(picked.unknown, 'Page');
}
