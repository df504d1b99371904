import { z } from 'zod';
import { type SandboxContext } from '../context';
import { FaultRuleInputSchema } from '../core/faults';
import { emptyReply, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { avatarPng } from '../core/png';
import { Router } from '../core/router';
import { type ServiceDefinition } from '../core/service';
import { deauthorizePersona, expireToken, resetState, revokeToken } from './admin-ops';

const TokenBody = z.object({ token: z.string().min(1) }).strict();
const ClockBody = z.object({ offsetMs: z.number().int().optional(), advanceMs: z.number().int().optional() }).strict();
const DeauthorizeBody = z.object({ platform: z.enum(['x', 'instagram', 'facebook']).optional(), appId: z.string().optional() }).strict();

function body<T>(schema: z.ZodType<T>, req: SandboxRequest): { ok: true; value: T } | { ok: false; reply: SandboxReply } {
  const parsed = schema.safeParse(req.bodyKind === 'none' ? {} : req.json);
  if (!parsed.success) return { ok: false, reply: jsonReply(400, { error: 'invalid body', issues: parsed.error.issues }) };
  return { ok: true, value: parsed.data };
}

function avatarColor(ctx: SandboxContext, id: string): [number, number, number] {
  const persona = ctx.personas.personas.find(
    (p) => id.startsWith(p.x.id) || p.instagram.id === id || p.facebook.userId === id || p.facebook.pages.some((pg) => pg.id === id) || p.linkedInstagram.some((a) => a.id === id),
  );
  const base = persona?.color ?? [128, 128, 128];
  const shift = Number(id.slice(-2)) || 0;
  return [(base[0] + shift * 7) % 200, (base[1] + shift * 3) % 200, (base[2] + shift * 5) % 200];
}

export function adminService(ctx: SandboxContext, initialOffsetMs: number): ServiceDefinition {
  const r = new Router();
  r.get('/health', () => jsonReply(200, { status: 'ok' }));
  r.get('/ca.pem', () => ({ status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: ctx.caCertPem }));
  r.get('/urls', () => jsonReply(200, ctx.urls));
  r.get('/personas', () => jsonReply(200, { personas: ctx.personas.personas, apps: ctx.apps }));
  r.get('/ledger', () => jsonReply(200, ctx.ledger.snapshot()));
  r.get('/ledger/published', (req) => {
    const platform = req.query.get('platform');
    const account = req.query.get('accountId');
    return jsonReply(200, { published: ctx.ledger.published.filter((e) => (!platform || e.platform === platform) && (!account || e.accountId === account)) });
  });
  r.get('/ledger/tokens', () => jsonReply(200, { tokens: ctx.ledger.tokens }));
  r.get('/ledger/requests', () => jsonReply(200, { requests: ctx.ledger.requests }));
  r.post('/reset', () => {
    resetState(ctx, initialOffsetMs);
    return emptyReply(204);
  });
  r.get('/faults', () => jsonReply(200, { faults: ctx.faults.list() }));
  r.post('/faults', (req) => {
    const b = body(FaultRuleInputSchema, req);
    return b.ok ? jsonReply(201, ctx.faults.add(b.value)) : b.reply;
  });
  r.delete('/faults', () => {
    ctx.faults.clear();
    return emptyReply(204);
  });
  r.delete('/faults/:id', (_req, params) => (ctx.faults.remove(params.id ?? '') ? emptyReply(204) : jsonReply(404, { error: 'no such fault rule' })));
  r.post('/tokens/revoke', (req) => {
    const b = body(TokenBody, req);
    if (!b.ok) return b.reply;
    const result = revokeToken(ctx, b.value.token);
    return jsonReply(result.found ? 200 : 404, result);
  });
  r.post('/tokens/expire', (req) => {
    const b = body(TokenBody, req);
    if (!b.ok) return b.reply;
    const result = expireToken(ctx, b.value.token);
    return jsonReply(result.found ? 200 : 404, result);
  });
  r.post('/users/:persona/deauthorize', (req, params) => {
    const b = body(DeauthorizeBody, req);
    if (!b.ok) return b.reply;
    if (!ctx.personas.get(params.persona ?? '')) return jsonReply(404, { error: 'no such persona' });
    return jsonReply(200, { revoked: deauthorizePersona(ctx, params.persona ?? '', b.value.platform, b.value.appId) });
  });
  r.get('/clock', () => jsonReply(200, { now: ctx.clock.now(), iso: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs }));
  r.post('/clock', (req) => {
    const b = body(ClockBody, req);
    if (!b.ok) return b.reply;
    if (b.value.offsetMs !== undefined) ctx.clock.setOffset(b.value.offsetMs);
    if (b.value.advanceMs !== undefined) ctx.clock.advance(b.value.advanceMs);
    return jsonReply(200, { now: ctx.clock.now(), iso: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs });
  });
  r.get('/avatars/:kind/:file', (_req, params) => {
    const id = (params.file ?? '').replace(/\.png$/, '');
    return { status: 200, headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' }, body: avatarPng(128, avatarColor(ctx, id)) };
  });
  return {
    id: 'admin',
    router: r,
    notFound: (_req, kind) => jsonReply(kind === 'method-not-allowed' ? 405 : 404, { error: kind }),
    faultReply: () => jsonReply(500, { error: 'admin routes ignore faults' }),
    internalError: () => jsonReply(500, { error: 'internal error' }),
  };
}
