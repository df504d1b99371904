import { type SandboxContext } from '../context';
import { allParams, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type Router } from '../core/router';
import { requireGraphToken } from '../graph/graph-auth';
import { createComment, listComments } from '../graph/graph-comments';
import { parseFields } from '../graph/graph-fields';
import { graphError, nonexistingField, paramError, permissionError, unsupportedRequest } from '../graph/graph-errors';
import { GraphState, type GraphToken } from '../graph/graph-state';
import { igAccountInsights, igMediaInsights, pageInsights } from '../graph/graph-insights';
import { igComments, igCreateMedia, igListMedia, igNode, igPublish, igPublishingLimit } from '../instagram/ig-handlers';
import { deprecatedPostField, feedList, postFields } from './fb-feed';
import { pageAccess, pageFields, pageNode } from './fb-nodes';
import { createFeedPost, createPhoto } from './fb-publish';
import { createVideo, photoStory, uploadVideo, videoFlow } from './fb-video';
import { userNode } from './fb-oauth.routes';

/** `GET /me/accounts`: the Pages the person shared with the app, 25 per page by default, with cursors. */
function accounts(ctx: SandboxContext, req: SandboxRequest, token: GraphToken): SandboxReply {
  if (token.kind === 'fb-page') return nonexistingField('accounts', 'Page');
  const params = allParams(req);
  const specs = parseFields(params.get('fields'));
  if (!specs) return paramError('Syntax error in fields');
  const limit = Math.min(100, Math.max(1, Number(params.get('limit') ?? 25) || 25));
  const grant = ctx.graph.grants.get(GraphState.grantKey('facebook', token.appId, token.personaId));
  const persona = ctx.personas.get(token.personaId);
  const pages = token.scopes.includes('pages_show_list') ? (persona?.facebook.pages ?? []).filter((p) => grant?.pageIds.includes(p.id)) : [];
  const decode = (c: string | undefined): string => (c ? Buffer.from(c, 'base64url').toString() : '');
  let start = 0;
  if (params.get('after')) start = pages.findIndex((p) => p.id === decode(params.get('after'))) + 1;
  else if (params.get('before')) start = Math.max(0, pages.findIndex((p) => p.id === decode(params.get('before'))) - limit);
  const slice = pages.slice(start, start + limit);
  const data: unknown[] = [];
  for (const page of slice) {
    const picked = pageFields(ctx, token, page, specs, ['access_token', 'category', 'category_list', 'name', 'id', 'tasks']);
    if (!picked.ok) return nonexistingField(picked.unknown, 'Page');
    data.push(picked.value);
  }
  if (slice.length === 0) return jsonReply(200, { data: [] });
  const cursor = (id: string | undefined): string => Buffer.from(id ?? '').toString('base64url');
  const before = cursor(slice[0]?.id);
  const after = cursor(slice[slice.length - 1]?.id);
  const link = (key: 'after' | 'before', value: string): string => {
    const q = new URLSearchParams([...params].filter(([k]) => k !== 'after' && k !== 'before'));
    q.set('limit', String(limit));
    q.set(key, value);
    return `${ctx.urls.FACEBOOK_GRAPH_URL}/${req.graphVersion ?? ctx.graphVersion}/me/accounts?${q.toString()}`;
  };
  const paging: Record<string, unknown> = { cursors: { before, after } };
  if (start + limit < pages.length) paging.next = link('after', after);
  if (start > 0) paging.previous = link('before', before);
  return jsonReply(200, { data, paging });
}

export function registerFacebookPageRoutes(router: Router, ctx: SandboxContext): void {
  const withToken =
    (fn: (req: SandboxRequest, token: GraphToken, id: string) => SandboxReply | undefined | Promise<SandboxReply | undefined>) =>
    async (req: SandboxRequest, params: Record<string, string>): Promise<SandboxReply> => {
      const auth = requireGraphToken(ctx, req, 'facebook');
      if (!auth.ok) return auth.reply;
      const id = params.id ?? 'me';
      return (await fn(req, auth.token, id)) ?? unsupportedRequest(req.method, id);
    };

  router.get('/me/accounts', withToken((req, token) => accounts(ctx, req, token)));

  const readNode = (req: SandboxRequest, token: GraphToken, id: string): SandboxReply | undefined => {
    const fields = allParams(req).get('fields');
    if (ctx.personas.page(id)) return pageNode(ctx, token, id, fields);
    const post = ctx.graph.fbPosts.get(id);
    if (post) {
      if (!pageAccess(ctx, token, post.pageId)) return unsupportedRequest('GET', id);
      const specs = parseFields(fields);
      if (!specs) return paramError('Syntax error in fields');
      const deprecated = deprecatedPostField(specs);
      if (deprecated) return deprecated;
      const picked = postFields(ctx, post, specs);
      return picked.ok ? jsonReply(200, picked.value) : nonexistingField(picked.unknown, 'Post');
    }
    const photo = ctx.graph.fbPhotos.get(id);
    if (photo) return pageAccess(ctx, token, photo.pageId) ? jsonReply(200, { id: photo.id, ...(photo.postId ? { page_story_id: photo.postId } : {}) }) : unsupportedRequest('GET', id);
    if (id === ctx.personas.get(token.personaId)?.facebook.userId && token.kind !== 'fb-page') return userNode(ctx, token, fields);
    return igNode(ctx, req, token, id, false);
  };

  router.get('/:id', withToken((req, token, id) => readNode(req, token, id)));

  // Multiple ID read (Graph API "Using the Graph API: Multiple ID Read Requests"): `GET /?ids=a,b&fields=…`, at most 50
  // ids, answered as one object keyed by id; an id that names nothing fails the whole request with (#803).
  router.get(
    '/',
    withToken((req, token) => {
      const raw = allParams(req).get('ids');
      if (!raw) return unsupportedRequest('GET', 'me');
      const ids = [...new Set(raw.split(',').map((i) => i.trim()).filter(Boolean))];
      if (ids.length > 50) return paramError('Too many IDs. Maximum: 50');
      const out: Record<string, unknown> = {};
      const missing: string[] = [];
      for (const id of ids) {
        const reply = readNode(req, token, id);
        if (!reply) {
          missing.push(id);
          continue;
        }
        if (reply.status !== 200) return reply;
        out[id] = JSON.parse(String(reply.body));
      }
      if (missing.length) return graphError(404, { message: `(#803) Some of the aliases you requested do not exist: ${missing.join(',')}`, code: 803 });
      return jsonReply(200, out);
    }),
  );

  router.post('/:id/feed', withToken((req, token, id) => createFeedPost(ctx, req, token, id)));
  router.get('/:id/feed', withToken((req, token, id) => feedList(ctx, req, token, id)));
  router.get('/:id/posts', withToken((req, token, id) => feedList(ctx, req, token, id)));
  router.post('/:id/photos', withToken((req, token, id) => createPhoto(ctx, req, token, id)));
  router.post('/:id/videos', withToken((req, token, id) => createVideo(ctx, req, token, id)));
  router.post('/:id/video_reels', withToken((req, token, id) => videoFlow(ctx, req, token, id, 'video_reels')));
  router.post('/:id/video_stories', withToken((req, token, id) => videoFlow(ctx, req, token, id, 'video_stories')));
  router.post('/:id/photo_stories', withToken((req, token, id) => photoStory(ctx, req, token, id)));
  // rupload.facebook.com, served on the Graph port (FACEBOOK_RUPLOAD_URL points here).
  router.post('/video-upload/:version/:videoId', (req, params) => uploadVideo(ctx, req, params.videoId ?? ''));

  const comments = withToken((req, token, id) => {
    const post = ctx.graph.fbPosts.get(id);
    if (!post) return igComments(ctx, req, token, id);
    if (!pageAccess(ctx, token, post.pageId)) return unsupportedRequest(req.method, id);
    if (req.method !== 'POST') return listComments(ctx, id);
    if (token.kind !== 'fb-page' || !token.scopes.includes('pages_manage_engagement')) {
      return permissionError(200, 'Permissions error: commenting as a Page requires a Page access token with pages_manage_engagement');
    }
    req.identify(post.pageId);
    return createComment(ctx, { parentId: id, message: allParams(req).get('message'), fromId: post.pageId, platform: 'facebook', via: 'facebook-login', appId: token.appId, receivedAt: req.receivedAt });
  });
  router.get('/:id/comments', comments);
  router.post('/:id/comments', comments);

  router.get('/:id/media', withToken((req, token, id) => igListMedia(ctx, req, token, id)));
  router.get('/:id/stories', withToken((req, token, id) => igListMedia(ctx, req, token, id, 'stories')));
  router.post('/:id/media', withToken((req, token, id) => igCreateMedia(ctx, req, token, id)));
  router.post('/:id/media_publish', withToken((req, token, id) => igPublish(ctx, req, token, id)));
  router.get('/:id/content_publishing_limit', withToken((req, token, id) => igPublishingLimit(ctx, req, token, id)));
  router.get(
    '/:id/insights',
    withToken((req, token, id) => {
      if (ctx.personas.page(id)) return pageInsights(ctx, req, token, id);
      const media = ctx.graph.igMedia.get(id);
      if (media) return igMediaInsights(ctx, req, token, media);
      if (ctx.personas.instagramAccount(id)) return igAccountInsights(ctx, req, token, id);
      return undefined;
    }),
  );
}
