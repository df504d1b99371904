import { avatarUrl, type SandboxContext } from '../context';
import { jsonReply, type SandboxReply } from '../core/http-types';
import { randomUrlSafe } from '../core/ids';
import { followersAt } from '../core/metrics';
import { igMediaFigures } from '../graph/graph-insights';
import { type FieldSpec, parseFields, selectFields } from '../graph/graph-fields';
import { igPublishError, nonexistingField, paramError } from '../graph/graph-errors';
import { type IgContainer, type IgMedia } from '../graph/graph-state';
import { type InstagramAccount } from '../personas/personas';
import { type IgActor } from './ig-actor';
import { containerStatus, containerStatusText } from './ig-containers';

const DAY = 24 * 3600_000;

function usage(ctx: SandboxContext, igUserId: string, sinceMs: number): number {
  return ctx.graph.publishes.filter((p) => p.igUserId === igUserId && p.at >= sinceMs).length;
}

/** `POST /{ig-user-id}/media_publish`. */
export function publishContainer(ctx: SandboxContext, actor: IgActor, creationId: string | undefined, receivedAt: number): SandboxReply {
  if (!creationId) return paramError('The parameter creation_id is required.');
  const c = ctx.graph.containers.get(creationId);
  if (!c || c.igUserId !== actor.igUserId) {
    return igPublishError(24, 2207006, 'The media with id ' + creationId + ' cannot be found.', 'Media not found', 'The media could not be found. It may have been deleted, or the access token may lack permission.');
  }
  if (c.kind.startsWith('CAROUSEL_ITEM')) return paramError('Carousel item containers cannot be published on their own; publish the CAROUSEL container.');
  const status = containerStatus(ctx, c);
  if (status === 'EXPIRED') {
    return igPublishError(-2, 2207020, 'The media you are trying to access has expired.', 'Media expired', 'The media you are trying to access has expired. Please try to generate a new container ID.');
  }
  if (status === 'ERROR') return igPublishError(-1, 2207032, 'Create media fail', 'Cannot Publish', 'The media could not be created. Check the container status for the reason.');
  if (status !== 'FINISHED') {
    return igPublishError(9007, 2207027, 'Media ID is not available', 'Cannot Publish', 'The media is not ready for publishing, please wait for a moment');
  }
  const quota = ctx.limits.igPublishQuota;
  if (usage(ctx, actor.igUserId, ctx.clock.now() - DAY) >= quota) {
    return igPublishError(9, 2207042, 'Application request limit reached', 'Limit reached', 'You reached maximum number of posts that is allowed to be published by Content Publishing API.');
  }
  const owner = ctx.personas.instagramAccount(c.igUserId);
  const id = ctx.graph.mediaIds.next();
  const shortcode = randomUrlSafe(8).slice(0, 11);
  const productType = c.kind === 'REELS' ? 'REELS' : c.kind === 'STORIES' ? 'STORY' : 'FEED';
  const mediaType = c.kind === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : c.isVideo ? 'VIDEO' : 'IMAGE';
  const permalink =
    productType === 'STORY'
      ? `https://www.instagram.com/stories/${owner?.account.username ?? 'sandbox'}/${id}/`
      : `https://www.instagram.com/${productType === 'REELS' ? 'reel' : 'p'}/${shortcode}/`;
  const media: IgMedia = { id, igUserId: c.igUserId, containerId: c.id, mediaType, productType, caption: c.caption, shortcode, permalink, createdAt: receivedAt, children: [] };
  c.publishedMediaId = id;
  const children = c.children.map((cid) => ctx.graph.containers.get(cid)).filter((x): x is IgContainer => x !== undefined);
  for (const child of children) {
    const childId = ctx.graph.mediaIds.next();
    child.publishedMediaId = childId;
    media.children.push(childId);
    ctx.graph.igMedia.set(childId, { ...media, id: childId, containerId: child.id, mediaType: child.isVideo ? 'VIDEO' : 'IMAGE', caption: '', children: [] });
  }
  ctx.graph.igMedia.set(id, media);
  ctx.graph.publishes.push({ igUserId: c.igUserId, at: ctx.clock.now() });
  const parts = c.kind === 'CAROUSEL' ? children : [c];
  ctx.ledger.recordPublished({
    platform: 'instagram',
    via: actor.via,
    kind: c.kind === 'CAROUSEL' ? 'carousel' : c.kind === 'REELS' ? 'reel' : c.kind === 'STORIES' ? 'story' : 'image',
    appId: actor.appId,
    accountId: c.igUserId,
    releaseId: id,
    text: c.caption,
    mediaUrls: parts.flatMap((p) => p.mediaUrls),
    media: parts.flatMap((p) => p.media),
    permalink,
    receivedAt,
    params: c.params,
    ...(c.kind === 'CAROUSEL' ? { itemParams: children.map((p) => p.params) } : {}),
  });
  return jsonReply(200, { id });
}

/** `GET /{ig-user-id}/content_publishing_limit`. */
export function publishingLimit(ctx: SandboxContext, actor: IgActor, params: Map<string, string>): SandboxReply {
  const specs = parseFields(params.get('fields'));
  if (!specs) return paramError('Syntax error in fields');
  const now = ctx.clock.now();
  const since = params.has('since') ? Math.max(Number(params.get('since')) * 1000, now - DAY) : now - DAY;
  const entry: Record<string, unknown> = { quota_usage: usage(ctx, actor.igUserId, since) };
  for (const s of specs) {
    if (s.name === 'config') entry.config = { quota_total: ctx.limits.igPublishQuota, quota_duration: 86400 };
    else if (s.name !== 'quota_usage') return nonexistingField(s.name, 'ContentPublishingLimit');
  }
  return jsonReply(200, { data: [entry] });
}

export function mediaNode(ctx: SandboxContext, m: IgMedia, specs: FieldSpec[]): SandboxReply {
  const owner = ctx.personas.instagramAccount(m.igUserId);
  const comments = [...ctx.graph.comments.values()].filter((c) => c.parentId === m.id);
  const picked = selectFields(
    specs,
    {
      id: () => m.id,
      caption: () => m.caption || undefined,
      media_type: () => m.mediaType,
      media_product_type: () => m.productType,
      media_url: () => ctx.graph.containers.get(m.containerId)?.mediaUrls[0],
      permalink: () => m.permalink,
      shortcode: () => m.shortcode,
      timestamp: () => new Date(m.createdAt).toISOString().replace(/\.\d{3}Z$/, '+0000'),
      username: () => owner?.account.username,
      owner: () => ({ id: m.igUserId }),
      comments_count: () => comments.length,
      like_count: () => igMediaFigures(m, ctx.clock.now()).likes,
      is_comment_enabled: () => true,
      children: () => ({ data: m.children.map((id) => ({ id })) }),
    },
    ['id'],
  );
  return picked.ok ? jsonReply(200, picked.value) : nonexistingField(picked.unknown, 'IGMedia');
}

export function containerNode(ctx: SandboxContext, c: IgContainer, specs: FieldSpec[]): SandboxReply {
  const picked = selectFields(specs, { id: () => c.id, status_code: () => containerStatus(ctx, c), status: () => containerStatusText(ctx, c) }, ['id']);
  return picked.ok ? jsonReply(200, picked.value) : nonexistingField(picked.unknown, 'ShadowIGMediaBuilder');
}

export function igUserNode(ctx: SandboxContext, account: InstagramAccount, specs: FieldSpec[], defaults: string[], appScoped: boolean): SandboxReply {
  const media = [...ctx.graph.igMedia.values()].filter((m) => m.igUserId === account.id);
  const picked = selectFields(
    specs,
    {
      id: () => (appScoped ? account.appScopedId : account.id),
      user_id: () => account.id,
      ig_id: () => Number(account.id.slice(-10)),
      username: () => account.username,
      name: () => account.name,
      account_type: () => account.accountType,
      profile_picture_url: () => avatarUrl(ctx, 'instagram', account.id),
      followers_count: () => followersAt(account.id, account.followers, ctx.clock.now()),
      follows_count: () => 12,
      media_count: () => media.length,
      biography: () => account.biography,
      website: () => 'https://example.com/sandbox',
    },
    defaults,
  );
  return picked.ok ? jsonReply(200, picked.value) : nonexistingField(picked.unknown, 'User');
}
