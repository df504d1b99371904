import { type SandboxContext } from '../context';
import { Ledger } from '../core/ledger';
import { GraphState } from '../graph/graph-state';
import { deauthorize, revokeGraphToken } from '../graph/graph-tokens';
import { WindowCounter } from '../x/x-rate-limit';
import { XState } from '../x/x-state';

export type TokenAction = { found: false } | { found: true; platform: 'x' | 'instagram' | 'facebook'; kind: string };

/** Revokes any token the sandbox issued: later use gets X code 89 or Graph 190/460. */
export function revokeToken(ctx: SandboxContext, value: string): TokenAction {
  const x = ctx.x.accessTokens.get(value);
  if (x) {
    x.revoked = true;
    return { found: true, platform: 'x', kind: 'x-access-token' };
  }
  const g = ctx.graph.tokens.get(value);
  if (!g) return { found: false };
  revokeGraphToken(g);
  return { found: true, platform: g.host, kind: g.kind };
}

/** Ends a Graph token's life now (190/463). X tokens never expire, so for them this is a revocation. */
export function expireToken(ctx: SandboxContext, value: string): TokenAction {
  const g = ctx.graph.tokens.get(value);
  if (!g) return revokeToken(ctx, value);
  g.expiresAt = ctx.clock.now();
  return { found: true, platform: g.host, kind: g.kind };
}

/** The person removes the app(s) in their settings: every token for it stops working. */
export function deauthorizePersona(ctx: SandboxContext, personaId: string, platform?: 'x' | 'instagram' | 'facebook', appId?: string): number {
  let count = 0;
  const persona = ctx.personas.get(personaId);
  if (!persona) return 0;
  if (!platform || platform === 'x') {
    for (const t of ctx.x.accessTokens.values()) {
      if (t.userId === persona.x.id && !t.revoked && (!appId || t.consumerKey === appId)) {
        t.revoked = true;
        count += 1;
      }
    }
  }
  for (const host of ['instagram', 'facebook'] as const) {
    if (platform && platform !== host) continue;
    const apps = host === 'instagram' ? ctx.apps.instagram : ctx.apps.facebook;
    for (const app of apps) if (!appId || app.appId === appId) count += deauthorize(ctx, host, app.appId, persona.id);
  }
  return count;
}

export function resetState(ctx: SandboxContext, initialOffsetMs: number): void {
  ctx.ledger = new Ledger();
  ctx.x = new XState();
  ctx.graph = new GraphState();
  ctx.rate = new WindowCounter();
  ctx.faults.clear();
  ctx.clock.setOffset(initialOffsetMs);
}
