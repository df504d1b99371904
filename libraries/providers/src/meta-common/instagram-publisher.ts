import { z } from 'zod';
import { ProviderError } from '../contracts/provider-error';
import type { CommentInput, OutcomeQuery, PublishingQuota, PublishingQuotaReader, PublishInput, PublishOutcome, PublishedPost } from '../contracts/provider.types';
import type { GraphClient } from './graph-client';
import { containerStatusSchema, idSchema, permalinkSchema } from './graph.schemas';
import { InstagramOutcomeLookup } from './instagram.outcome';
import { instagramPlan, type ContainerParams } from '../instagram/instagram.settings';

/** Meta's pages give 100 API publications per 24 hours (some say 50 or 25); the platform's `quota_total` wins. */
const INSTAGRAM_DEFAULT_QUOTA = 100;

const FIRST_POLL_DELAY_MS = 1_000;
const MAX_POLL_DELAY_MS = 30_000;

const publishingLimitSchema = z.object({
  data: z
    .array(
      z.object({
        quota_usage: z.number().int().nonnegative(),
        config: z.object({ quota_total: z.number().int().positive(), quota_duration: z.number().int().positive().optional() }).optional(),
      }),
    )
    .min(1),
});

export interface InstagramPublisherOptions {
  graph: GraphClient;
  /** Graph base with version: `https://graph.instagram.com/v23.0` or `https://graph.facebook.com/v23.0`. */
  base: string;
  pollTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** What Meta's references say publishing and commenting need on this host (named in permission errors). */
  permissions: { publish: readonly string[]; comment: readonly string[] };
}

/** Content publishing through containers (docs/platforms.md D), identical on both Instagram hosts. */
export class InstagramPublisher {
  constructor(private readonly options: InstagramPublisherOptions) {}

  private get provider() {
    return this.options.graph.provider;
  }

  async publish(input: PublishInput): Promise<PublishedPost> {
    const containerId = await this.createContainers(input);
    await this.waitUntilFinished(containerId, input.tokens.accessToken);
    let published: { id: string };
    try {
      published = await this.options.graph.request({
        method: 'POST',
        url: `${this.options.base}/${input.channel.id}/media_publish`,
        body: { creation_id: containerId },
        token: input.tokens.accessToken,
        schema: idSchema,
        sideEffect: true,
        signal: input.signal,
        needs: this.options.permissions.publish,
      });
    } catch (error: unknown) {
      throw error instanceof ProviderError ? error.withOutcomeHint({ containerId }) : error;
    }
    return { id: published.id, url: await this.permalink(published.id, input.tokens.accessToken) };
  }

  async comment(input: CommentInput): Promise<PublishedPost> {
    if (input.media.length > 0) {
      throw new ProviderError('bad_content', this.provider, 'Instagram comments cannot carry images or videos');
    }
    const created = await this.options.graph.request({
      method: 'POST',
      url: `${this.options.base}/${input.parentId}/comments`,
      body: { message: input.text },
      token: input.tokens.accessToken,
      schema: idSchema,
      sideEffect: true,
      signal: input.signal,
      needs: this.options.permissions.comment,
    });
    return { id: created.id, url: await this.permalink(input.parentId, input.tokens.accessToken) };
  }

  /** The quota capability of both Instagram providers: Meta's pages give 100 posts per 24 hours (or 50, 25). */
  quotaReader(): PublishingQuotaReader {
    return { limit: INSTAGRAM_DEFAULT_QUOTA, windowSeconds: 86_400, read: (input) => this.publishingQuota(input) };
  }

  /** `content_publishing_limit` (docs/platforms.md D.4): posts published through the API in the last 24 hours, and the cap. */
  async publishingQuota(input: Pick<PublishInput, 'channel' | 'tokens'>): Promise<PublishingQuota> {
    const answer = await this.options.graph.request({
      method: 'GET',
      url: `${this.options.base}/${input.channel.id}/content_publishing_limit`,
      query: { fields: 'quota_usage,config' },
      token: input.tokens.accessToken,
      schema: publishingLimitSchema,
    });
    const [entry] = answer.data;
    const config = entry?.config;
    return { used: entry?.quota_usage ?? 0, ...(config ? { total: config.quota_total, windowSeconds: config.quota_duration } : {}) };
  }

  /** A lost media_publish answer: the container's status, then the media itself (instagram.outcome.ts). */
  checkOutcome(query: OutcomeQuery): Promise<PublishOutcome> {
    return new InstagramOutcomeLookup({ graph: this.options.graph, base: this.options.base }).find(query);
  }

  /** The plan's containers, carousel items first (each must be FINISHED before the carousel names it). */
  private async createContainers(input: PublishInput): Promise<string> {
    const plan = instagramPlan(this.provider, input);
    if (plan.kind === 'single') return this.container(input, plan.container);
    const children: string[] = [];
    for (const item of plan.items) {
      const id = await this.container(input, item);
      await this.waitUntilFinished(id, input.tokens.accessToken);
      children.push(id);
    }
    return this.container(input, { ...plan.container, children: children.join(',') });
  }

  private async container(input: PublishInput, params: ContainerParams): Promise<string> {
    const created = await this.options.graph.request({
      method: 'POST',
      url: `${this.options.base}/${input.channel.id}/media`,
      body: params,
      token: input.tokens.accessToken,
      schema: idSchema,
      needs: this.options.permissions.publish,
    });
    return created.id;
  }

  /** Backs off from 1 s to 30 s; gives up (retry later) after the configured window. */
  private async waitUntilFinished(containerId: string, token: string): Promise<void> {
    const deadline = this.options.now().getTime() + this.options.pollTimeoutMs;
    let delay = FIRST_POLL_DELAY_MS;
    for (;;) {
      const status = await this.status(containerId, token);
      switch (status.status_code) {
        case 'FINISHED':
        case 'PUBLISHED':
          return;
        case 'ERROR':
          throw this.badContent(status.status ?? 'Instagram could not process the media');
        case 'EXPIRED':
          throw new ProviderError('retry_later', this.provider, 'The Instagram container expired before publishing', {
            retryAt: this.options.now(),
          });
        case 'IN_PROGRESS':
          break;
      }
      if (this.options.now().getTime() + delay > deadline) {
        throw new ProviderError('retry_later', this.provider, 'Instagram is still processing the media', {
          retryAt: new Date(this.options.now().getTime() + MAX_POLL_DELAY_MS),
          outcomeHint: { containerId },
        });
      }
      await this.options.sleep(delay);
      delay = Math.min(delay * 2, MAX_POLL_DELAY_MS);
    }
  }

  private async status(containerId: string, token: string): Promise<z.infer<typeof containerStatusSchema>> {
    return this.options.graph.request({
      method: 'GET',
      url: `${this.options.base}/${containerId}`,
      query: { fields: 'status_code,status' },
      token,
      schema: containerStatusSchema,
    });
  }

  /** The post exists once media_publish answered; a missing permalink must not turn that into a failure. */
  private async permalink(mediaId: string, token: string): Promise<string> {
    try {
      const result = await this.options.graph.request({
        method: 'GET',
        url: `${this.options.base}/${mediaId}`,
        query: { fields: 'permalink' },
        token,
        schema: permalinkSchema,
      });
      return result.permalink;
    } catch (error: unknown) {
      if (!(error instanceof ProviderError)) throw error;
      return 'https://www.instagram.com/';
    }
  }

  private badContent(message: string): ProviderError {
    return new ProviderError('bad_content', this.provider, message);
  }
}
