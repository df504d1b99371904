import { extractUrlsWithIndices } from 'twitter-text';
import { avatarUrl, type SandboxContext } from '../context';
import { allParams, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type FieldSpec, parseFields, selectFields } from '../graph/graph-fields';
import { graphError, nonexistingField, paramError, permissionError, unsupportedRequest } from '../graph/graph-errors';
import { cursorPage, edgeLink, readEdgeWindow, withinTime } from '../graph/graph-paging';
import { type FbPhoto, type FbPost, type GraphToken } from '../graph/graph-state';
import { pageAccess } from './fb-nodes';
import { fbPostFigures } from '../graph/graph-insights';

// Reading Page posts back (docs/platforms.md, "Meta: reading posts back"; Graph reference: Page Feed, Page Post,
// Page Post Attachments). A post's `message` is the text as posted; its link or photos are never part of it and come
// back only under `attachments`. The fields Meta removed from Page posts in v3.3 are refused.
const DEPRECATED_POST_FIELDS = ['caption', 'description', 'link', 'name', 'object_id', 'picture', 'source', 'type'];

function graphTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function photoAttachment(ctx: SandboxContext, photo: FbPhoto): Record<string, unknown> {
  const url = `https://www.facebook.com/photo.php?fbid=${photo.id}`;
  return { media_type: 'photo', type: 'photo', url, target: { id: photo.id, url }, media: { image: { src: photo.url ?? avatarUrl(ctx, 'page', photo.pageId), height: 720, width: 720 } } };
}

function linkAttachment(link: string): Record<string, unknown> {
  return { media_type: 'link', type: 'share', url: `https://l.facebook.com/l.php?u=${encodeURIComponent(link)}`, unshimmed_url: link, target: { url: link }, title: new URL(link).hostname };
}

/** The first link of a message becomes its preview when no link was given, as Facebook does on the web. */
function linkOf(post: FbPost): string | undefined {
  if (post.link) return post.link;
  const [first] = extractUrlsWithIndices(post.message);
  return first ? (/^https?:\/\//i.test(first.url) ? first.url : `http://${first.url}`) : undefined;
}

function attachments(ctx: SandboxContext, post: FbPost, spec: FieldSpec): unknown {
  const photos = post.photoIds.map((id) => ctx.graph.fbPhotos.get(id)).filter((p): p is FbPhoto => p !== undefined);
  let attachment: Record<string, unknown> | undefined;
  if (photos.length === 1 && photos[0]) attachment = photoAttachment(ctx, photos[0]);
  else if (photos.length > 1) attachment = { media_type: 'album', type: 'album', subattachments: { data: photos.map((p) => photoAttachment(ctx, p)) } };
  else {
    const link = linkOf(post);
    if (link) attachment = linkAttachment(link);
  }
  if (!attachment) return undefined;
  const picked = spec.sub.length ? Object.fromEntries(spec.sub.filter((s) => s.name in (attachment ?? {})).map((s) => [s.name, attachment?.[s.name]])) : attachment;
  return { data: [picked] };
}

export function postFields(ctx: SandboxContext, post: FbPost, specs: FieldSpec[]): { ok: true; value: Record<string, unknown> } | { ok: false; unknown: string } {
  const comments = [...ctx.graph.comments.values()].filter((c) => c.parentId === post.id);
  return selectFields(
    specs,
    {
      id: () => post.id,
      message: () => post.message || undefined,
      created_time: () => graphTime(post.createdAt),
      updated_time: () => graphTime(post.createdAt),
      permalink_url: () => post.permalink,
      is_published: () => post.published,
      status_type: () => (post.photoIds.length ? 'added_photos' : linkOf(post) ? 'shared_story' : 'mobile_status_update'),
      from: () => ({ id: post.pageId, name: ctx.personas.page(post.pageId)?.page.name }),
      full_picture: () => (post.photoIds.length ? avatarUrl(ctx, 'page', post.pageId) : undefined),
      attachments: (spec) => attachments(ctx, post, spec),
      comments: (spec) => {
        const total = comments.length + fbPostFigures(post, ctx.clock.now()).comments;
        const data = spec.modifiers.limit === '0' ? [] : comments.map((c) => ({ id: c.id, message: c.message }));
        return { data, summary: { order: 'ranked', total_count: total, can_comment: true } };
      },
      reactions: (spec) => {
        const data = [] as unknown[];
        return spec.modifiers.summary !== undefined ? { data, summary: { total_count: fbPostFigures(post, ctx.clock.now()).reactions, viewer_reaction: 'NONE' } } : { data };
      },
      shares: () => {
        const count = fbPostFigures(post, ctx.clock.now()).shares;
        return count > 0 ? { count } : undefined;
      },
    },
    ['created_time', 'message', 'id'],
  );
}

/** `(#12) link field is deprecated for versions v3.3 and higher`, for a field Meta removed from Page posts. */
export function deprecatedPostField(specs: FieldSpec[]): SandboxReply | undefined {
  const old = specs.find((s) => DEPRECATED_POST_FIELDS.includes(s.name));
  return old ? graphError(400, { message: `(#12) ${old.name} field is deprecated for versions v3.3 and higher`, code: 12 }) : undefined;
}

/**
 * `GET /{page-id}/feed` (and `/posts`): the Page's published posts, newest first, in pages of `limit` (at most 100)
 * with cursors, within `since`/`until`. Reading them takes `pages_read_engagement`.
 */
export function feedList(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string): SandboxReply {
  if (!pageAccess(ctx, token, pageId)) return unsupportedRequest('GET', pageId);
  if (!token.scopes.includes('pages_read_engagement')) return permissionError(10, "This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature.");
  const params = allParams(req);
  const specs = parseFields(params.get('fields'));
  if (!specs) return paramError('Syntax error in fields');
  const deprecated = deprecatedPostField(specs);
  if (deprecated) return deprecated;
  const read = readEdgeWindow(params);
  if (!read.ok) return read.reply;
  const posts = [...ctx.graph.fbPosts.values()]
    .filter((p) => p.pageId === pageId && p.published && withinTime(p.createdAt, read.window))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const base = `${ctx.urls.FACEBOOK_GRAPH_URL}/${req.graphVersion ?? ctx.graphVersion}/${pageId}/${req.path.endsWith('/posts') ? 'posts' : 'feed'}`;
  const { page, paging } = cursorPage(posts, read.window, (name, value) => edgeLink(base, params, read.window.limit, name, value));
  const data: unknown[] = [];
  for (const post of page) {
    const picked = postFields(ctx, post, specs);
    if (!picked.ok) return nonexistingField(picked.unknown, 'Post');
    data.push(picked.value);
  }
  return jsonReply(200, { data, ...(paging ? { paging } : {}) });
}
