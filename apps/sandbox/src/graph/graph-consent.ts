import { type SandboxContext } from '../context';
import { renderConsentPage } from '../core/consent-page';
import { allParams, htmlReply, redirectReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { randomAlphanumeric, randomUrlSafe } from '../core/ids';
import { type MetaAppConfig } from '../options';
import { type Persona } from '../personas/personas';
import { type GraphHost, type PendingConsent, GraphState } from './graph-state';

export interface ConsentHost {
  host: GraphHost;
  platformName: string;
  apps: () => MetaAppConfig[];
  knownScopes: string[];
  /** Scopes granted without asking (Facebook's public_profile). */
  implicitScopes: string[];
  codeTtlMs: () => number;
  /** Instagram appends `#_`, Facebook `#_=_`. */
  fragment: string;
  withPages: boolean;
  invalidClient(): SandboxReply;
  invalidRedirect(): SandboxReply;
  invalidScope(scopes: string[]): SandboxReply;
  personaLabel(persona: Persona): string;
}

function splitScopes(raw: string | undefined): string[] {
  return (raw ?? '').split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
}

function appendQuery(uri: string, values: Record<string, string>, fragment: string): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}${new URLSearchParams(values).toString()}${fragment}`;
}

/** GET of the authorize page: validates the client exactly (strict mode) and shows the consent form. */
export function showConsent(ctx: SandboxContext, cfg: ConsentHost, req: SandboxRequest): SandboxReply {
  const params = allParams(req);
  let pending = params.get('consent') ? ctx.graph.pending.get(params.get('consent') ?? '') : undefined;
  if (!pending) {
    const app = cfg.apps().find((a) => a.appId === params.get('client_id'));
    if (!app) return cfg.invalidClient();
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!app.redirectUris.includes(redirectUri)) return cfg.invalidRedirect();
    const responseType = params.get('response_type') ?? 'code';
    if (responseType !== 'code') return cfg.invalidScope([`response_type=${responseType}`]);
    const scopes = splitScopes(params.get('scope'));
    const unknown = scopes.filter((s) => !cfg.knownScopes.includes(s));
    if (unknown.length) return cfg.invalidScope(unknown);
    if (scopes.length === 0 && cfg.host === 'instagram') return cfg.invalidScope(['(none)']);
    pending = { id: randomUrlSafe(18), host: cfg.host, appId: app.appId, redirectUri, scopes, createdAt: ctx.clock.now() };
    const state = params.get('state');
    if (state !== undefined) pending.state = state;
    ctx.graph.pending.set(pending.id, pending);
  }
  const app = cfg.apps().find((a) => a.appId === pending.appId);
  const selected = ctx.personas.get(params.get('persona') ?? '') ?? ctx.personas.personas[0];
  return htmlReply(
    200,
    renderConsentPage({
      platform: cfg.platformName,
      appName: app?.name ?? pending.appId,
      action: req.path,
      hidden: { consent: pending.id },
      personas: ctx.personas.personas.map((p) => ({ id: p.id, label: cfg.personaLabel(p) })),
      selectedPersona: selected?.id ?? '',
      personaSwitchBase: `${req.path}?consent=${encodeURIComponent(pending.id)}`,
      scopes: pending.scopes.map((s) => ({ value: s, label: s, checked: true })),
      scopeField: 'scope',
      ...(cfg.withPages && selected ? { pages: selected.facebook.pages.map((p) => ({ value: p.id, label: p.name, checked: true })), pagesFor: selected.id } : {}),
    }),
  );
}

/** POST of the consent form: redirects with `code`+`state`, or with Meta's `error=access_denied` set. */
export function decideConsent(ctx: SandboxContext, cfg: ConsentHost, req: SandboxRequest): SandboxReply {
  const params = allParams(req);
  const pending = ctx.graph.pending.get(params.get('consent') ?? '');
  if (!pending || pending.host !== cfg.host || ctx.clock.now() > pending.createdAt + 3600_000) {
    return htmlReply(400, '<!doctype html><p>Herald sandbox: this login attempt expired. Start again from the app.</p>');
  }
  ctx.graph.pending.delete(pending.id);
  const stateParam: Record<string, string> = pending.state !== undefined ? { state: pending.state } : {};
  if (params.get('decision') !== 'approve') {
    const denial: Record<string, string> =
      cfg.host === 'instagram'
        ? { error: 'access_denied', error_reason: 'user_denied', error_description: 'The user denied your request' }
        : { error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied' };
    return redirectReply(appendQuery(pending.redirectUri, { ...denial, ...stateParam }, cfg.fragment));
  }
  const persona = ctx.personas.get(params.get('persona') ?? '');
  if (!persona) return htmlReply(400, '<!doctype html><p>Herald sandbox: choose a persona.</p>');
  const listed = params.has('scopes_listed');
  const chosen = req.form.filter(([k]) => k === 'scope').map(([, v]) => v);
  const granted = listed ? pending.scopes.filter((s) => chosen.includes(s)) : [...pending.scopes];
  const declined = pending.scopes.filter((s) => !granted.includes(s));
  recordGrant(ctx, cfg, pending, persona, granted, declined, req);
  const code = `${randomAlphanumeric(cfg.host === 'instagram' ? 180 : 300)}`;
  ctx.graph.codes.set(code, {
    code,
    host: cfg.host,
    appId: pending.appId,
    redirectUri: pending.redirectUri,
    personaId: persona.id,
    scopes: [...cfg.implicitScopes, ...granted],
    createdAt: ctx.clock.now(),
    expiresAt: ctx.clock.now() + cfg.codeTtlMs(),
    used: false,
  });
  ctx.ledger.recordToken({ platform: cfg.host, kind: `${cfg.host}-code`, value: code, sensitive: false, appId: pending.appId, accountId: persona.id, issuedAt: ctx.clock.now(), expiresAt: ctx.clock.now() + cfg.codeTtlMs() });
  return redirectReply(appendQuery(pending.redirectUri, { code, ...stateParam }, cfg.fragment));
}

/** Permissions accumulate across logins; declining one removes it; Pages are replaced by the new choice. */
function recordGrant(ctx: SandboxContext, cfg: ConsentHost, pending: PendingConsent, persona: Persona, granted: string[], declined: string[], req: SandboxRequest): void {
  const key = GraphState.grantKey(cfg.host, pending.appId, persona.id);
  const previous = ctx.graph.grants.get(key);
  const scopes = new Set([...cfg.implicitScopes, ...(previous?.scopes ?? []).filter((s) => !declined.includes(s)), ...granted]);
  const allPages = persona.facebook.pages.map((p) => p.id);
  const pagesListed = allParams(req).get('pages_listed') === persona.id;
  const pickedPages = req.form.filter(([k]) => k === 'page').map(([, v]) => v);
  const pageIds = cfg.withPages ? (pagesListed ? allPages.filter((id) => pickedPages.includes(id)) : allPages) : [];
  ctx.graph.grants.set(key, { host: cfg.host, appId: pending.appId, personaId: persona.id, scopes: [...scopes], declined, pageIds });
}
