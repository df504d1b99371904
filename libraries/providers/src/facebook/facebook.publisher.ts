import type { z } from 'zod';
import { ProviderError } from '../contracts/provider-error';
import type { CommentInput, MediaRef, OutcomeQuery, PublishInput, PublishOutcome, PublishedPost } from '../contracts/provider.types';
import type { GraphClient } from '../meta-common/graph-client';
import { idSchema, permalinkUrlSchema } from '../meta-common/graph.schemas';
import { FacebookOutcomeLookup } from './facebook.outcome';
import { feedPostSchema, finishSchema, photoSchema, uploadDoneSchema, uploadStartSchema } from './facebook.schemas';
import { facebookPlan } from './facebook.settings';

/** Page Feed, Photos, Videos, Reels and Stories references: a Page token of a person with CREATE_CONTENT. */
const PUBLISH_NEEDS = ['pages_manage_posts', 'pages_read_engagement'] as const;
/** Object Comments reference: commenting as the Page takes a Page token with pages_manage_engagement. */
const COMMENT_NEEDS = ['pages_manage_engagement'] as const;

export interface FacebookPublisherOptions {
  graph: GraphClient;
  /** `https://graph.facebook.com/v23.0` */
  base: string;
  /** `https://www.facebook.com`, for relative permalinks (videos). */
  siteUrl: string;
  /** FACEBOOK_RUPLOAD_URL, `https://rupload.facebook.com`: where Reels and video Stories are uploaded. */
  ruploadUrl: string;
  /** `v23.0` */
  graphVersion: string;
}

/**
 * Page posts (docs/platforms.md E, docs/platforms.md "Facebook options"): text or link → /feed, one photo → /photos,
 * several → staged photos + /feed, video → /videos, Reel → /video_reels, story → /photo_stories or /video_stories.
 */
/** A call that makes the post visible (a lost answer leaves its outcome unknown), with the publishing lease's signal. */
interface Visible {
  signal: AbortSignal | undefined;
}

export class FacebookPublisher {
  constructor(private readonly options: FacebookPublisherOptions) {}

  private get provider() {
    return this.options.graph.provider;
  }

  async publish(input: PublishInput): Promise<PublishedPost> {
    const pageId = input.channel.id;
    const token = input.tokens.accessToken;
    const plan = facebookPlan(this.provider, input);
    const visible: Visible = { signal: input.signal };
    switch (plan.kind) {
      case 'feed':
        return this.feed(pageId, token, plan.params, visible);
      case 'photo': {
        const created = await this.post(`${pageId}/photos`, plan.params, token, photoSchema, visible);
        return this.withPermalink(created.post_id ?? created.id, token);
      }
      case 'photos': {
        const staged: string[] = [];
        for (const photo of plan.photos) {
          const uploaded = await this.post(`${pageId}/photos`, photo, token, photoSchema, false);
          staged.push(uploaded.id);
        }
        return this.feed(pageId, token, { message: plan.message, attached_media: staged.map((id) => ({ media_fbid: id })) }, visible);
      }
      case 'video': {
        const created = await this.post(`${pageId}/videos`, plan.params, token, idSchema, visible);
        return this.withPermalink(created.id, token);
      }
      case 'reel': {
        const videoId = await this.upload(pageId, 'video_reels', plan.fileUrl, token);
        await this.post(`${pageId}/video_reels`, { upload_phase: 'finish', video_id: videoId, ...plan.finish }, token, finishSchema, visible);
        return { id: videoId, url: `${this.site}/reel/${videoId}` };
      }
      case 'photo_story': {
        const photo = await this.post(`${pageId}/photos`, { url: plan.url, published: false }, token, photoSchema, false);
        const story = await this.post(`${pageId}/photo_stories`, { photo_id: photo.id }, token, finishSchema, visible);
        return this.story(pageId, story.post_id ?? photo.id);
      }
      case 'video_story': {
        const videoId = await this.upload(pageId, 'video_stories', plan.fileUrl, token);
        const story = await this.post(`${pageId}/video_stories`, { upload_phase: 'finish', video_id: videoId }, token, finishSchema, visible);
        return this.story(pageId, story.post_id ?? videoId);
      }
    }
  }

  async comment(input: CommentInput): Promise<PublishedPost> {
    if (input.media.length > 1 || input.media.some(isVideo)) {
      throw this.badContent('A Facebook comment takes at most one image');
    }
    const [image] = input.media;
    const body = image ? { message: input.text, attachment_url: image.url } : { message: input.text };
    const created = await this.post(`${input.parentId}/comments`, body, input.tokens.accessToken, idSchema, { signal: input.signal }, undefined, COMMENT_NEEDS);
    return this.withPermalink(created.id, input.tokens.accessToken);
  }

  private async feed(pageId: string, token: string, body: Record<string, unknown>, visible: Visible): Promise<PublishedPost> {
    const created = await this.post(`${pageId}/feed`, body, token, feedPostSchema, visible, { fields: 'id,permalink_url' });
    return created.permalink_url ? { id: created.id, url: this.absolute(created.permalink_url) } : this.withPermalink(created.id, token);
  }

  /**
   * Meta's resumable flow for Reels and video Stories: `upload_phase=start` gives a video id, then rupload fetches
   * the file from `file_url` (FACEBOOK_RUPLOAD_URL, never the host the answer names).
   */
  private async upload(pageId: string, edge: 'video_reels' | 'video_stories', fileUrl: string, token: string): Promise<string> {
    const started = await this.post(`${pageId}/${edge}`, { upload_phase: 'start' }, token, uploadStartSchema, false);
    await this.options.graph.request({
      method: 'POST',
      url: `${this.options.ruploadUrl.replace(/\/+$/, '')}/video-upload/${this.options.graphVersion}/${encodeURIComponent(started.video_id)}`,
      headers: { file_url: fileUrl },
      authScheme: 'OAuth',
      token,
      needs: PUBLISH_NEEDS,
      schema: uploadDoneSchema,
    });
    return started.video_id;
  }

  private story(pageId: string, id: string): PublishedPost {
    return { id, url: `${this.site}/stories/${pageId}` };
  }

  private get site(): string {
    return this.options.siteUrl.replace(/\/+$/, '');
  }

  /** A lost answer (or a duplicate refusal): the post looked for in the Page feed (facebook.outcome.ts). */
  checkOutcome(query: OutcomeQuery): Promise<PublishOutcome> {
    return new FacebookOutcomeLookup({ graph: this.options.graph, base: this.options.base, absolute: (link) => this.absolute(link) }).find(query);
  }

  private post<T>(
    path: string,
    body: Record<string, unknown>,
    token: string,
    schema: z.ZodType<T>,
    visible: Visible | false,
    query?: Record<string, string>,
    needs: readonly string[] = PUBLISH_NEEDS,
  ): Promise<T> {
    const effect = visible ? { sideEffect: true, signal: visible.signal } : { sideEffect: false };
    return this.options.graph.request<T>({ method: 'POST', url: `${this.options.base}/${path}`, body, token, schema, ...effect, query, needs });
  }

  /** The post exists already; a permalink we cannot read falls back to the id-based URL instead of failing. */
  private async withPermalink(id: string, token: string): Promise<PublishedPost> {
    try {
      const result = await this.options.graph.request({
        method: 'GET',
        url: `${this.options.base}/${id}`,
        query: { fields: 'permalink_url' },
        token,
        schema: permalinkUrlSchema,
      });
      return { id, url: this.absolute(result.permalink_url) };
    } catch (error: unknown) {
      if (!(error instanceof ProviderError)) throw error;
      return { id, url: `${this.options.siteUrl.replace(/\/+$/, '')}/${id}` };
    }
  }

  private absolute(permalink: string): string {
    return permalink.startsWith('/') ? `${this.options.siteUrl.replace(/\/+$/, '')}${permalink}` : permalink;
  }

  private badContent(message: string): ProviderError {
    return new ProviderError('bad_content', this.provider, message);
  }
}

function isVideo(media: MediaRef): boolean {
  return media.mimeType.startsWith('video/');
}
