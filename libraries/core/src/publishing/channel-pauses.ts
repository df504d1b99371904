import type { PublishingPost } from '@herald/database';
import type { PublishingPause, PublishingQuota, PublishingQuotaReader, PublishInput, SocialProvider } from '@herald/providers';
import type { PublishingDeps } from './publishing.ports';
import type { Slots } from './slots';

const QUOTA_RECHECK_MS = 3600_000;

/**
 * When a channel may be called: the pause a platform rate limit left on it (or on every channel of its platform),
 * and the platform's publishing quota (a rolling window). Reading a pause before an attempt and writing one after a
 * platform answer change together, and with nothing else.
 */
export class ChannelPauses {
  constructor(
    private readonly deps: Pick<PublishingDeps, 'channels' | 'logger'>,
    /** The worker's platform calls: a quota read is one. */
    private readonly calls: Slots,
  ) {}

  /** Until when the channel must not be called: a platform rate limit, or the platform's publishing quota (rolling window). */
  async until(post: PublishingPost, provider: SocialProvider, input: PublishInput | Error, now: Date): Promise<Date | undefined> {
    const channel = post.integration;
    if (channel.publishBlockedUntil && channel.publishBlockedUntil > now) return channel.publishBlockedUntil;
    const quota = provider.quota;
    if (post.parentPostId || !quota) return undefined;
    const windowMs = quota.windowSeconds * 1000;
    const recent = await this.deps.channels.publishedRootsSince(channel.id, new Date(now.getTime() - windowMs));
    const platform = input instanceof Error ? undefined : await this.platformQuota(post, quota, input);
    const used = platform?.used ?? recent.count;
    if (used < (platform?.total ?? quota.limit)) return undefined;
    // A slot frees when the oldest publication leaves the window. Herald knows its own; one made elsewhere
    // (or none it knows of) is waited for an hour at a time.
    const oldestLeaves = recent.oldest ? recent.oldest.getTime() + windowMs : 0;
    const until = new Date(Math.max(oldestLeaves, now.getTime() + QUOTA_RECHECK_MS));
    this.deps.logger.info({ postId: post.id, used, until, platform: provider.identifier }, 'publishing quota reached: the post waits');
    await this.deps.channels.blockChannel(channel.id, until);
    return until;
  }

  /**
   * A rate-limit window is used up: the channel (or, for the app's own cap, every channel of the platform) publishes
   * nothing until it resets. Its posts wait in QUEUE; none fails for it.
   */
  async apply(post: PublishingPost, pauses: readonly PublishingPause[]): Promise<void> {
    for (const { scope, until } of pauses) {
      if (scope === 'channel') {
        await this.deps.channels.blockChannel(post.integrationId, until);
        continue;
      }
      const channels = await this.deps.channels.blockProvider(post.integration.providerIdentifier, until);
      this.deps.logger.warn({ provider: post.integration.providerIdentifier, until, channels }, 'the app’s rate limit is used up: every channel of the platform waits');
    }
  }

  /** The platform's own count; undefined when it cannot be read, and Herald's count decides. */
  private async platformQuota(post: PublishingPost, quota: PublishingQuotaReader, input: PublishInput): Promise<PublishingQuota | undefined> {
    try {
      return await this.calls.run(() => quota.read(input));
    } catch (error: unknown) {
      this.deps.logger.warn({ err: error, postId: post.id }, 'could not read the publishing quota; counting Herald’s own posts');
      return undefined;
    }
  }
}
