import { type SandboxContext } from '../context';
import { type SandboxReply } from '../core/http-types';
import { type GraphToken } from '../graph/graph-state';
import { GraphState } from '../graph/graph-state';
import { permissionError, unsupportedRequest } from '../graph/graph-errors';

/** Who is acting on an Instagram professional account, and through which login. */
export interface IgActor {
  igUserId: string;
  appId: string;
  host: 'instagram' | 'facebook';
  via: 'instagram-login' | 'facebook-login';
  token: GraphToken;
}

export type IgNeed = 'read' | 'publish' | 'comment';

const SCOPES: Record<'instagram' | 'facebook', Record<IgNeed, string[]>> = {
  instagram: {
    read: ['instagram_business_basic'],
    publish: ['instagram_business_basic', 'instagram_business_content_publish'],
    comment: ['instagram_business_basic', 'instagram_business_manage_comments'],
  },
  facebook: {
    read: ['instagram_basic', 'pages_show_list'],
    publish: ['instagram_basic', 'instagram_content_publish', 'pages_read_engagement'],
    comment: ['instagram_basic', 'instagram_manage_comments', 'pages_read_engagement'],
  },
};

/**
 * Instagram Login tokens act only on their own account. Facebook tokens reach an Instagram account through a
 * granted Page it is linked to (user token) or through that Page's own token.
 */
export function resolveIgActor(ctx: SandboxContext, token: GraphToken, igUserId: string, need: IgNeed, method: string): IgActor | SandboxReply {
  const id = igUserId === 'me' ? token.subjectId : igUserId;
  if (token.host === 'instagram') {
    if (token.subjectId !== id) return unsupportedRequest(method, igUserId);
  } else {
    const grant = ctx.graph.grants.get(GraphState.grantKey('facebook', token.appId, token.personaId));
    const persona = ctx.personas.get(token.personaId);
    const pages = (persona?.facebook.pages ?? []).filter((p) => grant?.pageIds.includes(p.id) && p.instagramAccountId === id);
    const reachable = token.kind === 'fb-page' ? pages.some((p) => p.id === token.subjectId) : pages.length > 0;
    if (!reachable) return unsupportedRequest(method, igUserId);
  }
  const missing = SCOPES[token.host][need].filter((s) => !token.scopes.includes(s));
  if (missing.length) return permissionError(10, 'Application does not have permission for this action');
  return { igUserId: id, appId: token.appId, host: token.host, via: token.host === 'instagram' ? 'instagram-login' : 'facebook-login', token };
}
