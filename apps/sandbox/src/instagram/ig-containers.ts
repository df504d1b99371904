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

/** `POST /{ig-user-id}/media`: builds an image, Reel, Story, carousel item or carousel container. */
export async function createContainer(ctx: SandboxContext, actor: IgActor, params: Map<string, string>): Promise<SandboxReply> {
  const mediaType = (params.get('media_type') ?? '').toUpperCase();
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
      const fetched = await fetchVideo(ctx, videoUrl);
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
    ...(error ? { error } : {}),
  };
  ctx.graph.containers.set(container.id, container);
  return jsonReply(200, { id: container.id });
}
