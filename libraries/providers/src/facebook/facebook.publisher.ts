import type { z } from 'zod';
import { ProviderError } from '../contracts/provider-error';
import type { CommentInput, MediaRef, OutcomeQuery, PublishInput, PublishOutcome, PublishedPost } from '../contracts/provider.types';
import type { GraphClient } from '../meta-common/graph-client';
import { idSchema, permalinkUrlSchema } from '../meta-common/graph.schemas';
import { FacebookOutcomeLookup } from './facebook.outcome';
import { feedPostSchema, photoSchema } from './facebook.schemas';

export interface FacebookPublisherOptions {
  graph: GraphClient;
  /** `https://graph.facebook.com/v23.0` */
  base: string;
  /** `https://www.facebook.com`, for relative permalinks (videos). */
  siteUrl: string;
}

/** Page posts (platforms.md E): text → /feed, one photo → /photos, several → staged photos + /feed, video → /videos. */
export class FacebookPublisher {
  constructor(private readonly options: FacebookPublisherOptions) {}

  private get provider() {
    return this.options.graph.provider;
  }

  async publish(input: PublishInput): Promise<PublishedPost> {
    const pageId = input.channel.id;
    const token = input.tokens.accessToken;
    const videos = input.media.filter(isVideo);
    if (videos.length > 0) {
      const [video] = videos;
      if (!video || input.media.length > 1) throw this.badContent('A Facebook video post takes exactly one video and no images');
      const created = await this.post(`${pageId}/videos`, { file_url: video.url, description: input.text }, token, idSchema, true);
      return this.withPermalink(created.id, token);
    }
    const [photo] = input.media;
    if (photo && input.media.length === 1) {
      const created = await this.post(`${pageId}/photos`, { url: photo.url, message: input.text }, token, photoSchema, true);
      return this.withPermalink(created.post_id ?? created.id, token);
    }
    const staged: string[] = [];
    for (const image of input.media) {
      const uploaded = await this.post(`${pageId}/photos`, { url: image.url, published: false }, token, photoSchema, false);
      staged.push(uploaded.id);
    }
    const body = staged.length ? { message: input.text, attached_media: staged.map((id) => ({ media_fbid: id })) } : { message: input.text };
    const created = await this.post(`${pageId}/feed`, body, token, feedPostSchema, true, { fields: 'id,permalink_url' });
    return created.permalink_url
      ? { id: created.id, url: this.absolute(created.permalink_url) }
      : this.withPermalink(created.id, token);
  }

  async comment(input: CommentInput): Promise<PublishedPost> {
    if (input.media.length > 1 || input.media.some(isVideo)) {
      throw this.badContent('A Facebook comment takes at most one image');
    }
    const [image] = input.media;
    const body = image ? { message: input.text, attachment_url: image.url } : { message: input.text };
    const created = await this.post(`${input.parentId}/comments`, body, input.tokens.accessToken, idSchema, true);
    return this.withPermalink(created.id, input.tokens.accessToken);
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
    sideEffect: boolean,
    query?: Record<string, string>,
  ): Promise<T> {
    return this.options.graph.request<T>({ method: 'POST', url: `${this.options.base}/${path}`, body, token, schema, sideEffect, query });
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
