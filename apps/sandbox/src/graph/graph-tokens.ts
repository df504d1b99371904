import { type SandboxContext } from '../context';
import { randomAlphanumeric } from '../core/ids';
import { type GraphHost, type GraphToken, type GraphTokenKind, GraphState } from './graph-state';

const PREFIX: Record<GraphTokenKind, string> = { 'ig-short': 'IGQ', 'ig-long': 'IGAA', 'fb-user-short': 'EAAS', 'fb-user-long': 'EAAL', 'fb-page': 'EAAP' };

export function issueGraphToken(
  ctx: SandboxContext,
  input: { host: GraphHost; kind: GraphTokenKind; appId: string; personaId: string; subjectId: string; scopes: string[]; ttlSec: number | null; parent?: string },
): GraphToken {
  const now = ctx.clock.now();
  const token: GraphToken = {
    value: `${PREFIX[input.kind]}${randomAlphanumeric(input.kind.startsWith('ig') ? 120 : 180)}`,
    host: input.host,
    kind: input.kind,
    appId: input.appId,
    personaId: input.personaId,
    subjectId: input.subjectId,
    scopes: [...input.scopes],
    issuedAt: now,
    expiresAt: input.ttlSec === null ? null : now + input.ttlSec * 1000,
    ...(input.parent ? { parent: input.parent } : {}),
  };
  ctx.graph.tokens.set(token.value, token);
  ctx.ledger.recordToken({
    platform: input.host,
    kind: input.kind,
    value: token.value,
    sensitive: true,
    accountId: input.subjectId,
    appId: input.appId,
    issuedAt: now,
    expiresAt: token.expiresAt,
  });
  return token;
}

/** Removes the app's grant and kills every token the person holds for it (user and Page tokens). */
export function deauthorize(ctx: SandboxContext, host: GraphHost, appId: string, personaId: string): number {
  ctx.graph.grants.delete(GraphState.grantKey(host, appId, personaId));
  let revoked = 0;
  for (const token of ctx.graph.tokens.values()) {
    if (token.host === host && token.appId === appId && token.personaId === personaId && !token.revoked) {
      token.revoked = { subcode: 458, message: `Error validating access token: The user has not authorized application ${appId}.` };
      revoked += 1;
    }
  }
  return revoked;
}

export function revokeGraphToken(token: GraphToken): void {
  token.revoked = {
    subcode: 460,
    message: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  };
}
