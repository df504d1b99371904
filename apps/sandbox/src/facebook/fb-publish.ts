import { fetchRemoteMedia, type SandboxContext } from '../context';
import { allParams, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type LedgerMedia, mediaDigest } from '../core/ledger';
import { sniffMedia } from '../core/media-sniff';
import { graphError, paramError, permissionError, unsupportedRequest } from '../graph/graph-errors';
import { type FbPost, type GraphToken } from '../graph/graph-state';
import { pageAccess } from './fb-nodes';

const PHOTO_FORMATS = ['jpeg', 'png', 'gif', 'bmp', 'webp'];

// The parameters the Page Feed and Page Photos references list (a generous reading, so no legitimate call is
// refused); anything else is refused as Graph does, instead of being accepted and dropped.
const TRANSPORT = ['access_token', 'appsecret_proof', 'fields', 'method', 'format', 'suppress_http_code'];
const FEED_PARAMS = [
  'message', 'link', 'published', 'scheduled_publish_time', 'backdated_time', 'backdated_time_granularity', 'place', 'tags', 'targeting',
  'feed_targeting', 'child_attachments', 'multi_share_end_card', 'multi_share_optimized', 'object_attachment', 'text_format_preset_id',
  'unpublished_content_type', 'call_to_action', 'formatting', 'og_action_type_id', 'og_icon_id', 'og_object_id', 'og_phrase',
  'og_suggestion_mechanism', 'is_explicit_location', 'composer_session_id', 'no_story', 'source_type', 'sponsor_id',
];
const PHOTO_PARAMS = [
  'url', 'source', 'caption', 'message', 'published', 'no_story', 'temporary', 'alt_text_custom', 'scheduled_publish_time', 'backdated_time',
  'backdated_time_granularity', 'place', 'tags', 'targeting', 'feed_targeting', 'allow_spherical_photo', 'unpublished_content_type',
  'spherical_metadata', 'name', 'offline_id', 'composer_session_id', 'og_action_type_id', 'og_icon_id', 'og_object_id', 'og_phrase',
];

function unknownParam(params: Map<string, string>, accepted: readonly string[]): SandboxReply | undefined {
  const extra = [...params.keys()].find((k) => !TRANSPORT.includes(k) && !accepted.includes(k) && !/^attached_media(\[\d*\])?$/.test(k));
  return extra ? paramError(`(#100) Param ${extra} is not a valid parameter for this call`) : undefined;
}

/** Posting on a Page takes that Page's token with pages_manage_posts and pages_read_engagement. */
function pageWriter(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string): SandboxReply | undefined {
  if (!pageAccess(ctx, token, pageId)) return unsupportedRequest('POST', pageId);
  if (token.kind !== 'fb-page' || !token.scopes.includes('pages_manage_posts') || !token.scopes.includes('pages_read_engagement')) {
    return permissionError(200, 'If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission');
  }
  req.identify(pageId);
  return undefined;
}

function attachedMedia(params: Map<string, string>): string[] | undefined {
  const raw: string[] = [];
  for (const [k, v] of params) if (/^attached_media(\[\d*\])?$/.test(k)) raw.push(v);
  const ids: string[] = [];
  for (const value of raw) {
    try {
      const parsed = JSON.parse(value) as unknown;
      const items = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
      for (const item of items) {
        const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).media_fbid : undefined;
        if (typeof id !== 'string' && typeof id !== 'number') return undefined;
        ids.push(String(id));
      }
    } catch {
      return undefined;
    }
  }
  return ids;
}

function recordPost(ctx: SandboxContext, token: GraphToken, post: FbPost, media: LedgerMedia[], kind: 'post' | 'photo', receivedAt: number, params: Map<string, string>): void {
  ctx.ledger.recordPublished({
    platform: 'facebook',
    via: 'facebook-login',
    kind,
    appId: token.appId,
    accountId: post.pageId,
    releaseId: post.id,
    text: post.message,
    mediaUrls: media.map((m) => m.url),
    media,
    permalink: post.permalink,
    receivedAt,
    params: Object.fromEntries([...params].filter(([k]) => k !== 'access_token' && k !== 'appsecret_proof')),
  });
}

/** `POST /{page-id}/feed` → `{id: "<page>_<post>"}`. */
export function createFeedPost(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string): SandboxReply {
  const denied = pageWriter(ctx, req, token, pageId);
  if (denied) return denied;
  const p = allParams(req);
  const refused = unknownParam(p, FEED_PARAMS);
  if (refused) return refused;
  const message = p.get('message') ?? '';
  const link = p.get('link');
  const photoIds = attachedMedia(p);
  if (!photoIds) return paramError('Invalid attached_media: expected [{"media_fbid":"<photo id>"}]');
  for (const id of photoIds) {
    const photo = ctx.graph.fbPhotos.get(id);
    if (!photo || photo.pageId !== pageId || photo.published || photo.postId) return paramError(`attached_media ${id} is not an unpublished photo of this Page`);
  }
  if (!message && !link && photoIds.length === 0) return paramError('Missing message or attachment');
  const published = p.get('published') !== 'false';
  const scheduled = p.get('scheduled_publish_time');
  if (scheduled !== undefined) {
    const at = /^\d+$/.test(scheduled) ? Number(scheduled) * 1000 : Date.parse(scheduled);
    const now = ctx.clock.now();
    if (published || !Number.isFinite(at) || at < now + 10 * 60_000 || at > now + 75 * 24 * 3600_000) {
      return paramError('The specified scheduled publish time is invalid.');
    }
  }
  const last = [...ctx.graph.fbPosts.values()].filter((x) => x.pageId === pageId && x.published).pop();
  if (ctx.behaviour.refuseDuplicates && message && last && last.message === message) {
    return graphError(400, { message: '(#506) Duplicate status message', code: 506, error_user_title: 'Duplicate Post', error_user_msg: 'This status update is identical to the last one you posted. Try posting something different, or delete your previous update.' });
  }
  const id = `${pageId}_${ctx.graph.postIds.next()}`;
  const post: FbPost = { id, pageId, message, photoIds, createdAt: req.receivedAt, permalink: `https://www.facebook.com/${id.replace('_', '/posts/')}`, published, ...(link ? { link } : {}) };
  ctx.graph.fbPosts.set(id, post);
  const media: LedgerMedia[] = [];
  for (const photoId of photoIds) {
    const photo = ctx.graph.fbPhotos.get(photoId);
    if (photo) photo.postId = id;
    if (photo) media.push(photo.media);
  }
  if (published) recordPost(ctx, token, post, media, 'post', req.receivedAt, p);
  const wantsPermalink = (p.get('fields') ?? '').split(',').includes('permalink_url');
  return jsonReply(200, { id, ...(wantsPermalink ? { permalink_url: post.permalink } : {}) });
}

/** `POST /{page-id}/photos` (`url` or multipart `source`) → `{id, post_id}`; `post_id` is absent when unpublished. */
export async function createPhoto(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string): Promise<SandboxReply> {
  const denied = pageWriter(ctx, req, token, pageId);
  if (denied) return denied;
  const p = allParams(req);
  const refusedParam = unknownParam(p, PHOTO_PARAMS);
  if (refusedParam) return refusedParam;
  const url = p.get('url');
  const source = req.multipart.find((part) => part.name === 'source');
  let data: Buffer;
  let origin: string;
  if (source) {
    data = source.data;
    origin = `upload:${source.filename ?? 'source'}`;
  } else if (url) {
    const fetched = await fetchRemoteMedia(ctx, url, 10 * 1024 * 1024);
    if (!fetched.ok) return graphError(400, { message: `(#100) Failed to fetch the image at url: ${fetched.detail}`, code: 100, error_subcode: 2069019 });
    data = fetched.data;
    origin = url;
  } else {
    return graphError(400, { message: '(#324) Requires upload file', code: 324 });
  }
  const format = sniffMedia(data).format;
  if (!PHOTO_FORMATS.includes(format)) return graphError(400, { message: '(#324) Missing or invalid image file', code: 324 });
  const published = p.get('published') !== 'false';
  const caption = p.get('caption') ?? p.get('message') ?? '';
  const photoId = ctx.graph.postIds.next();
  const media = mediaDigest(origin, data, format);
  if (!published) {
    ctx.graph.fbPhotos.set(photoId, { id: photoId, pageId, published: false, caption, createdAt: req.receivedAt, media, ...(url ? { url } : {}) });
    return jsonReply(200, { id: photoId });
  }
  const postId = `${pageId}_${ctx.graph.postIds.next()}`;
  const post: FbPost = { id: postId, pageId, message: caption, photoIds: [photoId], createdAt: req.receivedAt, permalink: `https://www.facebook.com/photo.php?fbid=${photoId}`, published: true };
  ctx.graph.fbPosts.set(postId, post);
  ctx.graph.fbPhotos.set(photoId, { id: photoId, pageId, postId, published: true, caption, createdAt: req.receivedAt, media, ...(url ? { url } : {}) });
  recordPost(ctx, token, post, [media], 'photo', req.receivedAt, p);
  return jsonReply(200, { id: photoId, post_id: postId });
}
