import { type SandboxContext } from '../context';
import { jsonReply, type SandboxReply } from '../core/http-types';
import { type LedgerMedia } from '../core/ledger';
import { igPublishError, paramError } from '../graph/graph-errors';
import { type ContainerKind, type IgContainer } from '../graph/graph-state';
import { type IgActor } from './ig-actor';
import { fetchImage, fetchVideo } from './ig-media-fetch';

export type ContainerStatus = 'EXPIRED' | 'ERROR' | 'FINISHED' | 'IN_PROGRESS' | 'PUBLISHED';

export function containerStatus(ctx: SandboxContext, c: IgContainer): ContainerStatus {
  if (c.publishedMediaId) return 'PUBLISHED';
  const now = ctx.clock.now();
  if (now >= c.createdAt + ctx.timing.containerExpiryMs) return 'EXPIRED';
  if (c.error) return 'ERROR';
  if (now < c.readyAt) return 'IN_PROGRESS';
  return 'FINISHED';
}

const STATUS_TEXT: Record<ContainerStatus, string> = {
  EXPIRED: 'Expired: The container was not published within 24 hours.',
  ERROR: 'Error',
  FINISHED: 'Finished: Media has been uploaded and it is ready to be published.',
  IN_PROGRESS: 'In Progress: Media is still being processed.',
  PUBLISHED: 'Published: Media has been successfully published.',
};

export function containerStatusText(ctx: SandboxContext, c: IgContainer): string {
  const status = containerStatus(ctx, c);
  return status === 'ERROR' ? (c.error ?? 'Error') : STATUS_TEXT[status];
}

function captionProblem(caption: string): SandboxReply | undefined {
  const hashtags = (caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length;
  const mentions = (caption.match(/@[\p{L}\p{N}_.]+/gu) ?? []).length;
  if ([...caption].length <= 2200 && hashtags <= 30 && mentions <= 20) return undefined;
  return igPublishError(36004, 2207010, 'The caption is too long.', 'Caption too long', 'Captions are limited to 2200 characters, 30 hashtags and 20 @ tags.');
}

// What each kind of container takes (IG User Media reference, "Parameters"): anything else is refused, as Graph
// refuses a parameter an endpoint does not have, instead of the sandbox accepting and dropping it.
const TRANSPORT = ['access_token', 'appsecret_proof', 'fields'];
const ACCEPTED: Record<string, readonly string[]> = {
  IMAGE: ['image_url', 'caption', 'alt_text', 'location_id', 'user_tags', 'product_tags', 'collaborators', 'media_type', 'is_carousel_item'],
  CAROUSEL_ITEM_IMAGE: ['image_url', 'alt_text', 'user_tags', 'product_tags', 'media_type', 'is_carousel_item'],
  CAROUSEL_ITEM_VIDEO: ['video_url', 'media_type', 'is_carousel_item', 'user_tags'],
  REELS: ['video_url', 'caption', 'share_to_feed', 'collaborators', 'cover_url', 'thumb_offset', 'audio_name', 'location_id', 'user_tags', 'trial_params', 'media_type', 'upload_type'],
  STORIES: ['image_url', 'video_url', 'user_tags', 'media_type', 'upload_type'],
  CAROUSEL: ['children', 'caption', 'collaborators', 'location_id', 'product_tags', 'media_type'],
};

function unknownParam(kind: string, params: Map<string, string>): SandboxReply | undefined {
  const accepted = ACCEPTED[kind] ?? [];
  const extra = [...params.keys()].find((k) => !TRANSPORT.includes(k) && !accepted.includes(k));
  return extra ? paramError(`(#100) Param ${extra} is not supported for media_type ${kind.replace('CAROUSEL_ITEM_', '')}`) : undefined;
}

/** `collaborators`: a JSON list (or comma list) of at most 3 Instagram usernames, never with `@`. */
function collaboratorsProblem(raw: string | undefined): SandboxReply | undefined {
  if (raw === undefined) return undefined;
  let names: unknown;
  try {
    names = raw.trim().startsWith('[') ? JSON.parse(raw) : raw.split(',').map((s) => s.trim());
  } catch {
    return paramError('(#100) Param collaborators must be an array of usernames');
  }
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || !/^[A-Za-z0-9._]{1,30}$/.test(n))) {
    return paramError('(#100) Param collaborators must be an array of Instagram usernames');
  }
  if (names.length > 3) return paramError('(#100) You can invite up to 3 collaborators');
  return undefined;
}

/** `trial_params`: `{"graduation_strategy":"MANUAL"|"SS_PERFORMANCE"}`, Reels only. */
function trialProblem(raw: string | undefined): SandboxReply | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    const strategy = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>)['graduation_strategy'] : undefined;
    if (strategy === 'MANUAL' || strategy === 'SS_PERFORMANCE') return undefined;
  } catch {
    // fall through
  }
  return paramError('(#100) Param trial_params must be {"graduation_strategy": "MANUAL" | "SS_PERFORMANCE"}');
}

function booleanProblem(name: string, raw: string | undefined): SandboxReply | undefined {
  return raw === undefined || raw === 'true' || raw === 'false' ? undefined : paramError(`(#100) Param ${name} must be a boolean`);
}

function kindOf(mediaType: string, isItem: boolean, params: Map<string, string>): string {
  if (mediaType === 'VIDEO') return 'CAROUSEL_ITEM_VIDEO';
  if (mediaType === '' || mediaType === 'IMAGE') return isItem ? 'CAROUSEL_ITEM_IMAGE' : params.has('video_url') ? 'VIDEO_FEED' : 'IMAGE';
  return mediaType;
}

/** `POST /{ig-user-id}/media`: builds an image, Reel, Story, carousel item or carousel container. */
export async function createContainer(ctx: SandboxContext, actor: IgActor, params: Map<string, string>): Promise<SandboxReply> {
  const mediaType = (params.get('media_type') ?? '').toUpperCase();
  const declared = kindOf(mediaType, params.get('is_carousel_item') === 'true', params);
  const refused =
    unknownParam(declared, params) ??
    collaboratorsProblem(params.get('collaborators')) ??
    trialProblem(params.get('trial_params')) ??
    booleanProblem('share_to_feed', params.get('share_to_feed')) ??
    booleanProblem('is_carousel_item', params.get('is_carousel_item')) ??
    ((params.get('alt_text') ?? '').length > 1000 ? paramError('(#100) Param alt_text must be at most 1000 characters') : undefined) ??
    (params.has('thumb_offset') && !/^\d+$/.test(params.get('thumb_offset') ?? '') ? paramError('(#100) Param thumb_offset must be a non-negative integer (ms)') : undefined);
  if (refused) return refused;
  const isItem = params.get('is_carousel_item') === 'true';
  const caption = params.get('caption') ?? '';
  const captionError = captionProblem(caption);
  if (captionError) return captionError;
  if (params.has('upload_type') && actor.host === 'instagram') return paramError('Param upload_type is not supported on Instagram Login.');
  const imageUrl = params.get('image_url');
  const videoUrl = params.get('video_url');
  const now = ctx.clock.now();
  let kind: ContainerKind;
  let children: string[] = [];
  let isVideo = false;
  let readyAt = now + ctx.timing.containerProcessingMs;

  if (mediaType === 'CAROUSEL') {
    children = (params.get('children') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (children.length < 2 || children.length > 10) {
      return igPublishError(100, 2207028, '(#100) The carousel is invalid.', 'Carousel validation failed', `Carousels need between 2 and 10 media attachments; got ${children.length}.`);
    }
    for (const childId of children) {
      const child = ctx.graph.containers.get(childId);
      if (!child || child.igUserId !== actor.igUserId || !child.kind.startsWith('CAROUSEL_ITEM')) {
        return igPublishError(100, 2207028, '(#100) The carousel is invalid.', 'Carousel validation failed', `Child ${childId} is not a carousel item container of this account (Reels cannot be carousel items).`);
      }
      const status = containerStatus(ctx, child);
      if (status === 'ERROR' || status === 'EXPIRED' || status === 'PUBLISHED') {
        return igPublishError(100, 2207028, '(#100) The carousel is invalid.', 'Carousel validation failed', `Child ${childId} is ${status}.`);
      }
      readyAt = Math.max(readyAt, child.readyAt);
    }
    kind = 'CAROUSEL';
  } else if (mediaType === 'REELS') {
    if (isItem) return igPublishError(100, 2207028, '(#100) The carousel is invalid.', 'Carousel validation failed', 'Reels cannot be carousel items.');
    if (!videoUrl) return paramError('The parameter video_url is required');
    const cover = params.get('cover_url');
    if (cover) {
      // The Reel cover is fetched like any image: a JPEG of at most 8 MB (no aspect ratio rule).
      const fetched = await fetchImage(ctx, cover, false);
      if (!fetched.ok) return fetched.reply;
    }
    kind = 'REELS';
    isVideo = true;
  } else if (mediaType === 'STORIES') {
    if (!imageUrl && !videoUrl) return paramError('The parameter image_url or video_url is required');
    kind = 'STORIES';
    isVideo = !imageUrl;
  } else if (mediaType === 'VIDEO') {
    if (!isItem) return igPublishError(100, 2207023, '(#100) The media type is not supported.', 'Unsupported media type', 'The VIDEO media type is only for carousel items; use REELS.');
    if (!videoUrl) return paramError('The parameter video_url is required');
    kind = 'CAROUSEL_ITEM_VIDEO';
    isVideo = true;
  } else if (mediaType === '' || mediaType === 'IMAGE') {
    if (!imageUrl) return paramError('The parameter image_url is required');
    kind = isItem ? 'CAROUSEL_ITEM_IMAGE' : 'IMAGE';
  } else {
    return igPublishError(100, 2207023, '(#100) The media type is not supported.', 'Unknown media type', `The media type ${mediaType} is unknown.`);
  }

  const media: LedgerMedia[] = [];
  const mediaUrls: string[] = [];
  let error: string | undefined;
  if (kind !== 'CAROUSEL') {
    if (isVideo && videoUrl) {
      const fetched = await fetchVideo(ctx, videoUrl, kind === 'STORIES' ? 'STORIES' : kind === 'CAROUSEL_ITEM_VIDEO' ? 'CAROUSEL_ITEM_VIDEO' : 'REELS');
      mediaUrls.push(videoUrl);
      if (fetched.media) media.push(fetched.media);
      error = fetched.error;
    } else if (imageUrl) {
      const fetched = await fetchImage(ctx, imageUrl, kind !== 'STORIES');
      if (!fetched.ok) return fetched.reply;
      mediaUrls.push(imageUrl);
      media.push(fetched.media);
    }
  }
  const container: IgContainer = {
    id: ctx.graph.containerIds.next(),
    igUserId: actor.igUserId,
    appId: actor.appId,
    host: actor.host,
    kind,
    caption: kind.startsWith('CAROUSEL_ITEM') ? '' : caption,
    mediaUrls,
    media,
    children,
    isVideo,
    createdAt: now,
    readyAt,
    params: Object.fromEntries([...params].filter(([k]) => !TRANSPORT.includes(k))),
    ...(error ? { error } : {}),
  };
  ctx.graph.containers.set(container.id, container);
  return jsonReply(200, { id: container.id });
}
