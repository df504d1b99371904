import { type SandboxContext } from '../context';
import { allParams, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { createComment, listComments } from '../graph/graph-comments';
import { parseFields } from '../graph/graph-fields';
import { paramError } from '../graph/graph-errors';
import { type GraphToken } from '../graph/graph-state';
import { type IgActor, type IgNeed, resolveIgActor } from './ig-actor';
import { createContainer } from './ig-containers';
import { listMedia, listStories } from './ig-media-read';
import { containerNode, igUserNode, mediaNode, publishContainer, publishingLimit } from './ig-publish';

/**
 * Instagram content-publishing handlers, shared by graph.instagram.com (Instagram Login tokens) and
 * graph.facebook.com (Facebook user or Page tokens). Each resolves who acts before touching anything.
 */
function actor(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, igUserId: string, need: IgNeed): IgActor | SandboxReply {
  const result = resolveIgActor(ctx, token, igUserId, need, req.method);
  if ('status' in result) return result;
  req.identify(result.igUserId);
  return result;
}

export async function igCreateMedia(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, igUserId: string): Promise<SandboxReply> {
  const a = actor(ctx, req, token, igUserId, 'publish');
  return 'status' in a ? a : createContainer(ctx, a, allParams(req));
}

export function igPublish(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, igUserId: string): SandboxReply {
  const a = actor(ctx, req, token, igUserId, 'publish');
  return 'status' in a ? a : publishContainer(ctx, a, allParams(req).get('creation_id'), req.receivedAt);
}

export function igPublishingLimit(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, igUserId: string): SandboxReply {
  const a = actor(ctx, req, token, igUserId, 'read');
  return 'status' in a ? a : publishingLimit(ctx, a, allParams(req));
}

/** `GET /{ig-user-id}/media` or `/stories`, on either Graph host. */
export function igListMedia(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, igUserId: string, edge: 'media' | 'stories' = 'media'): SandboxReply {
  const a = actor(ctx, req, token, igUserId, 'read');
  if ('status' in a) return a;
  const params = allParams(req);
  const specs = parseFields(params.get('fields'));
  if (!specs) return paramError('Syntax error in fields');
  const host = token.host === 'instagram' ? ctx.urls.INSTAGRAM_GRAPH_URL : ctx.urls.FACEBOOK_GRAPH_URL;
  const base = `${host}/${req.graphVersion ?? ctx.graphVersion}/${a.igUserId}/${edge}`;
  return (edge === 'media' ? listMedia : listStories)(ctx, a.igUserId, specs, params, base);
}

/** GET of an Instagram object by id: the account, a container or a media. Undefined when the id is none of these. */
export function igNode(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, id: string, appScopedMe: boolean): SandboxReply | undefined {
  const specs = parseFields(allParams(req).get('fields'));
  if (!specs) return paramError('Syntax error in fields');
  const account = id === 'me' && token.host === 'instagram' ? ctx.personas.instagramAccount(token.subjectId) : ctx.personas.instagramAccount(id);
  if (account) {
    const a = actor(ctx, req, token, account.account.id, 'read');
    if ('status' in a) return a;
    return igUserNode(ctx, account.account, specs, appScopedMe ? ['id'] : ['id'], appScopedMe);
  }
  const container = ctx.graph.containers.get(id);
  if (container) {
    const a = actor(ctx, req, token, container.igUserId, 'read');
    return 'status' in a ? a : containerNode(ctx, container, specs);
  }
  const media = ctx.graph.igMedia.get(id);
  if (media) {
    const a = actor(ctx, req, token, media.igUserId, 'read');
    return 'status' in a ? a : mediaNode(ctx, media, specs);
  }
  return undefined;
}

/** Comments on an Instagram media; undefined when the id is not one. */
export function igComments(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, mediaId: string): SandboxReply | undefined {
  const media = ctx.graph.igMedia.get(mediaId);
  if (!media) return undefined;
  const a = actor(ctx, req, token, media.igUserId, req.method === 'POST' ? 'comment' : 'read');
  if ('status' in a) return a;
  if (req.method !== 'POST') return listComments(ctx, mediaId);
  return createComment(ctx, { parentId: mediaId, message: allParams(req).get('message'), fromId: a.igUserId, platform: 'instagram', via: a.via, appId: a.appId, receivedAt: req.receivedAt });
}
